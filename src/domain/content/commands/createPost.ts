import { z } from "zod";
import { type Actor, isUser } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { typeAllowsReply } from "../contentTypes.js";
import { cookPost } from "../cook.js";
import { createExtensions, parseExtras } from "../extras.js";
import { canReply, canSeeTopic } from "../policy.js";
import { postingLimit } from "../rateLimits.js";
import { findPost, findTopic } from "../repo.js";
import { Body, Id } from "../schemas.js";
import { topicUrl } from "../types.js";

export const CreatePostInput = z.object({
  topicId: Id,
  body: Body,
  replyToPostId: z.preprocess((v) => (v === "" || v === null ? undefined : v), Id.optional()),
});

export interface CreatedPost {
  id: number;
  topicId: number;
  postNumber: number;
  url: string;
}

/**
 * Replies to a topic the actor may see and reply in (open, or any topic for moderators).
 * Emits `post.created`. Fails: invalid, not_found, unauthenticated, forbidden, rate_limited.
 */
export async function createPost(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<CreatedPost>> {
  const parsed = parseInput(CreatePostInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, replyToPostId } = parsed.value;
  const topic = await findTopic(ctx.db, topicId);
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!topic || !found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  if (!canReply(actor, topic, found.access)) {
    const why = topic.locked ? "errors:topicLocked" : !actor.emailVerified ? "errors:verifyEmailFirst" : "errors:cannotPostHere";
    return err("forbidden", why);
  }
  if (replyToPostId !== undefined) {
    const target = await findPost(ctx.db, replyToPostId);
    if (!target || target.topicId !== topic.id) return err("invalid", undefined, { fields: { replyToPostId: { key: "validation.invalid" } } });
  }
  if (!typeAllowsReply(actor, topic)) return err("forbidden", "errors:cannotPostHere");
  const extras = await parseExtras(ctx, actor, input, null);
  if (!extras.ok) return extras;
  const limited = await postingLimit(ctx, actor, "reply");
  if (limited) return limited;

  const { body } = await ctx.hooks.apply("post.beforeCreate", { body: parsed.value.body, topicId, userId: actor.id });
  const cooked = await cookPost(ctx, ctx.db, body);
  const now = ctx.clock();

  const created = await transact(ctx, async (trx) => {
    // Bumping the topic first takes its row lock, so concurrent replies get distinct numbers.
    const bumped = await trx
      .updateTable("topics")
      .set((eb) => ({
        reply_count: eb("reply_count", "+", 1),
        highest_post_number: eb("highest_post_number", "+", 1),
        last_posted_at: now,
        last_post_user_id: actor.id,
        updated_at: now,
      }))
      .where("id", "=", topic.id)
      .returning(["highest_post_number", "category_id"])
      .executeTakeFirstOrThrow();
    const post = await trx
      .insertInto("posts")
      .values({
        topic_id: topic.id,
        user_id: actor.id,
        post_number: bumped.highest_post_number,
        reply_to_post_id: replyToPostId ?? null,
        body,
        cooked: cooked.html,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await createExtensions(trx, ctx, actor, extras.value, { postId: post.id, topicId: topic.id, postNumber: bumped.highest_post_number, categoryId: bumped.category_id });
    await ctx.jobs.emit(trx, "post.created", {
      topicId: topic.id,
      postId: post.id,
      postNumber: bumped.highest_post_number,
      categoryId: bumped.category_id,
      userId: actor.id,
    });
    // Every reply in the category and by the writer updates these rows, so they come last: on
    // PostgreSQL their row locks are then held only until the commit, not through the inserts.
    await trx
      .updateTable("categories")
      .set((eb) => ({ post_count: eb("post_count", "+", 1), last_posted_at: now }))
      .where("id", "=", bumped.category_id)
      .execute();
    await trx.updateTable("users").set((eb) => ({ post_count: eb("post_count", "+", 1) })).where("id", "=", actor.id).execute();
    return { id: post.id, postNumber: bumped.highest_post_number };
  });
  return ok({ ...created, topicId: topic.id, url: `${topicUrl(topic)}#post-${created.postNumber}` });
}
