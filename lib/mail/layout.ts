// One plain-text and one simple HTML rendering for every email the portal sends.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface MailContent {
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer?: string;
}

export function renderMail(content: MailContent): { text: string; html: string } {
  const footer = content.footer ?? "You receive this email because of your account on Allowlist Portal.";
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    `${content.action.label}: ${content.action.url}`,
    "",
    footer,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map((p) => `<p style="white-space:pre-wrap">${escapeHtml(p)}</p>`).join("\n")}
<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="color:#64748b;font-size:12px">${escapeHtml(footer)}</p>
</body></html>`;
  return { text, html };
}
