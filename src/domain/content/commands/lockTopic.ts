import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import type { TopicStateEvent } from "../events.js";
import { loadTopicToModerate } from "../moderation.js";
import { Id } from "../schemas.js";
import type { TopicFlagChange } from "./pinTopic.js";

export const LockTopicInput = z.object({ topicId: Id, locked: z.boolean() });

/**
 * Closes a topic to new replies (moderators may still reply) or opens it again (moderators).
 * Records `topic.lock`/`topic.unlock` in the audit log and emits `topic.locked`/`topic.unlocked`.
 * Fails: invalid, not_found, unauthenticated, forbidden.
 */
export async function lockTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<TopicFlagChange>> {
  const parsed = parseInput(LockTopicInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, locked } = parsed.value;
  const loaded = await loadTopicToModerate(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const { topic } = loaded.value;
  if (topic.locked === locked) return ok({ topicId, changed: false });
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx.updateTable("topics").set({ locked, updated_at: now }).where("id", "=", topicId).execute();
    await audit(trx, actor, locked ? "topic.lock" : "topic.unlock", "topic", topicId, { title: topic.title }, now);
    const payload: TopicStateEvent = { topicId, categoryId: topic.categoryId, userId: actor.kind === "user" ? actor.id : 0 };
    await ctx.jobs.emit(trx, locked ? "topic.locked" : "topic.unlocked", { ...payload });
  });
  return ok({ topicId, changed: true });
}
