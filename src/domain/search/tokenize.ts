/**
 * Our own search tokenizer, shared by the SQLite FTS5 index (unicode61 over our space-joined
 * tokens, prefix='1') and the PostgreSQL tsvector('simple') index, so both engines find the same
 * things. Latin/number words are tokens; every run of CJK characters becomes overlapping bigrams
 * plus its last character alone (the index side), so 2-character words such as 問題 are found
 * through the index and a one-character query `X*` finds X even where it ends a run.
 *
 * Everything here is a single linear pass over the text: no backtracking regular expressions.
 */

/** A search term: a phrase of consecutive tokens, or a one-character prefix. */
export type QueryTerm = { kind: "phrase"; tokens: string[] } | { kind: "prefix"; token: string };

/** Longest token, in code points; longer words are cut (the same way on both sides). */
const MAX_TOKEN = 64;
/** Most terms a query may have; the rest of a very long query is ignored. */
const MAX_TERMS = 16;

const SEPARATOR = 1;
const WORD = 2;
const CJK = 3;
/** Combining marks: part of a word they follow; ignored elsewhere (e.g. variation selectors after 漢字). */
const MARK = 4;

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const CJK_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const COMBINING_MARK = /^\p{M}$/u;
/** CJK characters whose script is "Common" but which belong inside a CJK word. */
const CJK_EXTRA = new Set(["ー", "々", "〆", "〇"]);

/** Class per BMP code point, filled on first sight (0 = not yet known). */
const bmpClass = new Uint8Array(0x10000);

function computeClass(ch: string): number {
  if (CJK_EXTRA.has(ch)) return CJK;
  if (LETTER_OR_NUMBER.test(ch)) return CJK_SCRIPT.test(ch) ? CJK : WORD;
  if (COMBINING_MARK.test(ch)) return MARK;
  return SEPARATOR;
}

/** A maximal run of word characters, or of CJK characters (one string per character). */
type Segment = { cjk: false; word: string } | { cjk: true; chars: string[] };

/** Cuts a word to MAX_TOKEN code points without splitting a surrogate pair. */
function capToken(word: string): string {
  if (word.length <= MAX_TOKEN) return word;
  let units = 0;
  for (let n = 0; n < MAX_TOKEN; n++) {
    const cp = word.codePointAt(units) ?? 0;
    units += cp > 0xffff ? 2 : 1;
  }
  return word.slice(0, units);
}

/** Receives what scan() finds, as UTF-16 offsets into the scanned string. */
interface ScanSink {
  /** A whole word: [start, end). */
  word(start: number, end: number): void;
  /** One CJK character: [start, end). */
  cjkChar(start: number, end: number): void;
  /** The current CJK run ended. */
  runEnd(): void;
}

/**
 * Walks already-normalised text once, reporting words, CJK characters and run ends. Linear time,
 * no allocation per character: the hot path for 100 KB documents.
 */
function scan(s: string, sink: ScanSink): void {
  let wordStart = -1;
  let inRun = false;
  let i = 0;
  while (i < s.length) {
    const cp = s.charCodeAt(i);
    let cls: number;
    let width = 1;
    if (cp < 0x80) {
      // ASCII fast path: after lower-casing only a-z and 0-9 are word characters.
      cls = (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) ? WORD : SEPARATOR;
    } else if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      cls = computeClass(s.slice(i, i + 2));
    } else {
      cls = bmpClass[cp];
      if (cls === 0) {
        // A lone surrogate is a separator.
        cls = cp >= 0xd800 && cp <= 0xdfff ? SEPARATOR : computeClass(s[i]);
        bmpClass[cp] = cls;
      }
    }
    if (cls === WORD) {
      if (inRun) {
        sink.runEnd();
        inRun = false;
      }
      if (wordStart < 0) wordStart = i;
    } else if (cls === CJK) {
      if (wordStart >= 0) {
        sink.word(wordStart, i);
        wordStart = -1;
      }
      sink.cjkChar(i, i + width);
      inRun = true;
    } else if (cls === SEPARATOR) {
      if (wordStart >= 0) {
        sink.word(wordStart, i);
        wordStart = -1;
      }
      if (inRun) {
        sink.runEnd();
        inRun = false;
      }
    }
    // MARK: stays inside a word (the word's slice covers it) and is skipped elsewhere.
    i += width;
  }
  if (wordStart >= 0) sink.word(wordStart, s.length);
  if (inRun) sink.runEnd();
}

