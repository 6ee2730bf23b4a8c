import { z } from "zod";
import type { Actor } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { categoryType } from "../contentTypes.js";
import { moveTopicCounts } from "../counters.js";
import type { TopicMovedEvent } from "../events.js";
import { loadTopicToModerate } from "../moderation.js";
import { Id } from "../schemas.js";

export const MoveTopicInput = z.object({ topicId: Id, categoryId: Id });

export interface MovedTopic {
  topicId: number;
  fromCategoryId: number;
  categoryId: number;
}

/**
 * Moves a topic to another category the moderator can see; category counters follow.
 * Readers of the old category who cannot see the new one lose the topic everywhere at once
 * (lists, the topic page, notifications), since every read filters by readable categories.
 * Only to a category of the topic's content type. Records `topic.move` and emits `topic.moved`. Fails: invalid, not_found, unauthenticated, forbidden.
 */
export async function moveTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<MovedTopic>> {
  const parsed = parseInput(MoveTopicInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, categoryId } = parsed.value;
  const loaded = await loadTopicToModerate(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded.value;
  const target = await accessTo(ctx, actor, categoryId);
  if (!target || target.access === "none") {
    return err("not_found", "errors:categoryNotFound", { fields: { categoryId: { key: "validation.unknownCategory" } } });
  }
  if (categoryId === topic.categoryId) return fieldErr("categoryId", "content:validation.sameCategory");
  // A topic keeps its content type (its votes, answers or RSVPs live in that type's tables).
  if (categoryType(target.category.contentType) !== topic.type) return fieldErr("categoryId", "content:validation.otherContentType");
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx.updateTable("topics").set({ category_id: categoryId, updated_at: now }).where("id", "=", topicId).execute();
    if (!topic.deleted) await moveTopicCounts(trx, topicId, topic.categoryId, categoryId, topic.lastPostedAt);
    await audit(trx, actor, "topic.move", "topic", topicId, { title: topic.title, from: topic.categoryId, to: categoryId }, now);
    const payload: TopicMovedEvent = { topicId, categoryId, fromCategoryId: topic.categoryId, userId: actor.kind === "user" ? actor.id : 0 };
    await ctx.jobs.emit(trx, "topic.moved", { ...payload });
  });
  return ok({ topicId, fromCategoryId: topic.categoryId, categoryId });
}
