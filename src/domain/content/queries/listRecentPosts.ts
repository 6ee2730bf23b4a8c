import { toBool, toDate } from "../../../db/codec.js";
import type { Role } from "../../actor.js";
import type { Actor } from "../../actor.js";
import type { UserSummary } from "../../accounts/types.js";
import { readableIds } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { type TopicTypeSummary, loadTypeSummaries } from "../contentTypes.js";
import { categoryRef } from "../repo.js";
import { type CategoryRef, topicUrl } from "../types.js";

export interface FeedItem {
  postId: number;
  postNumber: number;
  topic: { id: number; type: string; title: string; url: string; replyCount: number; typeSummary?: TopicTypeSummary };
  category: CategoryRef;
  author: UserSummary;
  cooked: string;
  createdAt: Date;
}

/** The newest posts across every category the reader may see (the social feed), newest first. */
export async function listRecentPosts(ctx: Ctx, actor: Actor, opts: { page?: number; perPage?: number } = {}): Promise<{ items: FeedItem[]; page: number; hasMore: boolean }> {
  const page = Math.max(1, Math.min(opts.page ?? 1, 1000));
  const perPage = Math.min(opts.perPage ?? 20, 50);
  const [ids, index] = await Promise.all([readableIds(ctx, actor), ctx.cache.categories()]);
  if (ids.length === 0) return { items: [], page, hasMore: false };
  const rows = await ctx.db
    .selectFrom("posts as p")
    .innerJoin("topics as t", "t.id", "p.topic_id")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select([
      "p.id",
      "p.post_number",
      "p.cooked",
      "p.created_at",
      "t.id as topic_id",
      "t.type",
      "t.title",
      "t.slug",
      "t.reply_count",
      "t.category_id",
      "u.id as user_id",
      "u.username",
      "u.name",
      "u.title as user_title",
      "u.role",
      "u.staff",
    ])
    .where("t.category_id", "in", ids)
    .where("t.deleted_at", "is", null)
    .where("p.deleted_at", "is", null)
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .offset((page - 1) * perPage)
    .limit(perPage + 1)
    .execute();
  const items: FeedItem[] = rows.slice(0, perPage).map((r) => ({
    postId: r.id,
    postNumber: r.post_number,
    topic: { id: r.topic_id, type: r.type, title: r.title, url: topicUrl({ id: r.topic_id, slug: r.slug }), replyCount: r.reply_count },
    category: categoryRef(index, r.category_id),
    author: { id: r.user_id, username: r.username, name: r.name, title: r.user_title, role: r.role as Role, staff: toBool(r.staff) },
    cooked: r.cooked,
    createdAt: toDate(r.created_at),
  }));
  const summaries = await loadTypeSummaries(
    ctx,
    actor,
    [...new Map(items.map((i) => [i.topic.id, { id: i.topic.id, type: i.topic.type }])).values()],
  );
  for (const i of items) {
    const s = summaries.get(i.topic.id);
    if (s) i.topic.typeSummary = s;
  }
  return { items, page, hasMore: rows.length > perPage };
}
