import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/guards";
import { githubSignInAction, oidcSignInAction } from "@/lib/auth/actions";
import { localPath, signInEmailSchema } from "@/lib/auth/schema";
import { env } from "@/lib/env";
import { EmailSignInForm } from "./email-sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "This account cannot sign in. Ask an admin.",
  Deactivated: "This account has been deactivated and cannot sign in. Ask an admin.",
  StaffIdentity:
    "Your identity provider did not give the portal a verified email address in an allowed domain, so single sign-on cannot sign you in. Ask your identity provider's administrators, or sign in with an email link.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  Configuration: "Sign-in is not configured correctly on the server. Tell the portal's operators.",
  OAuthAccountNotLinked: "This email address already signs in another way. Use the email link.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = localPath.parse(params.callbackUrl ?? "/");
  if (await currentUser()) redirect(callbackUrl);
  // An invitation links here with the invitee's address filled in.
  const invited = signInEmailSchema.shape.email.safeParse(params.email ?? "");
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-slate-600">
        {env.oidcEnabled
          ? "Developers sign in with a link sent by email. Staff use single sign-on."
          : "Sign in with a link sent by email: no password needed."}
      </p>
      {!error && callbackUrl !== "/" && (
        <p data-testid="sign-in-reason" className="mt-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Sign in to continue to the page you asked for.
        </p>
      )}
      {error && (
        <p
          role="alert"
          data-testid="sign-in-error"
          className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <EmailSignInForm callbackUrl={callbackUrl} defaultEmail={invited.success ? invited.data : undefined} />
        {(env.oidcEnabled || env.githubEnabled) && (
          <div className="mt-6 space-y-3 border-t border-slate-200 pt-6">
            {env.oidcEnabled && (
              <form action={oidcSignInAction}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button
                  type="submit"
                  data-testid="oidc-sign-in"
                  className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700"
                >
                  Staff: sign in with {env.OIDC_NAME}
                </button>
              </form>
            )}
            {env.githubEnabled && (
              <form action={githubSignInAction}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button
                  type="submit"
                  className="w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
                >
                  Sign in with GitHub
                </button>
              </form>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
