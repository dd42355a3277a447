// The signed snapshot of each feed view, made once per view and signing key and kept with the
// view (a WeakMap: it goes when the view goes). It is re-signed when the current key changes or
// when a quarter of the lifetime has passed, so a fetched copy always has most of its life ahead.
// The ETag stays the view's: the version, as for the JSON feed.
import { EncodedBody } from "@/lib/allowlist/encoded-body";
import type { FeedView } from "@/lib/allowlist/feed-view";
import type { KeyRing } from "./key-ring";
import { signSnapshot } from "./sign";

export interface SignedFeedSettings {
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
}

interface Signed {
  kid: string;
  iat: number;
  body: Promise<EncodedBody>;
}

export class SignedFeed {
  private readonly byView = new WeakMap<FeedView, Signed>();

  constructor(
    readonly keys: KeyRing,
    private readonly settings: SignedFeedSettings,
  ) {}

  /** The view's JWS; the view's bytes must be prepared (view.body set). */
  async body(view: FeedView): Promise<EncodedBody> {
    const signer = await this.keys.signer();
    const now = Math.floor(Date.now() / 1000);
    const cached = this.byView.get(view);
    if (cached && cached.kid === signer.kid && now - cached.iat < this.settings.lifetimeSeconds / 4) return cached.body;
    const { issuer, audience, lifetimeSeconds } = this.settings;
    const json = await (view.body ?? (await view.prepare())).identity();
    const body = signSnapshot(json, { iss: issuer, aud: audience, iat: now, exp: now + lifetimeSeconds }, signer).then(
      async (jws) => {
        const encoded = new EncodedBody(jws);
        await encoded.get("gzip");
        return encoded;
      },
    );
    const entry = { kid: signer.kid, iat: now, body };
    this.byView.set(view, entry);
    body.catch(() => {
      if (this.byView.get(view) === entry) this.byView.delete(view);
    });
    return body;
  }
}
