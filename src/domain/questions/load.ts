import { type Actor, type UserActor, isUser } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { canSeeTopic } from "../content/policy.js";
import { type TopicRecord, findTopic } from "../content/repo.js";
import { type Result, err, ok } from "../../lib/result.js";
import { canAcceptAnswer } from "./policy.js";

/**
 * The common start of choosing an answer: the topic must be visible (else not_found, so hidden
 * topics stay hidden), a question (invalid), the actor signed in (unauthenticated) and allowed
 * to choose (forbidden).
 */
export async function loadQuestionToAnswer(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ topic: TopicRecord; actor: UserActor }>> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  if (topic.type !== "question") return err("invalid", "questions:errors.notAQuestion");
  if (!canAcceptAnswer(actor, topic)) return err("forbidden", "questions:errors.mayNotAccept");
  return ok({ topic, actor });
}
