import type { Actor } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";

export interface TagSummary {
  name: string;
  /** Live topics with this tag that the reader may see. */
  topicCount: number;
  url: string;
}

/**
 * The tags used by topics the reader may see, most used first, counting only those topics:
 * a tag whose topics are all private or deleted is not listed. Feeds `/tags` and `/api/v1/tags`.
 */
export async function listTags(ctx: Ctx, actor: Actor, opts: { limit?: number } = {}): Promise<TagSummary[]> {
  const ids = await readableIds(ctx, actor);
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("tags as g")
    .innerJoin("topic_tags as tt", "tt.tag_id", "g.id")
    .innerJoin("topics as t", "t.id", "tt.topic_id")
    .select((eb) => ["g.name", eb.fn.countAll<number>().as("n")])
    .where("t.category_id", "in", ids)
    .where("t.deleted_at", "is", null)
    .groupBy(["g.id", "g.name"])
    .orderBy("n", "desc")
    .orderBy("g.name")
    .limit(Math.min(Math.max(opts.limit ?? 500, 1), 1000))
    .execute();
  return rows.map((r) => ({ name: r.name, topicCount: Number(r.n), url: `/tags/${encodeURIComponent(r.name)}` }));
}
