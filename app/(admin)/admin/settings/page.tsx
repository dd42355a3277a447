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
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium text-slate-800">Auto-approval by verified domain</legend>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="autoApproveHttps"
              defaultChecked={settings.autoApproveHttps}
              data-testid="setting-auto-approve-https"
              className="mt-1"
            />
            <span>https redirect URIs on a developer&apos;s verified domain</span>
          </label>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="autoApproveSchemes"
              defaultChecked={settings.autoApproveSchemes}
              data-testid="setting-auto-approve-schemes"
              className="mt-1"
            />
            <span>private-use schemes that are the verified domain reversed (com.example.app:/cb for example.com)</span>
          </label>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="autoApproveCimd"
              defaultChecked={settings.autoApproveCimd}
              data-testid="setting-auto-approve-cimd"
              className="mt-1"
            />
            <span>
              CIMD clients whose client_id URL is on the developer&apos;s verified domain (one exact URL, never a host
              rule), when every redirect URI in its document is one the developer&apos;s verified domains would approve
              by themselves
            </span>
          </label>
          <span className="block text-xs text-slate-500">
            Only when every URI of a request qualifies and none is flagged, loopback, a path prefix or blocked. Such
            requests are approved at once by the portal and show in the queue with the flag &ldquo;auto-approved&rdquo;.
          </span>
        </fieldset>
        <button className={primaryButton}>Save settings</button>
      </ActionForm>
    </div>
  );
}
