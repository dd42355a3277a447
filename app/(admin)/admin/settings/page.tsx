import type { Metadata } from "next";
import { saveSettingsAction } from "@/lib/settings/actions";
import { requireRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings/settings";
import { ActionForm } from "@/components/admin/action-form";
import { inputClass, primaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireRole("admin", "/admin/settings");
  const settings = await getSettings(db);
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ActionForm
        action={saveSettingsAction}
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <label className="block text-sm">
          <span className="font-medium text-slate-800">Review-age target (business days)</span>
          <input
            type="number"
            name="reviewTargetBusinessDays"
            min={1}
            max={30}
            defaultValue={settings.reviewTargetBusinessDays}
            className={`${inputClass} mt-1 max-w-32`}
          />
          <span className="mt-1 block text-xs text-slate-500">
            Requests waiting longer are highlighted in the queue.
          </span>
        </label>
        <label className="block text-sm">
          <span className="font-medium text-slate-800">Default lifetime of new entries (days, 0 = no expiry)</span>
          <input
            type="number"
            name="defaultEntryLifetimeDays"
            min={0}
            max={3650}
            defaultValue={settings.defaultEntryLifetimeDays}
            className={`${inputClass} mt-1 max-w-32`}
          />
          <span className="mt-1 block text-xs text-slate-500">
            Prefills the expiry date when a reviewer approves; they can change it.
          </span>
        </label>
        <button className={primaryButton}>Save settings</button>
      </ActionForm>
    </div>
  );
}
