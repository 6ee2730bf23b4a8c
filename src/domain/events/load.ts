import { type Actor, type UserActor, isUser } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { canSeeTopic } from "../content/policy.js";
import { type TopicRecord, findTopic } from "../content/repo.js";
import { type Result, err, ok } from "../../lib/result.js";
import { type EventRecord, findEvent } from "./repo.js";

/** The event topic when the actor may see it, else null (hidden events stay hidden). */
export async function loadVisibleEvent(ctx: Ctx, actor: Actor, topicId: number): Promise<{ topic: TopicRecord; event: EventRecord } | null> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return null;
  const event = topic.type === "event" ? await findEvent(ctx.db, topic.id) : null;
  return event ? { topic, event } : null;
}

/**
 * The common start of acting on an event: visible (else not_found), the actor signed in
 * (unauthenticated) and the topic an event (invalid).
 */
export async function loadEventToActOn(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ topic: TopicRecord; event: EventRecord; actor: UserActor }>> {
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  const event = topic.type === "event" ? await findEvent(ctx.db, topic.id) : null;
  if (!event) return err("invalid", "events:errors.notAnEvent");
  return ok({ topic, event, actor });
}
