import { z } from "zod";
import { type Actor, isModerator, isUser } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { countReply, refreshLastPost } from "../counters.js";
import type { PostLifecycleEvent } from "../events.js";
import { canDeletePost, canSeeTopic } from "../policy.js";
import { findPost, findTopic, postState } from "../repo.js";
import { Id } from "../schemas.js";
import { softDeleteTopic } from "../topicLifecycle.js";

export const PostIdInput = z.object({ postId: Id });

export interface DeletedPost {
  postId: number;
  topicId: number;
  /** True when the first post was deleted, which deletes the whole topic. */
  topicDeleted: boolean;
}

/**
 * Soft-deletes a post: authors their own replies (and their topic, through its first post, while
 * nobody has replied), moderators anything. A reply becomes a "deleted" placeholder and leaves the
 * counters; the first post takes the whole topic with it. Emits `post.deleted` (or `topic.deleted`).
 * Fails: invalid, not_found, unauthenticated, forbidden, conflict (already deleted).
 */
export async function deletePost(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<DeletedPost>> {
  const parsed = parseInput(PostIdInput, input);
  if (!parsed.ok) return parsed;
  const post = await findPost(ctx.db, parsed.value.postId);
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!post || !topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "content:errors.postNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  const first = post.postNumber === 1;
  if (post.deleted || (first && topic.deleted)) return err("conflict", "content:errors.postAlreadyDeleted");
  if (!canDeletePost(actor, postState(post), topic, found.access)) {
    if (actor.id !== post.userId) return err("forbidden", "content:errors.notYourPost");
    if (first && topic.replyCount > 0) return err("forbidden", "content:errors.topicHasReplies");
    return err("forbidden", topic.locked ? "errors:topicLocked" : undefined);
  }
  const now = ctx.clock();
  const done = await transact(ctx, async (trx) => {
    if (first) return softDeleteTopic(ctx, trx, actor, topic, now);
    const res = await trx
      .updateTable("posts")
      .set({ deleted_at: now, deleted_by: actor.id, updated_at: now })
      .where("id", "=", post.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    await countReply(trx, { topicId: topic.id, categoryId: topic.categoryId, userId: post.userId, topicDeleted: topic.deleted }, -1);
    await refreshLastPost(trx, topic.id);
    if (isModerator(actor) && actor.id !== post.userId) await audit(trx, actor, "post.delete", "post", post.id, { topicId: topic.id }, now);
    const event: PostLifecycleEvent = { topicId: topic.id, postId: post.id, postNumber: post.postNumber, categoryId: topic.categoryId, userId: actor.id };
    await ctx.jobs.emit(trx, "post.deleted", { ...event });
    return true;
  });
  if (!done) return err("conflict", "content:errors.postAlreadyDeleted");
  return ok({ postId: post.id, topicId: topic.id, topicDeleted: first });
}
