import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listOwnClientOptions } from "@/lib/requests/queries";
import { CimdRequestForm } from "@/components/cimd-request-form";
import { RequestForm } from "@/components/request-form/request-form";

export const metadata: Metadata = { title: "Request redirect URIs" };

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ client?: string }> }) {
  const user = await requireUser("/requests/new");
  const [{ client }, clients] = await Promise.all([searchParams, listOwnClientOptions(user.id)]);
  const selected = clients.some((c) => c.id === client) ? client : undefined;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request redirect URIs</h1>
        <p className="text-slate-600">
          Staff review every request. You can follow it on its page and are emailed when it is decided.
        </p>
      </div>
      {clients.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="cimd-toggle">
          <summary className="cursor-pointer font-medium text-slate-800">
            My client uses a client ID metadata document
          </summary>
          <p className="mt-2 mb-4 text-sm text-slate-600">
            Its client_id is an https URL whose JSON document lists its redirect URIs. We fetch it now, show you what we
            read, and pin exactly that for the reviewers.
          </p>
          <CimdRequestForm clients={clients} clientId={selected} />
        </details>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <RequestForm mode={{ kind: "new", clients, clientId: selected }} />
      </div>
    </div>
  );
}
