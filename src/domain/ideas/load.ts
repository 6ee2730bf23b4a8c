import { type Actor, type UserActor, isUser } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { canSeeTopic } from "../content/policy.js";
import { type TopicRecord, findTopic } from "../content/repo.js";
import { type Result, err, ok } from "../../lib/result.js";

/**
 * The common start of acting on an idea: the topic must be visible (else not_found, so hidden
 * ideas stay hidden), the actor signed in (unauthenticated) and the topic an idea (invalid).
 */
export async function loadIdeaToActOn(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ topic: TopicRecord; actor: UserActor }>> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  if (topic.type !== "idea") return err("invalid", "ideas:errors.notAnIdea");
  return ok({ topic, actor });
}
