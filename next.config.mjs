// JavaScript, not TypeScript: a next.config.ts makes every server start load Next's native SWC
// compiler to read it (about 25 MB of resident memory for a file of settings).
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and WASM-backed database packages load from node_modules at run time, not the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/client",
  ],
  experimental: {
    authInterrupts: true,
    // Chosen, not inherited (Next's default is 1 MB, and a larger body answers a bare HTTP 500).
    // The largest legitimate action body is a request form: 32 URIs of at most 4,096 characters
    // plus a 2,000-character justification, about 150 kB; every text field has a maxLength and a
    // zod max with a clear message. 512 kB leaves room for multibyte text and form encoding.
    serverActions: { bodySizeLimit: "512kb" },
    // Next preloads every page's server bundle at start (about 40 MB here). The feed and the API
    // never need them, and a page's first visit loads its own in milliseconds.
    preloadEntriesOnStart: false,
  },
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the whole project, tests included) runs in CI; the production
  // build does not repeat it, so `npm start` on a fresh clone builds faster.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
