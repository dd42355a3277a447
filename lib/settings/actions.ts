"use server";

import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { saveSettings, settingsSchema } from "./settings";

export const saveSettingsAction = validatedAction({
  role: "admin",
  schema: settingsSchema,
  async run(settings, { user, ip }) {
    await saveSettings(db, settings, user, ip);
    return { message: "Settings saved." };
  },
  revalidate: () => ["/admin/settings"],
});
