// Settings an admin changes in the dashboard (the environment holds the rest).
import { z } from "zod";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";

const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());

export const settingsSchema = z.object({
  reviewTargetBusinessDays: z.coerce
    .number()
    .int()
    .min(1, { error: "At least 1 business day" })
    .max(30, { error: "At most 30 business days" }),
  defaultEntryLifetimeDays: z.coerce.number().int().min(0).max(3650, { error: "At most 3650 days" }),
  // Checkboxes: present ("on") when ticked, absent when not; stored as "true"/"false".
  autoApproveHttps: checkbox,
  autoApproveSchemes: checkbox,
  autoApproveCimd: checkbox,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  reviewTargetBusinessDays: 2,
  defaultEntryLifetimeDays: 0,
  autoApproveHttps: true,
  autoApproveSchemes: true,
  autoApproveCimd: true,
};

/** What applies when the stored settings cannot be read: the defaults, with nothing approved unseen. */
const FAIL_SAFE_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  autoApproveHttps: false,
  autoApproveSchemes: false,
  autoApproveCimd: false,
};

export async function getSettings(db: Pick<Db, "setting">): Promise<Settings> {
  const rows = await db.setting.findMany();
  const raw: Record<string, string> = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  // A portal whose admin saved the settings before CIMD auto-approval existed gets it as they set
  // https auto-approval, not switched on by an upgrade.
  const cimdDefault = raw.autoApproveHttps ?? DEFAULT_SETTINGS.autoApproveCimd;
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, autoApproveCimd: cimdDefault, ...raw });
  return parsed.success ? parsed.data : FAIL_SAFE_SETTINGS;
}

export async function saveSettings(db: Db, next: Settings, actor: { id: string; email: string }, ip?: string | null) {
  await recordedChange(db, async (tx) => {
    const before = await getSettings(tx);
    for (const [key, value] of Object.entries(next)) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: String(value) },
        update: { value: String(value) },
      });
    }
    return {
      result: undefined,
      audit: { actor, action: "settings.changed", entityType: "settings", before, after: next, ip },
    };
  });
}

/** Whole weekdays (Mon–Fri) between two instants. */
export function businessDaysBetween(from: Date, to: Date): number {
  let days = 0;
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const end = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()));
  while (cursor < end) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    const day = cursor.getUTCDay();
    if (day !== 0 && day !== 6) days++;
  }
  return days;
}

/** The expiry date a reviewer's approval starts from (YYYY-MM-DD), or "" for none. */
export function defaultExpiryDate(settings: Settings, now = new Date()): string {
  if (settings.defaultEntryLifetimeDays <= 0) return "";
  return new Date(now.getTime() + settings.defaultEntryLifetimeDays * 86_400_000).toISOString().slice(0, 10);
}
