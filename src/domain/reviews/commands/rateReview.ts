import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadReviewToActOn } from "../load.js";
import { canRate } from "../policy.js";
import { saveRating } from "../repo.js";
import { ReviewFields } from "../reviewType.js";

export const RateReviewInput = z.object({ topicId: Id, rating: ReviewFields.shape.rating });

/**
 * Changes the stars of the reviewer's own review (the text is edited like any post, with its
 * revisions). Emits `review.rated`. Fails: invalid (not a review; not 1–5), not_found,
 * unauthenticated, forbidden (not the reviewer; the review is locked or deleted).
 */
export async function rateReview(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ topicId: number; rating: number; previousRating: number }>> {
  const parsed = parseInput(RateReviewInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadReviewToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, review, actor: member } = loaded.value;
  if (!canRate(member, { userId: review.userId, deleted: topic.deleted, locked: topic.locked })) return err("forbidden", "reviews:errors.notYourReview");
  const { rating } = parsed.value;
  if (rating !== review.rating) {
    await transact(ctx, async (trx) => {
      await saveRating(trx, topic.id, rating, ctx.clock());
      await ctx.jobs.emit(trx, "review.rated", { topicId: topic.id, categoryId: topic.categoryId, productId: review.productId, rating, previousRating: review.rating, userId: member.id });
    });
  }
  return ok({ topicId: topic.id, rating, previousRating: review.rating });
}
