import type { JobRegistry } from "../../jobs/registry.js";
import { actorsById } from "../accounts/sessions.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { cookMarkdown } from "../content/markdown.js";
import { canSeeTopic } from "../content/policy.js";
import { type PostRecord, type TopicRecord, findPosts, findTopics } from "../content/repo.js";
import { type NewNotification, insertNotifications, postAuthorIds, userIdsByUsername } from "./repo.js";
import { KIND_RANK, type PostNotificationKind } from "./types.js";

/** More mentions than this in one post notify nobody beyond the first ones (mass-mention spam). */
export const MAX_MENTIONS = 20;

/**
 * Notifies the people new posts concern: users a post @mentions, authors of posts it quotes, the
 * author of the post it replies to and the topic's author. At most one notification per user and
 * post (mention > quote > reply), never the writer, and only users who may see the topic right
 * now: each candidate's own actor is checked against the same policy as the topic page. The posts,
 * their topics and the candidates are each read in one query, however many posts there are.
 */
export async function notifyAboutPosts(ctx: Ctx, postIds: number[]): Promise<number> {
  const posts = await findPosts(ctx.db, postIds);
  const topics = await findTopics(ctx.db, posts.map((p) => p.topicId));
  const concerned: Array<{ post: PostRecord; topic: TopicRecord; kinds: Map<number, PostNotificationKind> }> = [];
  for (const post of posts) {
    const topic = topics.get(post.topicId);
    if (!topic || post.deleted || topic.deleted) continue;
    concerned.push({ post, topic, kinds: await candidates(ctx, post, topic) });
  }
  const readers = await actorsById(ctx, concerned.flatMap((c) => [...c.kinds.keys()]));
  const list: NewNotification[] = [];
  for (const { post, topic, kinds } of concerned) {
    for (const [userId, kind] of kinds) {
      const reader = readers.get(userId);
      const found = reader && (await accessTo(ctx, reader, topic.categoryId));
      if (!reader || !found || !canSeeTopic(reader, topic, found.access)) continue;
      list.push({ userId, kind, actorId: post.userId, topicId: topic.id, postId: post.id });
    }
  }
  await insertNotifications(ctx.db, list, ctx.clock());
  return list.length;
}

/** Who a post concerns and why, the strongest reason per user, leaving out its writer. */
async function candidates(ctx: Ctx, post: PostRecord, topic: TopicRecord): Promise<Map<number, PostNotificationKind>> {
  const { mentions, quotedPostIds } = cookMarkdown(post.body);
  const kinds = new Map<number, PostNotificationKind>();
  const add = (userId: number, kind: PostNotificationKind) => {
    const had = kinds.get(userId);
    if (!had || KIND_RANK[kind] > KIND_RANK[had]) kinds.set(userId, kind);
  };
  if (post.postNumber > 1) add(topic.userId, "reply");
  if (post.replyToPostId !== null) for (const id of await postAuthorIds(ctx.db, [post.replyToPostId])) add(id, "reply");
  for (const id of await postAuthorIds(ctx.db, quotedPostIds.slice(0, MAX_MENTIONS))) add(id, "quote");
  for (const id of await userIdsByUsername(ctx.db, mentions.slice(0, MAX_MENTIONS))) add(id, "mention");
  kinds.delete(post.userId);
  return kinds;
}

/** In-app notifications, created after posts are committed. */
export function registerNotificationJobs(registry: JobRegistry): void {
  registry.onBatch("post.created", "notifications.notifyAboutPost", async (ctx, payloads) => {
    await notifyAboutPosts(ctx, payloads.map((p) => Number(p.postId)).filter(Number.isSafeInteger));
  });
}