/** Splits already-normalised text into word and CJK segments, in order (for queries). */
function segment(s: string): Segment[] {
  const out: Segment[] = [];
  let chars: string[] = [];
  scan(s, {
    word: (start, end) => out.push({ cjk: false, word: capToken(s.slice(start, end)) }),
    cjkChar: (start, end) => chars.push(s.slice(start, end)),
    runEnd: () => {
      out.push({ cjk: true, chars });
      chars = [];
    },
  });
  return out;
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < chars.length; k++) out.push(chars[k - 1] + chars[k]);
  return out;
}

/** NFKC-normalises and lower-cases text (half-width kana become full-width, ＡＢＣ becomes abc). */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Tokens to index for a document: lower-cased words, and for each CJK run its overlapping
 * bigrams followed by its last character alone (a one-character run yields just that character).
 */
export function indexTokens(text: string): string[] {
  const s = normalize(text);
  const out: string[] = [];
  // The previous character of the current CJK run, as offsets; prevStart < 0 at a run's start.
  let prevStart = -1;
  let prevEnd = -1;
  scan(s, {
    word: (start, end) => out.push(capToken(s.slice(start, end))),
    cjkChar: (start, end) => {
      if (prevStart >= 0) {
        // Contiguous unless a skipped combining mark sat between the two characters.
        out.push(prevEnd === start ? s.slice(prevStart, end) : s.slice(prevStart, prevEnd) + s.slice(start, end));
      }
      prevStart = start;
      prevEnd = end;
    },
    runEnd: () => {
      out.push(s.slice(prevStart, prevEnd));
      prevStart = -1;
    },
  });
  return out;
}

/** The document's index tokens joined by single spaces, ready for FTS5 or to_tsvector('simple'). */
export function indexText(text: string): string {
  return indexTokens(text).join(" ");
}

const QUOTE_PAIRS: Record<string, string> = { '"': '"', "「": "」", "『": "』", "“": "”" };

/** The term for one unquoted segment: a one-character word or run becomes a prefix term. */
function segmentTerm(seg: Segment): QueryTerm {
  if (seg.cjk) {
    return seg.chars.length === 1 ? { kind: "prefix", token: seg.chars[0] } : { kind: "phrase", tokens: bigrams(seg.chars) };
  }
  return [...seg.word].length === 1 ? { kind: "prefix", token: seg.word } : { kind: "phrase", tokens: [seg.word] };
}

/**
 * The phrase for quoted text: its segments' tokens in the order the index has them. A CJK run
 * followed by more tokens keeps its trailing unigram, because the index puts it between the runs.
 */
function quotedTerm(segs: Segment[]): QueryTerm | null {
  if (segs.length === 0) return null;
  if (segs.length === 1) return segmentTerm(segs[0]);
  const tokens: string[] = [];
  segs.forEach((seg, k) => {
    if (!seg.cjk) tokens.push(seg.word);
    else if (seg.chars.length === 1) tokens.push(seg.chars[0]);
    else {
      tokens.push(...bigrams(seg.chars));
      if (k < segs.length - 1) tokens.push(seg.chars[seg.chars.length - 1]);
    }
  });
  return { kind: "phrase", tokens };
}

