import type { Actor } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { loadTypeSummaries } from "../contentTypes.js";
import { type TopicFilter, type TopicSort, type TopicWhere, findTagByName, listTopicRows } from "../repo.js";
import type { TopicListItem } from "../types.js";

export const TOPICS_PER_PAGE = 30;

export interface TopicListQuery {
  sort: TopicSort;
  /** Only these categories (already checked by the caller to exist); sub-categories are included. */
  categoryId?: number;
  tag?: string;
  userId?: number;
  /** Only topics of this content type, with the type's own condition and order (see contentTypes.ts). */
  type?: string;
  where?: TopicWhere;
  orderBy?: TopicFilter["orderBy"];
  page?: number;
  perPage?: number;
}

export interface TopicList {
  topics: TopicListItem[];
  page: number;
  hasMore: boolean;
}

/**
 * A page of topics the reader may see. Feeds the home, latest/top/unanswered, category and tag
 * pages and `/api/v1/topics`. Filters by readable categories in SQL; each topic carries its
 * content type's summary (solved, votes, the event's date…).
 */
export async function listTopics(ctx: Ctx, actor: Actor, q: TopicListQuery): Promise<TopicList> {
  const page = Math.max(1, Math.min(q.page ?? 1, 1000));
  const perPage = Math.min(Math.max(q.perPage ?? TOPICS_PER_PAGE, 1), 100);
  const [readable, index] = await Promise.all([readableIds(ctx, actor), ctx.cache.categories()]);
  let categoryIds = readable;
  if (q.categoryId !== undefined) {
    const wanted = new Set([q.categoryId, ...index.children(q.categoryId).map((c) => c.id)]);
    categoryIds = readable.filter((id) => wanted.has(id));
  }
  let tagId: number | undefined;
  if (q.tag !== undefined) {
    const tag = await findTagByName(ctx.db, q.tag);
    if (!tag) return { topics: [], page, hasMore: false };
    tagId = tag.id;
  }
  const rows = await listTopicRows(ctx.db, index, {
    categoryIds,
    sort: q.sort,
    pinnedFirst: q.sort === "latest" && q.tag === undefined && q.userId === undefined,
    tagId,
    userId: q.userId,
    type: q.type,
    where: q.where,
    orderBy: q.orderBy,
    offset: (page - 1) * perPage,
    limit: perPage + 1,
  });
  const topics = rows.slice(0, perPage);
  const summaries = await loadTypeSummaries(ctx, actor, topics);
  for (const t of topics) {
    const s = summaries.get(t.id);
    if (s) t.typeSummary = s;
  }
  return { topics, page, hasMore: rows.length > perPage };
}
