import type { Metadata } from "next";
import { MAGIC_LINK_MINUTES } from "@/lib/auth/config";
import { localPath, signInEmailSchema } from "@/lib/auth/schema";
import { env } from "@/lib/env";
import { EmailSignInForm } from "../email-sign-in-form";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const email = signInEmailSchema.shape.email.safeParse(params.email ?? "");
  const callbackUrl = localPath.parse(params.callbackUrl ?? "/");
  return (
    <div
      className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      data-testid="check-email"
    >
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-3 text-slate-700">
        {email.success ? (
          <>
            If <strong data-testid="check-email-address">{email.data}</strong> can sign in, a sign-in link is on its way
            to it.
          </>
        ) : (
          "We sent you a sign-in link."
        )}{" "}
        Open it in this browser to continue; it works once and expires in {MAGIC_LINK_MINUTES} minutes.
      </p>
      {params.resent === "1" && email.success && (
        <p
          role="status"
          data-testid="link-resent"
          className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          Another link is on its way. Open the newest email: it may take a minute, and can land in the spam folder.
        </p>
      )}
      {!env.SMTP_URL && (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This server has no SMTP configured: the link is in the server&apos;s log, under “[mail]”.
        </p>
      )}
      {email.success && (
        <details className="mt-6 border-t border-slate-200 pt-4 text-sm">
          <summary className="cursor-pointer text-indigo-700">No email after a minute? Send it again</summary>
          <div className="mt-3">
            <EmailSignInForm
              callbackUrl={callbackUrl}
              defaultEmail={email.data}
              submitLabel="Send the link again"
              resend
            />
          </div>
        </details>
      )}
    </div>
  );
}