/** Splits a normalised query into unquoted and quoted pieces; an unclosed quote is plain punctuation. */
function quotePieces(q: string): { quoted: boolean; text: string }[] {
  const pieces: { quoted: boolean; text: string }[] = [];
  const unclosed = new Set<string>();
  let plainStart = 0;
  let pos = 0;
  while (pos < q.length) {
    const close = QUOTE_PAIRS[q[pos]];
    if (close !== undefined && !unclosed.has(close)) {
      const end = q.indexOf(close, pos + 1);
      if (end >= 0) {
        pieces.push({ quoted: false, text: q.slice(plainStart, pos) });
        pieces.push({ quoted: true, text: q.slice(pos + 1, end) });
        pos = end + 1;
        plainStart = pos;
        continue;
      }
      // Remembered so a query full of unclosed quotes stays linear.
      unclosed.add(close);
    }
    pos++;
  }
  pieces.push({ quoted: false, text: q.slice(plainStart) });
  return pieces;
}

function termKey(term: QueryTerm): string {
  return term.kind === "prefix" ? `*${term.token}` : `"${term.tokens.join(" ")}`;
}

/**
 * Parses a user query into at most 16 distinct terms, all of which must match. Whitespace and
 * punctuation separate terms; a Latin word is a one-token phrase, a CJK run a phrase of its
 * bigrams, one character a prefix term; "…" or 「…」 make one phrase of everything inside.
 */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm | null): void => {
    if (!term || terms.length >= MAX_TERMS) return;
    const key = termKey(term);
    if (seen.has(key)) return;
    seen.add(key);
    terms.push(term);
  };
  for (const piece of quotePieces(normalize(query))) {
    if (terms.length >= MAX_TERMS) break;
    const segs = segment(piece.text);
    if (piece.quoted) add(quotedTerm(segs));
    else for (const seg of segs) add(segmentTerm(seg));
  }
  return terms;
}

/** SQLite FTS5 MATCH expression for the terms (`"a b" AND "x"*`); "" when there are none. */
export function ftsMatchExpression(terms: QueryTerm[]): string {
  const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  return terms
    .map((t) => (t.kind === "prefix" ? `${quote(t.token)}*` : quote(t.tokens.join(" "))))
    .join(" AND ");
}

/** A tsquery lexeme in single quotes, so no character inside can change the query's syntax. */
function lexeme(token: string): string {
  return `'${token.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * PostgreSQL to_tsquery('simple', …) expression (`('a' <-> 'b') & 'x':*`); "" when there are none.
 * With `weight`, every lexeme only matches positions of that weight (`'a':A`), e.g. titles only.
 */
export function tsQueryExpression(terms: QueryTerm[], weight?: "A" | "B" | "C" | "D"): string {
  const w = weight ?? "";
  return terms
    .map((t) => {
      if (t.kind === "prefix") return `${lexeme(t.token)}:*${w}`;
      const parts = t.tokens.map((token) => (w ? `${lexeme(token)}:${w}` : lexeme(token)));
      return parts.length === 1 ? parts[0] : `(${parts.join(" <-> ")})`;
    })
    .join(" & ");
}

function isCjkChar(ch: string): boolean {
  return computeClass(ch) === CJK;
}

/** Rebuilds the surface strings of a phrase: runs from their bigrams, words as they are. */
function phraseSurfaces(tokens: string[]): string[] {
  const out: string[] = [];
  let run = "";
  let last = "";
  const flush = (): void => {
    if (run) out.push(run);
    run = "";
    last = "";
  };
  for (const token of tokens) {
    const chars = [...token];
    if (!chars.every(isCjkChar)) {
      flush();
      out.push(token);
    } else if (chars.length === 2 && run && chars[0] === last) {
      run += chars[1];
      last = chars[1];
    } else if (chars.length === 1 && run && chars[0] === last) {
      flush(); // the trailing unigram that ends a run inside a quoted phrase
    } else if (chars.length === 2) {
      flush();
      run = token;
      last = chars[1];
    } else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out;
}

/**
 * The normalised strings to highlight in snippets, deduplicated: a CJK phrase is rebuilt from its
 * bigrams ([コミ, ミュ] → コミュ), words and prefix characters are returned as they are.
 */
export function highlightTerms(terms: QueryTerm[]): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    if (term.kind === "prefix") out.add(term.token);
    else for (const s of phraseSurfaces(term.tokens)) out.add(s);
  }
  return [...out];
}
