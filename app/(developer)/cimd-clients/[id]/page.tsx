import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CimdDriftPanel } from "@/components/cimd-drift-panel";
import { requireUser } from "@/lib/auth/guards";
import { getCimdDriftForOwner } from "@/lib/cimd-drift/queries";

export const metadata: Metadata = { title: "CIMD client" };

export default async function OwnCimdClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/cimd-clients/${id}`);
  // Ownership is part of the query: another developer's client is simply not found.
  const drift = await getCimdDriftForOwner(id, user.id);
  if (!drift) notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">CIMD client</h1>
        <p className="font-mono text-sm wrap-anywhere" data-testid="cimd-client-id">
          {drift.clientIdUrl}
        </p>
        <p className="text-sm text-slate-600">
          The portal re-reads your metadata document regularly. Removed redirect URIs leave the allowlist at once; new
          ones, new keys or a new name wait for a reviewer.
        </p>
      </div>
      <CimdDriftPanel drift={drift} />
    </div>
  );
}
