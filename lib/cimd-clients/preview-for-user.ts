// The request form's preview, rate limited per user: every preview makes the portal fetch a URL.
import type { CurrentUser } from "@/lib/auth/guards";
import { previewClientMetadata, type CimdPreview } from "@/lib/cimd/preview";
import { minutesUntil, takeAttempt } from "@/lib/rate-limit/limiter";
import { LIMITS } from "@/lib/rate-limit/limits";
import { clientIdUrlSchema } from "./schema";

export async function previewForUser(
  user: CurrentUser,
  input: unknown,
): Promise<{ preview?: CimdPreview; message?: string }> {
  const parsed = clientIdUrlSchema.safeParse(input);
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Enter the client_id URL" };
  const verdict = await takeAttempt(LIMITS.cimdPreviewsPerUser, user.id);
  if (!verdict.ok) {
    const minutes = minutesUntil(verdict.retryAfterMs);
    return { message: `Too many previews in a short time; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  return { preview: await previewClientMetadata(parsed.data) };
}
