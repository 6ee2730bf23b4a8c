import type { JobRegistry } from "../../jobs/registry.js";
import { findUserById } from "../accounts/repo.js";
import { actorFor } from "../accounts/sessions.js";
import { accessTo } from "../community/access.js";
import type { Ctx } from "../ctx.js";
import { cookMarkdown } from "../content/markdown.js";
import { canSeeTopic } from "../content/policy.js";
import { findPost, findTopic } from "../content/repo.js";
import { type NewNotification, insertNotifications, postAuthorIds, userIdsByUsername } from "./repo.js";
import { KIND_RANK, type PostNotificationKind } from "./types.js";

/** More mentions than this in one post notify nobody beyond the first ones (mass-mention spam). */
export const MAX_MENTIONS = 20;

/**
 * Notifies the people a new post concerns: users it @mentions, authors of posts it quotes, the
 * author of the post it replies to and the topic's author. At most one notification per user
 * (mention > quote > reply), never the writer, and only users who may see the topic right now:
 * each candidate's own actor is checked against the same policy as the topic page.
 */
export async function notifyAboutPost(ctx: Ctx, postId: number): Promise<number> {
  const post = await findPost(ctx.db, postId);
  const topic = post && (await findTopic(ctx.db, post.topicId));
  if (!post || !topic || post.deleted || topic.deleted) return 0;
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

  const list: NewNotification[] = [];
  for (const [userId, kind] of kinds) {
    const user = await findUserById(ctx.db, userId);
    if (!user) continue;
    const reader = await actorFor(ctx, user);
    const found = await accessTo(ctx, reader, topic.categoryId);
    if (!found || !canSeeTopic(reader, topic, found.access)) continue;
    list.push({ userId, kind, actorId: post.userId, topicId: topic.id, postId: post.id });
  }
  await insertNotifications(ctx.db, list, ctx.clock());
  return list.length;
}

/** In-app notifications, created after a post is committed. */
export function registerNotificationJobs(registry: JobRegistry): void {
  registry.on("post.created", "notifications.notifyAboutPost", async (ctx, p) => {
    await notifyAboutPost(ctx, Number(p.postId));
  });
}
