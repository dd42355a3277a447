import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { listCimdClientsOf } from "@/lib/cimd-drift/queries";
import { getOwnClient } from "@/lib/clients/queries";
import { ClientForm } from "../client-form";

export const metadata: Metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/clients/${id}`);
  const client = await getOwnClient(user.id, id);
  if (!client) notFound();
  const cimdClients = await listCimdClientsOf(client.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {client.name}</h1>
      <p className="text-sm text-slate-600">
        Own the domain of its redirect URIs?{" "}
        <Link href="/domains" className="text-indigo-700 underline">
          Verify it
        </Link>{" "}
        and requests for URIs on it are approved at once.
      </p>
      {cimdClients.length > 0 && (
        <section className="space-y-2 text-sm" aria-labelledby="cimd-heading">
          <h2 id="cimd-heading" className="font-semibold">
            Approved client ID metadata documents
          </h2>
          <ul data-testid="own-cimd-clients">
            {cimdClients.map((c) => (
              <li key={c.id}>
                <Link href={`/cimd-clients/${c.id}`} className="font-mono wrap-anywhere text-indigo-700 underline">
                  {c.clientIdUrl}
                </Link>
                {c.revokedAt ? " · revoked" : c.unreachableSince ? " · unreachable" : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ClientForm
        initial={{ ...client, logoUrl: client.logoUrl ?? "", metadataDocumentUrl: client.metadataDocumentUrl ?? "" }}
      />
    </div>
  );
}
