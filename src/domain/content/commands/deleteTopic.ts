import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadTopicToModerate } from "../moderation.js";
import { Id } from "../schemas.js";
import { softDeleteTopic } from "../topicLifecycle.js";

export const TopicIdInput = z.object({ topicId: Id });

/**
 * Soft-deletes a topic (moderators): hidden from everyone but moderators, out of the counters,
 * restorable. Records `topic.delete` and emits `topic.deleted`.
 * Fails: invalid, not_found, unauthenticated, forbidden, conflict (already deleted).
 */
export async function deleteTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ topicId: number }>> {
  const parsed = parseInput(TopicIdInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadTopicToModerate(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded.value;
  if (topic.deleted) return err("conflict", "content:errors.topicAlreadyDeleted");
  const done = await transact(ctx, (trx) => softDeleteTopic(ctx, trx, actor, topic, ctx.clock()));
  if (!done) return err("conflict", "content:errors.topicAlreadyDeleted");
  return ok({ topicId: topic.id });
}
