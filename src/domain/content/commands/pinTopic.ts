import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import type { TopicStateEvent } from "../events.js";
import { loadTopicToModerate } from "../moderation.js";
import { Id } from "../schemas.js";

export const PinTopicInput = z.object({ topicId: Id, pinned: z.boolean() });

export interface TopicFlagChange {
  topicId: number;
  /** False when the topic already was in the requested state (nothing recorded or emitted). */
  changed: boolean;
}

/**
 * Pins a topic to the top of its category and the latest list, or unpins it (moderators).
 * Records `topic.pin`/`topic.unpin` in the audit log and emits `topic.pinned`/`topic.unpinned`.
 * Fails: invalid, not_found, unauthenticated, forbidden.
 */
export async function pinTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<TopicFlagChange>> {
  const parsed = parseInput(PinTopicInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, pinned } = parsed.value;
  const loaded = await loadTopicToModerate(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded.value;
  if (topic.pinned === pinned) return ok({ topicId, changed: false });
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx.updateTable("topics").set({ pinned, updated_at: now }).where("id", "=", topicId).execute();
    await audit(trx, actor, pinned ? "topic.pin" : "topic.unpin", "topic", topicId, { title: topic.title }, now);
    const payload: TopicStateEvent = { topicId, categoryId: topic.categoryId, userId: actor.kind === "user" ? actor.id : 0 };
    await ctx.jobs.emit(trx, pinned ? "topic.pinned" : "topic.unpinned", { ...payload });
  });
  return ok({ topicId, changed: true });
}
