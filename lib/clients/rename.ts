export interface Rename {
  approved: string;
  current: string;
}

/** The name approved with an entry against its client's name now; null when they agree (or none was recorded). */
export function renameOf(approvedName: string | null, currentName: string | null | undefined): Rename | null {
  return approvedName && currentName && approvedName !== currentName
    ? { approved: approvedName, current: currentName }
    : null;
}
