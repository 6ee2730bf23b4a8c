import { sql } from "kysely";
import { toDateOrNull } from "../../../db/codec.js";
import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { topicUrl } from "../../content/types.js";
import { readableIds } from "../access.js";
import type { Category } from "../types.js";

export interface CategorySummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  color: string;
  parentId: number | null;
  contentType: string;
  /** True when only some groups may see it (shown with a lock). */
  restricted: boolean;
  topicCount: number;
  postCount: number;
  lastPostedAt: Date | null;
  lastTopic: { id: number; title: string; url: string; lastPoster: string | null; lastPostedAt: Date } | null;
  children: CategorySummary[];
}

/**
 * The categories the reader may see, as a tree (one level of sub-categories), with counts and
 * the most recently active topic of each. Feeds the category index, the home page and the API.
 */
export async function listCategories(ctx: Ctx, actor: Actor): Promise<CategorySummary[]> {
  const [ids, index] = await Promise.all([readableIds(ctx, actor), ctx.cache.categories()]);
  if (ids.length === 0) return [];
  const [stats, latest] = await Promise.all([
    ctx.db.selectFrom("categories").select(["id", "topic_count", "post_count", "last_posted_at"]).where("id", "in", ids).execute(),
    ctx.db
      .with("ranked", (db) =>
        db
          .selectFrom("topics as t")
          .leftJoin("users as u", "u.id", "t.last_post_user_id")
          .select([
            "t.id",
            "t.title",
            "t.slug",
            "t.category_id",
            "t.last_posted_at",
            "u.username",
            sql<number>`row_number() over (partition by t.category_id order by t.last_posted_at desc)`.as("rn"),
          ])
          .where("t.category_id", "in", ids)
          .where("t.deleted_at", "is", null),
      )
      .selectFrom("ranked")
      .selectAll()
      .where("rn", "=", 1)
      .execute(),
  ]);
  const statById = new Map(stats.map((s) => [s.id, s]));
  const latestById = new Map(latest.map((l) => [l.category_id, l]));
  const visible = new Set(ids);
  const make = (c: Category): CategorySummary => {
    const s = statById.get(c.id);
    const l = latestById.get(c.id);
    return {
      id: c.id,
      slug: c.slug,
      name: c.name,
      description: c.description,
      color: c.color,
      parentId: c.parentId,
      contentType: c.contentType,
      restricted: c.permissions.length > 0,
      topicCount: s?.topic_count ?? 0,
      postCount: s?.post_count ?? 0,
      lastPostedAt: toDateOrNull(s?.last_posted_at ?? null),
      lastTopic: l
        ? { id: l.id, title: l.title, url: topicUrl(l), lastPoster: l.username, lastPostedAt: toDateOrNull(l.last_posted_at)! }
        : null,
      children: index
        .children(c.id)
        .filter((k) => visible.has(k.id))
        .map(make),
    };
  };
  return index
    .roots()
    .filter((c) => visible.has(c.id))
    .map(make);
}
