// An early redirect to sign-in, keeping the page the visitor asked for. A convenience only: every
// page, action and route handler checks the session and role itself (lib/auth/guards.ts).
import { type NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/session-cookies";
import { env } from "@/lib/env";

export function proxy(request: NextRequest) {
  // Navigations only: a server action or a POST answers for itself (401/403 from its guard).
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  // At the public origin: request.url is Next's view (listening port, loopback written "localhost").
  const signIn = new URL("/signin", env.APP_URL);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/requests/:path*", "/clients/:path*", "/admin/:path*"],
};
