import type { Actor } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { AccessLevel } from "../community/types.js";
import type { Ctx } from "../ctx.js";
import { type Result, err, ok } from "../../lib/result.js";
import { canModerate, canSeeTopic } from "./policy.js";
import { type TopicRecord, findTopic } from "./repo.js";

/**
 * The common start of every staff action on a topic: the topic must exist and be visible to the
 * actor (else not_found, so hidden topics stay hidden), the actor must be signed in
 * (unauthenticated) and a moderator (forbidden).
 */
export async function loadTopicToModerate(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ topic: TopicRecord; access: AccessLevel }>> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (actor.kind === "anonymous") return err("unauthenticated");
  if (!canModerate(actor)) return err("forbidden", "content:errors.moderatorsOnly");
  return ok({ topic, access: found.access });
}
