import { type Actor, type UserActor, isUser } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { canSeeTopic } from "../content/policy.js";
import { type TopicRecord, findTopic } from "../content/repo.js";
import { type Result, err, ok } from "../../lib/result.js";
import { type ReviewRecord, findReview } from "./repo.js";

/**
 * The common start of acting on a review: the topic must be visible (else not_found, so hidden
 * reviews stay hidden), the actor signed in (unauthenticated) and the topic a review (invalid).
 */
export async function loadReviewToActOn(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ topic: TopicRecord; review: ReviewRecord; actor: UserActor }>> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  const review = topic.type === "review" ? await findReview(ctx.db, topic.id) : null;
  if (!review) return err("invalid", "reviews:errors.notAReview");
  return ok({ topic, review, actor });
}
