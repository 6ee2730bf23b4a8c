import type { HitFilter } from "./index.js";

/** How long a ranked page may be reused at most (the recency boost ages meanwhile). */
const TTL_MS = 30_000;
/** Pages kept per process; an entry is a few dozen ids. */
const MAX_ENTRIES = 2000;

/** Which posts a page of results showed, in order, and how many matched. */
export interface RankedPage {
  postIds: number[];
  total: number;
}

interface Entry extends RankedPage {
  generation: number;
  at: number;
}

/**
 * The outcome of ranking, kept so the same search (same words, filters, readable categories and
 * page) does not rank again until the index changes: writing the index moves
 * `ctx.cache.searchGeneration` on in every process (through the bus), which retires every entry.
 * Only post ids are kept; the posts themselves are read again each time with every permission and
 * filter applied, so a post deleted or moved out of sight since is never shown from here.
 */
export class RankedPages {
  private readonly entries = new Map<string, Entry>();

  get(key: string, generation: number, now = Date.now()): RankedPage | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.generation !== generation || now - entry.at > TTL_MS) return null;
    // Most recently used last, so eviction takes the least recently used first.
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps a page ranked at `generation`; the caller checks that nothing was indexed meanwhile. */
  set(key: string, generation: number, page: RankedPage, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { ...page, generation, at: now });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** What makes two searches the same search: everything in the filter but "now", and the offset. */
export function rankedPageKey(f: HitFilter, offset: number): string {
  return JSON.stringify([f.terms, f.titlesOnly, [...f.categoryIds].sort((a, b) => a - b), f.tag?.toLowerCase() ?? null, f.username?.toLowerCase() ?? null, offset]);
}
