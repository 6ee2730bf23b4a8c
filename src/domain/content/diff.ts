/**
 * A line-based diff (longest common subsequence) for showing what an edit changed.
 * Posts are at most 32,000 characters; above `MAX_CELLS` comparisons the changed middle part is
 * shown as removed-then-added instead of aligned, which keeps the cost bounded.
 */

export type DiffOp = "same" | "add" | "del";

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** A run of lines to show: changed lines with some context, or a count of hidden unchanged lines. */
export type DiffHunk = { kind: "lines"; lines: DiffLine[] } | { kind: "skip"; count: number };

const MAX_CELLS = 4_000_000;

const splitLines = (s: string): string[] => (s === "" ? [] : s.replace(/\r\n?/g, "\n").split("\n"));

/** The lines of `before` and `after` with each marked unchanged, removed or added, in order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text): DiffLine => ({ op: "same", text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ op: "same", text }));
  return [...head, ...middle(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

/** LCS table walk for the part between the common prefix and suffix. */
function middle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ op: "add", text }));
  if (m === 0) return a.map((text) => ({ op: "del", text }));
  if (n * m > MAX_CELLS) return [...a.map((text): DiffLine => ({ op: "del", text })), ...b.map((text): DiffLine => ({ op: "add", text }))];
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array (posts have < 65,536 lines).
  const w = m + 1;
  const lcs = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
      out.push({ op: "del", text: a[i++] });
    } else {
      out.push({ op: "add", text: b[j++] });
    }
  }
  while (i < n) out.push({ op: "del", text: a[i++] });
  while (j < m) out.push({ op: "add", text: b[j++] });
  return out;
}

/**
 * Groups a diff for display: changed lines with `context` unchanged lines around them; longer
 * unchanged stretches become a "skip" with their line count.
 */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    if (keep[i]) {
      const run: DiffLine[] = [];
      while (i < lines.length && keep[i]) run.push(lines[i++]);
      hunks.push({ kind: "lines", lines: run });
    } else {
      let count = 0;
      while (i < lines.length && !keep[i]) {
        count++;
        i++;
      }
      hunks.push({ kind: "skip", count });
    }
  }
  return hunks;
}
