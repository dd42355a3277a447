import type { Flag } from "@/lib/redirect-uri/issues";
import { FLAG_LABELS } from "@/lib/redirect-uri/issues";

/** Risk flags as small amber chips, with the full explanation on hover and for screen readers. */
export function FlagList({ flags, explain = false }: { flags: Flag[]; explain?: boolean }) {
  if (flags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Flags">
      {flags.map((flag) => (
        <li
          key={flag.code}
          data-testid={`flag-${flag.code}`}
          title={flag.message}
          className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          ⚑ {FLAG_LABELS[flag.code] ?? flag.code}
          {explain && <span className="block text-amber-800/80">{flag.message}</span>}
        </li>
      ))}
    </ul>
  );
}
