import type { JobRegistry } from "../../jobs/registry.js";
import type { Ctx } from "../ctx.js";
import { syncPosts, syncTopic } from "./indexing.js";

const positiveId = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Post events name a post; without one (only a topic id) the whole topic is brought up to date.
 * The posts of many events are synced together, with one read and one write.
 */
async function syncPostEvents(ctx: Ctx, payloads: Array<Record<string, unknown>>): Promise<void> {
  const postIds: number[] = [];
  const topicIds = new Set<number>();
  for (const payload of payloads) {
    const postId = positiveId(payload.postId);
    const topicId = positiveId(payload.topicId);
    if (postId !== null) postIds.push(postId);
    else if (topicId !== null) topicIds.add(topicId);
    else throw new Error(`search: event ${String(payload.event)} names neither a post nor a topic`);
  }
  await syncPosts(ctx, postIds);
  for (const topicId of topicIds) await syncTopic(ctx, topicId);
}

/** Topic events concern every post of the topic, whatever else the payload names. */
async function syncTopicEvent(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const topicId = positiveId(payload.topicId);
  if (topicId !== null) await syncTopic(ctx, topicId);
  else await syncPostEvents(ctx, [payload]);
}

/**
 * Search indexing as jobs after commit: new, edited and restored posts are (re)indexed; deleted
 * posts and posts of deleted topics are removed. Handlers look at the current state of the posts
 * (see indexing.ts), so a retried or late job never leaves the index wrong.
 */
export function registerSearchJobs(registry: JobRegistry): void {
  registry.onBatch("post.created", "search.postCreated", syncPostEvents);
  registry.onBatch("post.edited", "search.postEdited", syncPostEvents);
  registry.onBatch("post.deleted", "search.postDeleted", syncPostEvents);
  registry.onBatch("post.restored", "search.postRestored", syncPostEvents);
  registry.on("topic.moved", "search.topicMoved", syncTopicEvent);
  registry.on("topic.deleted", "search.topicDeleted", syncTopicEvent);
  registry.on("topic.restored", "search.topicRestored", syncTopicEvent);
}
