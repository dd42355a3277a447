// /api/auth/* — Auth.js, at the portal's public origin (lib/auth/public-request.ts).
import { authRoute } from "@/lib/auth";

export const GET = authRoute;
export const POST = authRoute;
