"use client";

import { useEffect, useRef } from "react";

// The new-request form's URIs, kept in this tab's sessionStorage: a developer who pastes URIs
// and then follows "describe your client" finds them again on the way back.
const KEY = "allowlist-portal:request-draft";

type DraftUri = { uri: string; asPathPrefix: boolean };

function readDraft(): DraftUri[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.flatMap((u: unknown) => {
          const item = u as Partial<DraftUri> | null;
          return typeof item?.uri === "string" && item.uri !== ""
            ? [{ uri: item.uri, asPathPrefix: item.asPathPrefix === true }]
            : [];
        })
      : [];
  } catch {
    return [];
  }
}

function writeDraft(uris: DraftUri[]) {
  try {
    if (uris.length) sessionStorage.setItem(KEY, JSON.stringify(uris));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage full or disabled: the draft is a convenience */
  }
}

/** Restores the draft once after mount, then saves every change and again after each result of
 *  the form's action (`result`). `clear` forgets it (on submit). */
export function useRequestDraft(
  enabled: boolean,
  rows: DraftUri[],
  restore: (uris: DraftUri[]) => void,
  result: unknown,
) {
  const restored = useRef(false);
  useEffect(() => {
    if (!enabled || restored.current) return;
    restored.current = true;
    const draft = readDraft();
    if (draft.length) restore(draft);
    // Runs once: `restore` is a fresh closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
  const uris = rows.filter((r) => r.uri !== "").map(({ uri, asPathPrefix }) => ({ uri, asPathPrefix }));
  const key = JSON.stringify(uris);
  useEffect(() => {
    if (enabled && restored.current) writeDraft(JSON.parse(key) as DraftUri[]);
  }, [enabled, key, result]);
  return { clear: () => writeDraft([]) };
}
