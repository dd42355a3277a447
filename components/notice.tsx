/** The one-line notice an action leaves in ?notice= (see lib/notice.ts). */
export function Notice({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <p role="status" data-testid="notice" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {text.slice(0, 300)}
    </p>
  );
}
