// Auth.js must see every request at the portal's one public origin (APP_URL): the links in sign-in
// emails, its redirects and the OIDC redirect_uri are all built from the request URL. Next.js gives
// route handlers its own idea of that URL (the listening host and port, with 127.0.0.1 and [::1]
// rewritten to "localhost"), and next-auth's AUTH_URL override goes back through NextRequest, which
// rewrites them again. So the auth route hands Auth.js a plain Request rebuilt at APP_URL.
export async function atPublicOrigin(request: Request, publicOrigin: string): Promise<Request> {
  const incoming = new URL(request.url);
  const url = new URL(incoming.pathname + incoming.search, publicOrigin);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: "manual",
  });
}
