import { z } from "zod";
import type { Actor } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import type { CategoryIndex } from "../../community/siteCache.js";
import type { Ctx } from "../../ctx.js";
import { POSTS_PER_PAGE } from "../../content/queries/getTopicPage.js";
import { categoryRef } from "../../content/repo.js";
import { topicUrl } from "../../content/types.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { type HitFilter, type HitRow, searchIndex } from "../index.js";
import { rankedPageKey } from "../rankedPages.js";
import { type Highlight, highlightHtml, highlightsFor, snippetHtml } from "../snippet.js";
import { queryTerms } from "../tokenize.js";
import type { SearchResult, SearchResults } from "../types.js";

/** Results per page. */
export const SEARCH_PER_PAGE = 20;
/** Matches are counted (and ranked) up to this many; more are reported as "1000+". */
export const SEARCH_COUNT_CAP = 1000;
/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 500;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "") || v === null ? undefined : v;

/** What searchPosts accepts; blank filters count as absent (forms send empty fields). */
export const SearchInput = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).default(""),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  categoryId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  tag: z.preprocess(blankToUndefined, z.string().trim().max(30).optional()),
  user: z.preprocess(blankToUndefined, z.string().trim().max(60).optional()),
  in: z.preprocess(blankToUndefined, z.enum(["title", "all"]).default("all")),
});

/**
 * Full-text search over the posts the actor may read, best matches first (relevance, then
 * recency; see ranking.ts), 20 per page. The query is tokenized like the index (Japanese bigrams,
 * NFKC, lower case); every term must match; "…" and 「…」 are phrases. Optional filters: a
 * category (with its sub-categories), a tag, an author, titles only. Permissions are applied in
 * SQL: readable categories, topic and post not deleted. Costs one query (ranking, or reading the
 * posts of a ranking reused since the index last changed), plus a capped count when a later page
 * is past the last result. Fails: invalid (no searchable words, or bad input),
 * not_found (a category that does not exist or that the actor may not see).
 */
export async function searchPosts(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<SearchResults>> {
  const parsed = parseInput(SearchInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const terms = queryTerms(v.q);
  if (terms.length === 0) return err("invalid", "search:emptyQuery", { fields: { q: { key: "search:emptyQuery" } } });

  const [readable, index] = await Promise.all([readableIds(ctx, actor), ctx.cache.categories()]);
  let categoryIds = readable;
  if (v.categoryId !== undefined) {
    if (!readable.includes(v.categoryId)) return err("not_found", "errors:categoryNotFound");
    const wanted = new Set([v.categoryId, ...index.children(v.categoryId).map((c) => c.id)]);
    categoryIds = readable.filter((id) => wanted.has(id));
  }
  const page = v.page;
  const empty: SearchResults = { results: [], total: 0, totalCapped: false, page, perPage: SEARCH_PER_PAGE, hasMore: false };
  if (categoryIds.length === 0) return ok(empty);

  const filter: HitFilter = { terms, titlesOnly: v.in === "title", categoryIds, tag: v.tag, username: v.user, now: ctx.clock() };
  const offset = (page - 1) * SEARCH_PER_PAGE;
  const { rows, counted } = await rankedPage(ctx, filter, offset);
  const total = Math.min(counted, SEARCH_COUNT_CAP);
  const highlights = highlightsFor(terms);
  return ok({
    results: rows.map((row) => toResult(row, highlights, index)),
    total,
    totalCapped: counted > SEARCH_COUNT_CAP,
    page,
    perPage: SEARCH_PER_PAGE,
    hasMore: offset + rows.length < total,
  });
}

/**
 * One page of ranked rows and the capped match count. The same search ranked since the index last
 * changed is not ranked again: its post ids are reused and only their rows are read (rankedPages.ts).
 */
async function rankedPage(ctx: Ctx, filter: HitFilter, offset: number): Promise<{ rows: HitRow[]; counted: number }> {
  const engine = searchIndex(ctx.engine);
  const key = rankedPageKey(filter, offset);
  const generation = ctx.cache.searchGeneration;
  const ranked = ctx.cache.rankedPages.get(key, generation);
  if (ranked) return { rows: await engine.rowsOf(ctx.db, filter, ranked.postIds), counted: ranked.total };
  const hits = offset < SEARCH_COUNT_CAP ? await engine.hits(ctx.db, filter, { offset, limit: SEARCH_PER_PAGE }, SEARCH_COUNT_CAP) : { rows: [], total: null };
  // An empty first page means nothing matched; an empty later page needs its own count.
  const counted = hits.total ?? (offset === 0 ? 0 : await engine.count(ctx.db, filter, SEARCH_COUNT_CAP));
  // Kept only if nothing was indexed while ranking (the rows might predate it).
  if (ctx.cache.searchGeneration === generation) ctx.cache.rankedPages.set(key, generation, { postIds: hits.rows.map((r) => r.postId), total: counted });
  return { rows: hits.rows, counted };
}

/** A category named by id or slug (as links and the API give it); null when there is none such. */
export function findCategoryId(index: CategoryIndex, ref: string): number | null {
  const c = index.bySlug.get(ref.trim().toLowerCase()) ?? (/^\d+$/.test(ref.trim()) ? index.byId.get(Number(ref)) : undefined);
  return c ? c.id : null;
}

/** The link to a post: its topic page (the right page of a long topic) and its anchor. */
export function postUrl(topic: { id: number; slug: string }, postNumber: number): string {
  const base = topicUrl(topic);
  if (postNumber === 1) return base;
  const page = Math.ceil(postNumber / POSTS_PER_PAGE);
  return `${base}${page > 1 ? `?page=${page}` : ""}#post-${postNumber}`;
}

function toResult(row: HitRow, highlights: Highlight[], index: CategoryIndex): SearchResult {
  return {
    topicId: row.topicId,
    postId: row.postId,
    postNumber: row.postNumber,
    title: row.title,
    titleHtml: highlightHtml(row.title, highlights),
    snippetHtml: snippetHtml(row.text, highlights),
    url: postUrl({ id: row.topicId, slug: row.slug }, row.postNumber),
    category: categoryRef(index, row.categoryId),
    author: row.author,
    createdAt: row.createdAt,
  };
}
