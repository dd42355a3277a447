import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { CLIENT_TYPES, type ClientType } from "@/lib/clients/schema";
import { listOwnClients } from "@/lib/clients/queries";
import { primaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "My clients" };

export default async function ClientsPage() {
  const user = await requireUser("/clients");
  const clients = await listOwnClients(user.id);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">My clients</h1>
          <p className="text-slate-600">The MCP client applications you request redirect URIs for.</p>
        </div>
        <Link href="/clients/new" className={primaryButton}>
          Add a client
        </Link>
      </div>
      {clients.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No clients yet.{" "}
          <Link href="/clients/new" className="text-indigo-700 underline">
            Describe your first client
          </Link>{" "}
          to request redirect URIs for it.
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
          {clients.map((client) => (
            <li key={client.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <Link href={`/clients/${client.id}`} className="font-medium text-slate-900 hover:text-indigo-700">
                  {client.name}
                </Link>
                <p className="text-sm text-slate-600">
                  {client.vendor} · {CLIENT_TYPES[client.clientType as ClientType] ?? client.clientType} ·{" "}
                  {client.requestCount} {client.requestCount === 1 ? "request" : "requests"}
                </p>
              </div>
              <Link href={`/requests/new?client=${client.id}`} className="text-sm text-indigo-700 hover:underline">
                Request redirect URIs →
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
