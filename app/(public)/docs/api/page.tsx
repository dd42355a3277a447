import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API for authorization servers" };

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-relaxed text-slate-100">
      {children}
    </pre>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument(env.APP_URL);
  const base = env.APP_URL;
  return (
    <article className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold">API for authorization servers</h1>
        <p className="text-slate-700">{doc.info.description}</p>
        <p className="text-sm text-slate-600">
          Machine-readable:{" "}
          <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Health: <code className="font-mono">/api/health</code> (process up),{" "}
          <code className="font-mono">/api/ready</code> (database reachable).
        </p>
      </header>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Authentication</h2>
        <p className="text-slate-700">
          Send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Admins create tokens in the
          dashboard (or{" "}
          <code className="font-mono">
            npx portal token create --name as --scopes allowlist:read,allowlist:validate
          </code>
          ); a token is shown once. Missing or unknown tokens get <code className="font-mono">401</code> with{" "}
          <code className="font-mono">WWW-Authenticate: Bearer</code>; a token without the scope gets{" "}
          <code className="font-mono">403</code>. Every error has the shape{" "}
          <code className="font-mono">{`{"error": "…", "error_description": "…"}`}</code>.
        </p>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">
          <code className="font-mono">GET /api/v1/allowlist</code>
        </h2>
        <p className="text-slate-700">{doc.paths["/api/v1/allowlist"].get.description}</p>
        <Code>{`curl -sS --compressed -H "Authorization: Bearer $TOKEN" ${base}/api/v1/allowlist

{"version":42,"generated_at":"2026-11-26T10:00:00.000Z",
 "entries":[{"id":"…","kind":"exact","uri":"https://claude.ai/api/mcp/auth_callback",
             "client":{"id":"…","name":"Claude"},"approved_at":"…","expires_at":null}],
 "blocked":[]}`}</Code>
        <p className="text-slate-700">
          Poll cheaply: keep the <code className="font-mono">ETag</code> and send it back. An unchanged list answers{" "}
          <code className="font-mono">304</code> with no body.
        </p>
        <Code>{`curl -sS -o /dev/null -w "%{http_code}\\n" -H "Authorization: Bearer $TOKEN" \\
     -H 'If-None-Match: "42"' ${base}/api/v1/allowlist
304`}</Code>
        <p className="text-slate-700">
          Or ask only for what changed since your version. Added entries are in <code className="font-mono">added</code>
          , removed ones (revoked, expired) by id in <code className="font-mono">removed</code>. When your version is
          older than the kept history, or a block or a CIMD client changed, the answer is the full snapshot with{" "}
          <code className="font-mono">&quot;full&quot;: true</code>: replace your copy.
        </p>
        <Code>{`curl -sS -H "Authorization: Bearer $TOKEN" "${base}/api/v1/allowlist?since=40"

{"version":42,"since":40,"added":[{"id":"…","kind":"loopback","uri":"http://127.0.0.1/callback",…}],"removed":["…"]}`}</Code>
        <p className="text-sm text-slate-600">
          Kinds: <code className="font-mono">exact</code> (byte for byte), <code className="font-mono">loopback</code>{" "}
          (any port 1–65535, RFC 8252 §7.3), <code className="font-mono">path_prefix</code> (the prefix plus one segment
          of <code className="font-mono">[A-Za-z0-9_-]{"{1,128}"}</code>). <code className="font-mono">blocked</code>{" "}
          entries deny a URI or a whole host even where an entry allows it.
        </p>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">
          <code className="font-mono">POST /api/v1/allowlist/validate</code>
        </h2>
        <p className="text-slate-700">{doc.paths["/api/v1/allowlist/validate"].post.description}</p>
        <Code>{`curl -sS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{"redirect_uris":["https://unallowed.com"]}' ${base}/api/v1/allowlist/validate

HTTP 400
{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com"]}`}</Code>
        <p className="text-slate-700">
          All allowed: <code className="font-mono">200 {`{"redirect_uris": [...]}`}</code>. The 400 body is exactly what
          RFC 7591 registration should answer the client, with <code className="font-mono">disallowed_uris</code> in
          request order, each once. A body that is not{" "}
          <code className="font-mono">{`{"redirect_uris": [1–32 strings]}`}</code> gets{" "}
          <code className="font-mono">400 invalid_client_metadata</code>.
        </p>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">
          <code className="font-mono">GET /api/v1/allowlist/signed</code>
        </h2>
        <p className="text-slate-700">{doc.paths["/api/v1/allowlist/signed"].get.description}</p>
        <Code>{`curl -sS -H "Authorization: Bearer $TOKEN" ${base}/api/v1/allowlist/signed
eyJhbGciOiJFUzI1NiIsInR5cCI6ImFsbG93bGlzdCtqd3QiLCJraWQiOiLigKYifQ.eyJpc3MiOi…

curl -sS ${base}/.well-known/allowlist-jwks.json
{"keys":[{"kty":"EC","crv":"P-256","kid":"…","alg":"ES256","use":"sig","x":"…","y":"…"}, …]}`}</Code>
        <p className="text-slate-700">
          The client library in this repository (<code className="font-mono">packages/allowlist-client</code>) does all
          of this: it polls, verifies, keeps the last good copy on disk, refuses rollbacks, and matches exactly as the
          portal does. Keys rotate with <code className="font-mono">portal keys rotate</code>; the next key is always
          published ahead, and a retired key stays published for one signature lifetime.
        </p>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">CIMD clients (client ID metadata documents)</h2>
        <p className="text-slate-700">
          The snapshot&apos;s <code className="font-mono">clients</code> lists each approved CIMD client with its pinned
          document and redirect URIs. The portal re-fetches approved documents: a removed redirect URI leaves the list
          at once, and a new one (or new keys, a new authentication method, name or logo) joins only after a reviewer
          approves the change; either way the version moves. To validate one, send its{" "}
          <code className="font-mono">client_id</code> too:
        </p>
        <Code>{`curl -sS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{"client_id":"https://app.example.com/oauth/client.json","redirect_uris":["http://127.0.0.1:5173/cb"]}' \\
     ${base}/api/v1/allowlist/validate`}</Code>
        <p className="text-slate-700">{doc.paths["/api/v1/cimd/preview"].post.description}</p>
        <Code>{`curl -sS -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
     -d '{"client_id":"https://app.example.com/oauth/client.json"}' ${base}/api/v1/cimd/preview`}</Code>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} className="rounded-md border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <Code>{JSON.stringify(schema, null, 2)}</Code>
          </details>
        ))}
      </section>
    </article>
  );
}
