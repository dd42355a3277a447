"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./index";
import { signInEmailSchema } from "./schema";
import { SignInEmailRefused } from "./sign-in-email";

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

export type SignInState = { ok: false; message: string } | null;

export async function emailSignInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInEmailSchema.safeParse({
    email: formData.get("email"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return { ok: false, message: "Enter a valid email address." };
  try {
    // signIn redirects to the "check your email" page; the redirect is thrown, so nothing returns here.
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl });
  } catch (error) {
    // Refused before sending (a rate limit, a malformed address): its message says why and for how long.
    if (error instanceof SignInEmailRefused) return { ok: false, message: error.userMessage };
    if (error instanceof AuthError) {
      return {
        ok: false,
        message:
          error.type === "AccessDenied"
            ? "This account cannot sign in: it has been deactivated. Ask an admin."
            : "We could not send a sign-in link just now. Please try again.",
      };
    }
    throw error;
  }
  return null;
}

export async function oidcSignInAction(formData: FormData) {
  const parsed = signInEmailSchema.shape.callbackUrl.safeParse(formData.get("callbackUrl") ?? undefined);
  await signIn("oidc", { redirectTo: parsed.success ? parsed.data : "/" });
}

export async function githubSignInAction(formData: FormData) {
  const parsed = signInEmailSchema.shape.callbackUrl.safeParse(formData.get("callbackUrl") ?? undefined);
  await signIn("github", { redirectTo: parsed.success ? parsed.data : "/" });
}
