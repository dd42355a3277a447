import type { Metadata } from "next";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div
      className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="check-email"
    >
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-3 text-slate-700">
        We sent you a sign-in link. Open it in this browser to continue; it works once and expires in 24 hours.
      </p>
      {!env.SMTP_URL && (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This server has no SMTP configured: the link is in the server&apos;s log, under “[mail]”.
        </p>
      )}
    </div>
  );
}
