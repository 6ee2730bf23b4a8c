import { toDate, toDateOrNull } from "../../db/codec.js";
import type { Tx } from "../ctx.js";

/**
 * Denormalised counters kept right by the commands that delete, restore and move content.
 * The rule: category and user counters count live (not deleted) posts of live topics;
 * `topics.reply_count` counts the live replies of the topic whatever the topic's own state;
 * `tags.topic_count` counts live topics.
 */

type Sign = 1 | -1;

/** Live posts of a topic per author. */
async function livePostsByUser(trx: Tx, topicId: number): Promise<Map<number, number>> {
  const rows = await trx
    .selectFrom("posts")
    .select((eb) => ["user_id", eb.fn.countAll<number>().as("n")])
    .where("topic_id", "=", topicId)
    .where("deleted_at", "is", null)
    .groupBy("user_id")
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * Adds (+1) or takes away (-1) a whole topic from its category's, its authors' and its tags'
 * counters: used when a topic is deleted or restored.
 */
export async function countTopic(trx: Tx, topic: { id: number; categoryId: number; userId: number }, sign: Sign): Promise<void> {
  const byUser = await livePostsByUser(trx, topic.id);
  await trx
    .updateTable("categories")
    .set((eb) => ({ topic_count: eb("topic_count", "+", sign), post_count: eb("post_count", "+", sign * total(byUser)) }))
    .where("id", "=", topic.categoryId)
    .execute();
  await trx.updateTable("users").set((eb) => ({ topic_count: eb("topic_count", "+", sign) })).where("id", "=", topic.userId).execute();
  for (const [userId, n] of byUser) {
    await trx.updateTable("users").set((eb) => ({ post_count: eb("post_count", "+", sign * n) })).where("id", "=", userId).execute();
  }
  await trx
    .updateTable("tags")
    .set((eb) => ({ topic_count: eb("topic_count", "+", sign) }))
    .where("id", "in", trx.selectFrom("topic_tags").select("tag_id").where("topic_id", "=", topic.id))
    .execute();
}

/** Moves a live topic's counts from one category to another. */
export async function moveTopicCounts(trx: Tx, topicId: number, fromCategoryId: number, toCategoryId: number, lastPostedAt: Date): Promise<void> {
  const posts = total(await livePostsByUser(trx, topicId));
  await trx
    .updateTable("categories")
    .set((eb) => ({ topic_count: eb("topic_count", "-", 1), post_count: eb("post_count", "-", posts) }))
    .where("id", "=", fromCategoryId)
    .execute();
  await trx
    .updateTable("categories")
    .set((eb) => ({ topic_count: eb("topic_count", "+", 1), post_count: eb("post_count", "+", posts) }))
    .where("id", "=", toCategoryId)
    .execute();
  // The target's "last activity" must not go back in time; compared here because SQLite stores text.
  const target = await trx.selectFrom("categories").select("last_posted_at").where("id", "=", toCategoryId).executeTakeFirst();
  const current = toDateOrNull(target?.last_posted_at ?? null);
  if (!current || current < lastPostedAt) {
    await trx.updateTable("categories").set({ last_posted_at: lastPostedAt }).where("id", "=", toCategoryId).execute();
  }
}

/** One reply deleted (-1) or restored (+1): the topic's reply count, and the category and author when the topic is live. */
export async function countReply(trx: Tx, p: { topicId: number; categoryId: number; userId: number; topicDeleted: boolean }, sign: Sign): Promise<void> {
  await trx.updateTable("topics").set((eb) => ({ reply_count: eb("reply_count", "+", sign) })).where("id", "=", p.topicId).execute();
  if (p.topicDeleted) return;
  await trx.updateTable("categories").set((eb) => ({ post_count: eb("post_count", "+", sign) })).where("id", "=", p.categoryId).execute();
  await trx.updateTable("users").set((eb) => ({ post_count: eb("post_count", "+", sign) })).where("id", "=", p.userId).execute();
}

/** Makes the newest live post the topic's "last post" (after a reply is deleted or restored). */
export async function refreshLastPost(trx: Tx, topicId: number): Promise<void> {
  const last = await trx
    .selectFrom("posts")
    .select(["user_id", "created_at"])
    .where("topic_id", "=", topicId)
    .where("deleted_at", "is", null)
    .orderBy("post_number", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!last) return;
  await trx
    .updateTable("topics")
    .set({ last_post_user_id: last.user_id, last_posted_at: toDate(last.created_at) })
    .where("id", "=", topicId)
    .execute();
}

/** Replaces a topic's tags; tag counters follow when the topic is live. */
export async function replaceTopicTags(trx: Tx, topicId: number, tagIds: number[], topicLive: boolean): Promise<void> {
  const old = (await trx.selectFrom("topic_tags").select("tag_id").where("topic_id", "=", topicId).execute()).map((r) => r.tag_id);
  const removed = old.filter((id) => !tagIds.includes(id));
  const added = tagIds.filter((id) => !old.includes(id));
  if (removed.length > 0) {
    await trx.deleteFrom("topic_tags").where("topic_id", "=", topicId).where("tag_id", "in", removed).execute();
    if (topicLive) await trx.updateTable("tags").set((eb) => ({ topic_count: eb("topic_count", "-", 1) })).where("id", "in", removed).execute();
  }
  if (added.length > 0) {
    await trx.insertInto("topic_tags").values(added.map((tag_id) => ({ topic_id: topicId, tag_id }))).execute();
    if (topicLive) await trx.updateTable("tags").set((eb) => ({ topic_count: eb("topic_count", "+", 1) })).where("id", "in", added).execute();
  }
}
