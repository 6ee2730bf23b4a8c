import { toDate } from "../../../db/codec.js";
import { anonymous } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { topicUrl } from "../types.js";

export const SITEMAP_PAGE_SIZE = 10_000;

export interface PublicTopicRef {
  id: number;
  url: string;
  lastPostedAt: Date;
}

/**
 * Topics anyone may read (what a visitor without an account sees), oldest first, for the sitemap.
 * Private categories and deleted topics never appear, whoever asks.
 */
export async function listPublicTopics(ctx: Ctx, page: number): Promise<PublicTopicRef[]> {
  const ids = await readableIds(ctx, anonymous);
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("topics")
    .select(["id", "slug", "last_posted_at"])
    .where("category_id", "in", ids)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .offset((page - 1) * SITEMAP_PAGE_SIZE)
    .limit(SITEMAP_PAGE_SIZE)
    .execute();
  return rows.map((r) => ({ id: r.id, url: topicUrl(r), lastPostedAt: toDate(r.last_posted_at) }));
}

/** How many sitemap pages the public topics fill. */
export async function countPublicTopicPages(ctx: Ctx): Promise<number> {
  const ids = await readableIds(ctx, anonymous);
  if (ids.length === 0) return 0;
  const row = await ctx.db
    .selectFrom("topics")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("category_id", "in", ids)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Math.ceil(Number(row?.n ?? 0) / SITEMAP_PAGE_SIZE);
}
