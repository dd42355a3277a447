import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM-backed database packages load from node_modules at run time, not the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/client",
  ],
  experimental: { authInterrupts: true },
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
