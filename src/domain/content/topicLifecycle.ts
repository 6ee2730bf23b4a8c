import { type Actor, isModerator } from "../actor.js";
import { audit } from "../community/audit.js";
import type { Ctx, Tx } from "../ctx.js";
import { countTopic } from "./counters.js";
import type { TopicStateEvent } from "./events.js";
import type { TopicRecord } from "./repo.js";

const actorId = (actor: Actor): number | null => (actor.kind === "user" ? actor.id : null);

/**
 * Soft-deletes a live topic inside the caller's transaction: marks it, takes it out of the
 * counters, records moderators' actions and emits `topic.deleted`. Its posts keep their own
 * state, so a restore brings back exactly what was there. Returns false when it was already deleted.
 */
export async function softDeleteTopic(ctx: Ctx, trx: Tx, actor: Actor, topic: TopicRecord, now: Date): Promise<boolean> {
  const res = await trx
    .updateTable("topics")
    .set({ deleted_at: now, deleted_by: actorId(actor), updated_at: now })
    .where("id", "=", topic.id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await countTopic(trx, topic, -1);
  if (isModerator(actor)) await audit(trx, actor, "topic.delete", "topic", topic.id, { title: topic.title, categoryId: topic.categoryId }, now);
  await ctx.jobs.emit(trx, "topic.deleted", { topicId: topic.id, categoryId: topic.categoryId, userId: actorId(actor) ?? 0 } satisfies TopicStateEvent);
  return true;
}

/** Brings a deleted topic back (the reverse of softDeleteTopic). Returns false when it was not deleted. */
export async function restoreSoftDeletedTopic(ctx: Ctx, trx: Tx, actor: Actor, topic: TopicRecord, now: Date): Promise<boolean> {
  const res = await trx
    .updateTable("topics")
    .set({ deleted_at: null, deleted_by: null, updated_at: now })
    .where("id", "=", topic.id)
    .where("deleted_at", "is not", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await countTopic(trx, topic, 1);
  if (isModerator(actor)) await audit(trx, actor, "topic.restore", "topic", topic.id, { title: topic.title, categoryId: topic.categoryId }, now);
  await ctx.jobs.emit(trx, "topic.restored", { topicId: topic.id, categoryId: topic.categoryId, userId: actorId(actor) ?? 0 } satisfies TopicStateEvent);
  return true;
}
