import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getOwnClient } from "@/lib/clients/queries";
import { ClientForm } from "../client-form";

export const metadata: Metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/clients/${id}`);
  const client = await getOwnClient(user.id, id);
  if (!client) notFound();
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
      <ClientForm
        initial={{ ...client, logoUrl: client.logoUrl ?? "", metadataDocumentUrl: client.metadataDocumentUrl ?? "" }}
      />
    </div>
  );
}
