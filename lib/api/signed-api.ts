// GET /api/v1/allowlist/signed (the snapshot as a JWS) and GET /.well-known/allowlist-jwks.json
// (the keys to verify it with). The signed feed shares the JSON feed's views, tokens and ETags:
// a poll for an unchanged version is a 304 before any signing is looked at.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { KeyRing } from "@/lib/feed-signing/key-ring";
import { SIGNED_FEED_CONTENT_TYPE } from "@/lib/feed-signing/sign";
import { SignedFeed } from "@/lib/feed-signing/signed-feed";
import { andThen, answerReader, feed, type MaybePromise, viewOr503 } from "./allowlist-api";
import { feedResponse, notModified } from "./feed-response";
import { type ApiRequest, type ApiResponse, etagMatches, jsonResponse, temporarilyUnavailable } from "./http";

export const signedFeed = new SignedFeed(
  new KeyRing(db, env.FEED_SIGNING_SECRET, env.FEED_SIGNATURE_LIFETIME, env.FEED_SIGNING_ALG),
  {
    issuer: env.APP_URL,
    audience: env.FEED_AUDIENCE,
    lifetimeSeconds: env.FEED_SIGNATURE_LIFETIME,
  },
);

const unavailable = () => temporarilyUnavailable("The signed allowlist cannot be made right now. Retry shortly.");

export function handleSignedGet(req: ApiRequest): MaybePromise<ApiResponse> {
  return answerReader(req, "signed", answerSigned);
}

function answerSigned(req: ApiRequest): MaybePromise<ApiResponse> {
  const conditional = req.header("if-none-match") !== undefined;
  return andThen(
    viewOr503(() => (conditional ? feed.forPoll() : feed.current())),
    (view): MaybePromise<ApiResponse> => {
      if ("status" in view) return view;
      if (etagMatches(req.header("if-none-match"), view.etag)) return notModified(view.etag);
      return signedFeed.body(view).then(
        (body) => feedResponse(req, view.etag, body, SIGNED_FEED_CONTENT_TYPE),
        (error: unknown) => {
          console.error("[api] could not sign the allowlist", error);
          return unavailable();
        },
      );
    },
  );
}

export async function handleJwks(): Promise<ApiResponse> {
  try {
    const jwks = await signedFeed.keys.jwks();
    // Short caching: a rotation's new next key must reach verifiers well within a lifetime.
    return jsonResponse(200, jwks, { "content-type": "application/jwk-set+json", "cache-control": "max-age=300" });
  } catch (error) {
    console.error("[api] could not read the signing keys", error);
    return temporarilyUnavailable("The signing keys cannot be read right now. Retry shortly.");
  }
}
