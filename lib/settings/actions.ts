"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { requireActionRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { settingsSchema, saveSettings } from "./settings";

export async function saveSettingsAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const admin = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = settingsSchema.safeParse({
      reviewTargetBusinessDays: formData.get("reviewTargetBusinessDays"),
      defaultEntryLifetimeDays: formData.get("defaultEntryLifetimeDays"),
    });
    if (!parsed.success) return invalid(parsed.error);
    await saveSettings(db, parsed.data, admin, await requestIp());
    return { ok: true, message: "Settings saved." };
  });
  revalidatePath("/admin/settings");
  return result;
}
