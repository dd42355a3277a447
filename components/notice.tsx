import { noticeText } from "@/lib/notice";

/** The notice an action leaves in ?notice=: a code with fixed text (see lib/notice.ts). */
export function Notice({ code }: { code?: unknown }) {
  const text = noticeText(code);
  if (!text) return null;
  return (
    <p role="status" data-testid="notice" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {text}
    </p>
  );
}
