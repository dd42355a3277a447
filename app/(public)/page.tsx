import Link from "next/link";
import { currentUser } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";

export default async function LandingPage() {
  const user = await currentUser();
  const staff = user && hasRole(user.role, "reviewer");
  return (
    <div className="space-y-12">
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-slate-900">
          Get your MCP client&apos;s redirect URIs allowed
        </h1>
        <p className="mt-4 text-lg text-slate-600">
          This authorization server accepts Dynamic Client Registration only for redirect URIs on its allowlist. If your
          client was refused with{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-sm">invalid_redirect_uri</code>, request the URIs
          here: you get instant feedback on each one, can follow your request to a decision, and are emailed when it is
          made.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link
            href="/requests/new"
            className="rounded-md bg-indigo-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-indigo-700"
          >
            Request a redirect URI
          </Link>
          {staff ? (
            <Link
              href="/admin"
              className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 hover:bg-slate-50"
            >
              Open the review dashboard
            </Link>
          ) : (
            <Link
              href="/signin?callbackUrl=%2Fadmin"
              className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 hover:bg-slate-50"
            >
              Staff: review dashboard
            </Link>
          )}
        </div>
      </section>
      <section className="grid gap-6 sm:grid-cols-3">
        {[
          ["1. Describe your client", "Its name, vendor, homepage and type: reviewers see who is asking."],
          [
            "2. Submit redirect URIs",
            "Each URI is checked as you type against the same policy the server enforces, with a fix for common mistakes.",
          ],
          [
            "3. Follow the decision",
            "See where your request stands, answer reviewers' questions, and get an email for every decision.",
          ],
        ].map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="font-semibold text-slate-900">{title}</h2>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </section>
      <p className="text-sm text-slate-500">
        Operating the authorization server? It reads the approved list from the{" "}
        <Link className="text-indigo-700 underline" href="/docs/api">
          HTTP API
        </Link>
        .
      </p>
    </div>
  );
}
