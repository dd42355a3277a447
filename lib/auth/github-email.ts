// GitHub sign-in takes the address GitHub verified, or none. Auth.js's GitHub provider falls back
// to the primary address without asking whether GitHub verified it, so anyone could register a
// GitHub account with someone else's address and sign in as them.
export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

export function verifiedGitHubEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const usable = (emails as Partial<GitHubEmail>[]).filter(
    (e): e is GitHubEmail => typeof e?.email === "string" && e.verified === true,
  );
  const chosen = usable.find((e) => e.primary) ?? usable[0];
  return chosen ? chosen.email.toLowerCase() : null;
}

/** Auth.js userinfo request: the profile, with its email replaced by a verified one (or null). */
export async function githubProfileWithVerifiedEmail({ tokens }: { tokens: { access_token?: string } }) {
  const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "allowlist-portal" };
  const [profile, emails] = await Promise.all([
    fetch("https://api.github.com/user", { headers }).then((res) => res.json() as Promise<Record<string, unknown>>),
    fetch("https://api.github.com/user/emails", { headers }).then((res): Promise<unknown> =>
      res.ok ? res.json() : Promise.resolve(null),
    ),
  ]);
  return { ...profile, email: verifiedGitHubEmail(emails) };
}
