import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { ClientForm } from "../client-form";

export const metadata: Metadata = { title: "Add a client" };

export default async function NewClientPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const user = await requireUser("/clients/new");
  const { next } = await searchParams;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Add a client</h1>
        <p className="text-slate-600">Reviewers use this to decide whether to trust the redirect URIs you request.</p>
      </div>
      <ClientForm
        next={next}
        initial={{
          name: "",
          vendor: "",
          homepage: "",
          description: "",
          contactEmail: user.email,
          clientType: "",
          logoUrl: "",
          metadataDocumentUrl: "",
        }}
      />
    </div>
  );
}
