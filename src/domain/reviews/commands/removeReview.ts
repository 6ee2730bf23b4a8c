import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { softDeleteTopic } from "../../content/topicLifecycle.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadReviewToActOn } from "../load.js";
import { canRemoveReview } from "../policy.js";
import { saveRemoval } from "../repo.js";

export const RemoveReviewInput = z.object({
  topicId: Id,
  /** Which rule the review broke, in the moderator's words (kept with the review and audited). */
  reason: z.string().trim().min(5).max(500),
});

/**
 * Removes a review for breaking the rules (moderators only; a low rating is never a reason).
 * The topic is soft-deleted, so it leaves pages, lists, search and the product's average, and
 * the reason, the moderator and the time are kept on the review and in the audit log
 * (`review.remove`). A restore brings it back. Fails: invalid (no reason; not a review),
 * not_found, unauthenticated, forbidden (not a moderator), conflict (already removed).
 */
export async function removeReview(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ topicId: number }>> {
  const parsed = parseInput(RemoveReviewInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadReviewToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, review, actor: moderator } = loaded.value;
  if (topic.deleted) return err("conflict", "content:errors.topicAlreadyDeleted");
  if (!canRemoveReview(moderator, topic)) return err("forbidden", "content:errors.moderatorsOnly");
  const { reason } = parsed.value;
  const now = ctx.clock();
  const done = await transact(ctx, async (trx) => {
    if (!(await softDeleteTopic(ctx, trx, moderator, topic, now))) return false;
    await saveRemoval(trx, topic.id, { reason, by: moderator.id }, now);
    await audit(trx, moderator, "review.remove", "topic", topic.id, { title: topic.title, productId: review.productId, rating: review.rating, reviewer: review.userId, reason }, now);
    return true;
  });
  if (!done) return err("conflict", "content:errors.topicAlreadyDeleted");
  return ok({ topicId: topic.id });
}
