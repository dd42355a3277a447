"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "./index";
import { signInEmailSchema } from "./schema";
import { SignInEmailRefused } from "./sign-in-email";

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

/** A refusal keeps what was typed, so the form can show it again. */
export type SignInState = { ok: false; message: string; email: string } | null;

export async function emailSignInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInEmailSchema.safeParse({
    email: formData.get("email"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const email = formData.get("email");
  const typed = (typeof email === "string" ? email : "").slice(0, 254);
  if (!parsed.success) return { ok: false, message: "Enter a valid email address.", email: typed };
  try {
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: parsed.data.callbackUrl, redirect: false });
  } catch (error) {
    // Refused before sending (a rate limit, a malformed address): its message says why and for how
    // long. It says nothing about whether an account exists: any address is limited the same way.
    if (error instanceof SignInEmailRefused) return { ok: false, message: error.userMessage, email: typed };
    if (!(error instanceof AuthError)) throw error;
    // A refused address (a deactivated account) looks exactly like a sent link to whoever asked:
    // the page must not tell an anonymous caller which accounts exist.
    if (error.type !== "AccessDenied") {
      return { ok: false, message: "We could not send a sign-in link just now. Please try again.", email: typed };
    }
  }
  const next = new URLSearchParams({ email: parsed.data.email, callbackUrl: parsed.data.callbackUrl });
  // From "Send the link again": the page then says that another link went out.
  if (formData.get("resent") === "1") next.set("resent", "1");
  redirect(`/signin/check-email?${next}`);
}

export async function oidcSignInAction(formData: FormData) {
  const parsed = signInEmailSchema.shape.callbackUrl.safeParse(formData.get("callbackUrl") ?? undefined);
  await signIn("oidc", { redirectTo: parsed.success ? parsed.data : "/" });
}

export async function githubSignInAction(formData: FormData) {
  const parsed = signInEmailSchema.shape.callbackUrl.safeParse(formData.get("callbackUrl") ?? undefined);
  await signIn("github", { redirectTo: parsed.success ? parsed.data : "/" });
}
