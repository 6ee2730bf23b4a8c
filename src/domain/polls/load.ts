import { type Actor, type UserActor, isUser } from "../actor.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { canSeeTopic } from "../content/policy.js";
import { type PostRecord, type TopicRecord, findPost, findTopic } from "../content/repo.js";
import { type Result, err, ok } from "../../lib/result.js";
import { type PollRecord, findPoll } from "./repo.js";

export interface LoadedPoll {
  poll: PollRecord;
  post: PostRecord;
  topic: TopicRecord;
  actor: UserActor;
}

/**
 * The common start of acting on a poll: its post must be live and its topic visible to the actor
 * (else not_found, so hidden polls stay hidden), and the actor signed in (unauthenticated).
 */
export async function loadPollToActOn(ctx: Ctx, actor: Actor, pollId: number): Promise<Result<LoadedPoll>> {
  const found = await loadVisiblePoll(ctx, actor, pollId);
  if (!found) return err("not_found", "polls:errors.notFound");
  if (!isUser(actor)) return err("unauthenticated");
  return ok({ ...found, actor });
}

/** The poll when the actor may see its post, else null. */
export async function loadVisiblePoll(ctx: Ctx, actor: Actor, pollId: number): Promise<Omit<LoadedPoll, "actor"> | null> {
  const poll = await findPoll(ctx.db, pollId);
  const post = poll && (await findPost(ctx.db, poll.postId));
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const access = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!poll || !post || !topic || !access || post.deleted || !canSeeTopic(actor, topic, access.access)) return null;
  return { poll, post, topic };
}
