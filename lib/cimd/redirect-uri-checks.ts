// The document's redirect URIs go through the same submission policy as a URI a developer types
// into the form: the same rejections and the same flags for the reviewer.
import { lintRedirectUri, type LintVerdict } from "@/lib/redirect-uri/lint";
import { problem, type CimdProblem } from "./problems";

export interface CimdRedirectUriCheck {
  /** The entry exactly as the document lists it (pinned as is: clients send exactly this string). */
  uri: string;
  /**
   * The policy's verdict. For a loopback URI, verdict.kind is "loopback": any port matches, and a
   * port in the document (verdict.removedPort) is not part of the rule.
   */
  verdict: LintVerdict;
}

export function checkRedirectUris(value: unknown): { checks: CimdRedirectUriCheck[]; problems: CimdProblem[] } {
  const checks: CimdRedirectUriCheck[] = [];
  const problems: CimdProblem[] = [];
  if (!Array.isArray(value)) return { checks, problems };
  // Non-strings are reported as cimd_missing_redirect_uris by the document checks.
  for (const uri of value.filter((entry): entry is string => typeof entry === "string")) {
    const verdict = lintRedirectUri(uri);
    checks.push({ uri, verdict });
    if (!verdict.ok) {
      problems.push({
        ...problem(
          "cimd_redirect_uri_refused",
          `The redirect URI ${uri} is refused: ${verdict.reasons.map((reason) => reason.message).join(" ")}`,
        ),
        redirectUri: uri,
      });
    }
  }
  return { checks, problems };
}
