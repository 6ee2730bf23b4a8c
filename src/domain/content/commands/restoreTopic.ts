import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadTopicToModerate } from "../moderation.js";
import { restoreSoftDeletedTopic } from "../topicLifecycle.js";
import { TopicIdInput } from "./deleteTopic.js";

/**
 * Brings a deleted topic back (moderators), with its counters. Records `topic.restore` and emits
 * `topic.restored`. Fails: invalid, not_found, unauthenticated, forbidden, conflict (not deleted).
 */
export async function restoreTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ topicId: number }>> {
  const parsed = parseInput(TopicIdInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadTopicToModerate(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded.value;
  if (!topic.deleted) return err("conflict", "content:errors.topicNotDeleted");
  const done = await transact(ctx, (trx) => restoreSoftDeletedTopic(ctx, trx, actor, topic, ctx.clock()));
  if (!done) return err("conflict", "content:errors.topicNotDeleted");
  return ok({ topicId: topic.id });
}
