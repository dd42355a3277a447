// The real parts the journeys talk to, started by Playwright before the portal:
// - an SMTP server that accepts every message, with an HTTP mailbox to read them (GET /messages);
// - an OpenID Connect provider (oidc-provider) for staff single sign-on. Its login form takes any
//   email address; addresses starting with "reviewer" or "admin" get the matching group claim, and
//   POST /oidc/groups?email=…&groups=a,b changes an account's groups. Two kinds of login act as a
//   careless or hostile provider would: "no-email:<id>" has no email claim, and
//   "unverified:<email>" claims an address with email_verified false.
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import Provider from "oidc-provider";
import { SMTPServer } from "smtp-server";
import { startDomainDns } from "../../lib/domains/test-support/dns-server";
import {
  APP_URL,
  BEHIND_PROXY_URL,
  DNS_PORT,
  MAILBOX_PORT,
  OIDC_CLIENT,
  OIDC_ISSUER,
  OIDC_PORT,
  SMTP_PORT,
  STAFF_GROUPS,
} from "./ports";

interface StoredMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  at: string;
}
const mailbox: StoredMail[] = [];
// The portal under test resolves through this server (DNS_SERVERS); journeys publish records with
// POST /dns/txt?name=…&value=… (no value: delete) and POST /dns/a?name=…&address=….
const dns = await startDomainDns(DNS_PORT);

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
          a.value.map((v) => (v.address ?? "").toLowerCase()),
        );
        mailbox.push({
          to,
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          at: new Date().toISOString(),
        });
        callback();
      })
      .catch(callback);
  },
});
smtp.listen(SMTP_PORT, "127.0.0.1");

createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/oidc/groups" && req.method === "POST") {
    const groups = url.searchParams.get("groups") ?? "";
    groupOverrides.set(url.searchParams.get("email")!.toLowerCase(), groups ? groups.split(",") : []);
    res.end();
    return;
  }
  if (url.pathname === "/dns/txt" && req.method === "POST") {
    const name = url.searchParams.get("name")!.toLowerCase();
    const value = url.searchParams.get("value");
    if (value) dns.txt.set(name, [value]);
    else dns.txt.delete(name);
    res.end();
    return;
  }
  if (url.pathname === "/dns/a" && req.method === "POST") {
    dns.a.set(url.searchParams.get("name")!.toLowerCase(), [url.searchParams.get("address")!]);
    res.end();
    return;
  }
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(to ? mailbox.filter((m) => m.to.includes(to)) : mailbox));
    return;
  }
  res.statusCode = url.pathname === "/health" ? 200 : 404;
  res.end();
}).listen(MAILBOX_PORT, "127.0.0.1");

const groupOverrides = new Map<string, string[]>();

function groupsFor(email: string): string[] {
  const override = groupOverrides.get(email);
  if (override) return override;
  if (email.startsWith("admin")) return [STAFF_GROUPS.admin];
  if (email.startsWith("reviewer")) return [STAFF_GROUPS.reviewer];
  return [];
}

const oidc = new Provider(OIDC_ISSUER, {
  clients: [
    {
      client_id: OIDC_CLIENT.id,
      client_secret: OIDC_CLIENT.secret,
      redirect_uris: [`${APP_URL}/api/auth/callback/oidc`, `${BEHIND_PROXY_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const login = id.toLowerCase();
    return {
      accountId: id,
      async claims() {
        if (login.startsWith("no-email:")) return { sub: login, name: login, groups: [STAFF_GROUPS.admin] };
        const unverified = login.startsWith("unverified:");
        const email = unverified ? login.slice("unverified:".length) : login;
        return { sub: login, email, email_verified: !unverified, name: email.split("@")[0], groups: groupsFor(email) };
      },
    };
  },
  // The portal is a first-party client: grant the requested scopes without a consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client!.clientId,
      accountId: ctx.oidc.session!.accountId!,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});
oidc.on("server_error", (_ctx, error) => console.error("[oidc] server error:", error));
oidc.listen(OIDC_PORT);

console.log(
  `e2e services: DNS ${dns.address}, SMTP 127.0.0.1:${SMTP_PORT}, mailbox http://127.0.0.1:${MAILBOX_PORT}, OIDC ${OIDC_ISSUER}`,
);
