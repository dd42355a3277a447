import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { listOwnClientOptions } from "@/lib/requests/queries";
import { RequestForm } from "@/components/request-form/request-form";

export const metadata: Metadata = { title: "Request redirect URIs" };

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ client?: string }> }) {
  const user = await requireUser("/requests/new");
  const [{ client }, clients] = await Promise.all([searchParams, listOwnClientOptions(user.id)]);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Request redirect URIs</h1>
        <p className="text-slate-600">
          Staff review every request. You can follow it on its page and are emailed when it is decided.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <RequestForm
          mode={{ kind: "new", clients, clientId: clients.some((c) => c.id === client) ? client : undefined }}
        />
      </div>
    </div>
  );
}
