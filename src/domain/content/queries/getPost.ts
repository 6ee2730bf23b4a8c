import type { Actor } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { canDeletePost, canEditPost, canModerate, canRestorePost, canSeeTopic } from "../policy.js";
import { findPostView, findTopic, replyTargets, topicTags } from "../repo.js";
import { type Post, type PostPermissions, postUrl, topicUrl } from "../types.js";

export interface PostDetail {
  post: Post & { can: PostPermissions; url: string };
  topic: { id: number; title: string; slug: string; url: string; categoryId: number; type: string; tags: string[]; locked: boolean; deleted: boolean };
}

/**
 * One post, with what the reader may do with it. A deleted post keeps its place but its text is
 * only given to moderators. Feeds `/p/:id/edit` and `GET /api/v1/posts/:id`.
 * Fails: not_found (also when the reader may not see the topic).
 */
export async function getPost(ctx: Ctx, actor: Actor, postId: number): Promise<Result<PostDetail>> {
  const moderate = canModerate(actor);
  const post = await findPostView(ctx.db, postId, { revealDeleted: moderate });
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!post || !topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "content:errors.postNotFound");
  const state = { authorId: post.author.id, deleted: post.deleted, postNumber: post.postNumber };
  const [targets, tags] = await Promise.all([
    replyTargets(ctx.db, post.replyToPostId === null ? [] : [post.replyToPostId]),
    topicTags(ctx.db, [topic.id]),
  ]);
  return ok({
    post: {
      ...post,
      replyTo: post.replyToPostId === null ? null : (targets.get(post.replyToPostId) ?? null),
      url: postUrl(topic, post.postNumber),
      can: {
        edit: canEditPost(actor, state, topic, found.access),
        delete: canDeletePost(actor, state, topic, found.access),
        restore: canRestorePost(actor, state, found.access) || (post.postNumber === 1 && topic.deleted && moderate),
      },
    },
    topic: {
      id: topic.id,
      title: topic.title,
      slug: topic.slug,
      url: topicUrl(topic),
      categoryId: topic.categoryId,
      type: topic.type,
      tags: tags.get(topic.id) ?? [],
      locked: topic.locked,
      deleted: topic.deleted,
    },
  });
}
