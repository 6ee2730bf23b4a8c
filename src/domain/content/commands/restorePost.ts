import { type Actor, isUser } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { countReply, refreshLastPost } from "../counters.js";
import type { PostLifecycleEvent } from "../events.js";
import { canModerate, canSeeTopic } from "../policy.js";
import { findPost, findTopic } from "../repo.js";
import { restoreSoftDeletedTopic } from "../topicLifecycle.js";
import { PostIdInput } from "./deletePost.js";

/**
 * Brings a deleted post back (moderators), with its counters; restoring the first post restores
 * its topic. Emits `post.restored` (or `topic.restored`) and records it in the audit log.
 * Fails: invalid, not_found, unauthenticated, forbidden, conflict (not deleted).
 */
export async function restorePost(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ postId: number; topicId: number }>> {
  const parsed = parseInput(PostIdInput, input);
  if (!parsed.ok) return parsed;
  const post = await findPost(ctx.db, parsed.value.postId);
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!post || !topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "content:errors.postNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  if (!canModerate(actor)) return err("forbidden", "content:errors.moderatorsOnly");
  const first = post.postNumber === 1;
  if (first ? !topic.deleted : !post.deleted) return err("conflict", "content:errors.postNotDeleted");
  const now = ctx.clock();
  const done = await transact(ctx, async (trx) => {
    if (first) return restoreSoftDeletedTopic(ctx, trx, actor, topic, now);
    const res = await trx
      .updateTable("posts")
      .set({ deleted_at: null, deleted_by: null, updated_at: now })
      .where("id", "=", post.id)
      .where("deleted_at", "is not", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    await countReply(trx, { topicId: topic.id, categoryId: topic.categoryId, userId: post.userId, topicDeleted: topic.deleted }, 1);
    await refreshLastPost(trx, topic.id);
    await audit(trx, actor, "post.restore", "post", post.id, { topicId: topic.id }, now);
    const event: PostLifecycleEvent = { topicId: topic.id, postId: post.id, postNumber: post.postNumber, categoryId: topic.categoryId, userId: actor.id };
    await ctx.jobs.emit(trx, "post.restored", { ...event });
    return true;
  });
  if (!done) return err("conflict", "content:errors.postNotDeleted");
  return ok({ postId: post.id, topicId: topic.id });
}
