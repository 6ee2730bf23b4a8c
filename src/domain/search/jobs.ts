import type { JobRegistry } from "../../jobs/registry.js";
import type { Ctx } from "../ctx.js";
import { syncPosts, syncTopic } from "./indexing.js";

const positiveId = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** Post events name a post; without one (only a topic id) the whole topic is brought up to date. */
async function syncPostEvent(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const postId = positiveId(payload.postId);
  const topicId = positiveId(payload.topicId);
  if (postId !== null) await syncPosts(ctx, [postId]);
  else if (topicId !== null) await syncTopic(ctx, topicId);
  else throw new Error(`search: event ${String(payload.event)} names neither a post nor a topic`);
}

/** Topic events concern every post of the topic, whatever else the payload names. */
async function syncTopicEvent(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const topicId = positiveId(payload.topicId);
  if (topicId !== null) await syncTopic(ctx, topicId);
  else await syncPostEvent(ctx, payload);
}

/**
 * Search indexing as jobs after commit: new, edited and restored posts are (re)indexed; deleted
 * posts and posts of deleted topics are removed. Handlers look at the current state of the posts
 * (see indexing.ts), so a retried or late job never leaves the index wrong.
 */
export function registerSearchJobs(registry: JobRegistry): void {
  registry.on("post.created", "search.postCreated", syncPostEvent);
  registry.on("post.edited", "search.postEdited", syncPostEvent);
  registry.on("post.deleted", "search.postDeleted", syncPostEvent);
  registry.on("post.restored", "search.postRestored", syncPostEvent);
  registry.on("topic.moved", "search.topicMoved", syncTopicEvent);
  registry.on("topic.deleted", "search.topicDeleted", syncTopicEvent);
  registry.on("topic.restored", "search.topicRestored", syncTopicEvent);
}
