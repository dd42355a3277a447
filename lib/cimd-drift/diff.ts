// A line diff of two documents, pretty-printed so that a one-member change is one line: what the
// reviewer reads on the client's page before approving a changed document.

export interface DiffLine {
  op: " " | "+" | "-";
  text: string;
}

/** The document pretty-printed when it is JSON, else as it came. */
export function documentLines(text: string): string[] {
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split("\n");
  } catch {
    return text.split("\n");
  }
}

/** Longest-common-subsequence diff; documents are at most 5,120 bytes, so the table stays small. */
export function diffDocuments(before: string, after: string): DiffLine[] {
  const a = documentLines(before);
  const b = documentLines(after);
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: " ", text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1]![j]! >= common[i]![j + 1]!)) {
      lines.push({ op: "-", text: a[i++]! });
    } else {
      lines.push({ op: "+", text: b[j++]! });
    }
  }
  return lines;
}
