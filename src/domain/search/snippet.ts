/**
 * Search snippets: a window of a post's plain text around the first match, with every match in
 * the window wrapped in <mark>. The HTML is built here, by escaping each piece of text and then
 * adding the marks, so nothing from a post can become markup. Matching follows the index:
 * text is compared NFKC-normalised and lower-cased (half-width ｶﾀｶﾅ matches カタカナ), Latin words
 * only as whole words, CJK text anywhere; positions are mapped back to the original text, which
 * is what the reader sees.
 */
import { type QueryTerm, highlightTerms } from "./tokenize.js";

/** Something to highlight: normalised text; a prefix runs on to the end of its word. */
export interface Highlight {
  text: string;
  prefix: boolean;
}

/** Characters a snippet shows (UTF-16 units, about the same for Japanese and English). */
export const SNIPPET_CHARS = 180;
/** Characters of context kept before the first match. */
const CONTEXT_BEFORE = 60;
/** Matches marked in one text at most. */
const MAX_MARKS = 100;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆〇]/u;
const LETTER_NUMBER_MARK = /[\p{L}\p{N}\p{M}]/u;
/** Combining marks and the half-width (semi-)voiced sound marks, which NFKC merges into the character before. */
const JOINS_PREVIOUS = /[\p{M}\uFF9E\uFF9F]/u;

/** The highlights for parsed query terms: CJK phrases rebuilt from their bigrams, prefixes marked. */
export function highlightsFor(terms: QueryTerm[]): Highlight[] {
  const out = new Map<string, Highlight>();
  for (const term of terms) {
    if (term.kind === "prefix") out.set(`*${term.token}`, { text: term.token, prefix: true });
    else for (const text of highlightTerms([term])) out.set(text, { text, prefix: false });
  }
  return [...out.values()];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/** A letter, digit or mark of a space-separated script: Latin words end where these end. */
function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === "") return false;
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER_NUMBER_MARK.test(ch) && !CJK.test(ch);
}

/** True for characters NFKC and lower-casing leave alone: ASCII except A–Z is handled apart. */
function isStable(c: number): boolean {
  return (
    c < 0x80 ||
    (c >= 0x3041 && c <= 0x3096) || // hiragana
    (c >= 0x30a1 && c <= 0x30fa) || // katakana
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    c === 0x3001 ||
    c === 0x3002 ||
    c === 0x30fc
  );
}

/** Normalised text and, for each of its UTF-16 units, where its source starts and ends in the original. */
interface NormalView {
  norm: string;
  from: Int32Array;
  to: Int32Array;
}

/**
 * Normalises `text` like the tokenizer does, remembering where each normalised unit came from.
 * Most characters are stable and copied as they are; the rest are normalised one character
 * (with any combining marks after it) at a time.
 */
function normalView(text: string): NormalView {
  const direct = text.normalize("NFKC");
  if (direct === text) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      const from = new Int32Array(text.length);
      const to = new Int32Array(text.length);
      for (let i = 0; i < text.length; i++) {
        from[i] = i;
        to[i] = i + 1;
      }
      return { norm: lower, from, to };
    }
  }
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isStable(c) && !(next >= 0x300 && JOINS_PREVIOUS.test(text[i + 1]))) {
      parts.push(c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : text[i]);
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    let end = i + (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1);
    while (end < text.length && JOINS_PREVIOUS.test(String.fromCodePoint(text.codePointAt(end)!))) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    const piece = text.slice(i, end).normalize("NFKC").toLowerCase();
    parts.push(piece);
    for (let k = 0; k < piece.length; k++) {
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  return { norm: parts.join(""), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** Match ranges in the original text, sorted and merged. */
function findMatches(text: string, highlights: Highlight[]): Array<[number, number]> {
  if (highlights.length === 0 || text === "") return [];
  const { norm, from, to } = normalView(text);
  const found: Array<[number, number]> = [];
  for (const h of highlights) {
    if (h.text === "") continue;
    const latin = !CJK.test(String.fromCodePoint(h.text.codePointAt(0)!));
    let count = 0;
    for (let at = norm.indexOf(h.text); at >= 0 && count < MAX_MARKS; at = norm.indexOf(h.text, at + 1)) {
      let end = at + h.text.length;
      if (latin) {
        // Latin words are whole tokens in the index: "set" does not match inside "settings".
        if (isWordChar(norm[at - 1])) continue;
        if (h.prefix) while (end < norm.length && isWordChar(norm[end])) end++;
        else if (isWordChar(norm[end])) continue;
      }
      found.push([from[at], to[end - 1]]);
      count++;
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped `text[start, end)` with the parts inside `ranges` wrapped in <mark>. */
function markup(text: string, ranges: Array<[number, number]>, start: number, end: number): string {
  let html = "";
  let pos = start;
  for (const [a, b] of ranges) {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (e <= s) continue;
    html += escapeHtml(text.slice(pos, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    pos = e;
  }
  return html + escapeHtml(text.slice(pos, end));
}

const isLowSurrogate = (text: string, i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;

/** The whole text, escaped, with matches marked (for titles). */
export function highlightHtml(text: string, highlights: Highlight[]): string {
  return markup(text, findMatches(text, highlights), 0, text.length);
}

/**
 * An HTML snippet of `text`: up to `max` characters around the first match (or from the start
 * when nothing matches), cut at spaces in spaced scripts and anywhere in CJK text, with "…"
 * where text was left out, and matches wrapped in <mark>. Everything else is escaped.
 */
export function snippetHtml(text: string, highlights: Highlight[], max = SNIPPET_CHARS): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const ranges = findMatches(clean, highlights);
  if (clean.length <= max) return markup(clean, ranges, 0, clean.length);
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - CONTEXT_BEFORE) : 0;
  if (first && clean.length - start < max) start = Math.max(0, clean.length - max);
  if (start > 0 && isWordChar(clean[start - 1]) && isWordChar(clean[start])) {
    // Mid-word in a spaced script: start after the next space, if one comes before the match.
    const space = clean.indexOf(" ", start);
    if (space >= 0 && space < (first ? first[0] : start + 20)) start = space + 1;
  }
  if (isLowSurrogate(clean, start)) start++;
  let end = Math.min(clean.length, start + max);
  if (end < clean.length && isWordChar(clean[end - 1]) && isWordChar(clean[end])) {
    const space = clean.lastIndexOf(" ", end);
    if (space > start + max / 2 && (!first || space >= first[1])) end = space;
  }
  if (first && end < first[1]) end = Math.min(clean.length, first[1]);
  if (isLowSurrogate(clean, end)) end--;
  const head = start > 0 ? "…" : "";
  const tail = end < clean.length ? "…" : "";
  return head + markup(clean, ranges, start, end).trim() + tail;
}
