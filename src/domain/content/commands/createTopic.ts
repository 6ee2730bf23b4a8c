import { z } from "zod";
import { type Actor, isUser } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Failure, Refusal, type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { categoryType } from "../contentTypes.js";
import { cookPost } from "../cook.js";
import { createExtensions, parseExtras } from "../extras.js";
import { canCreateTopic } from "../policy.js";
import { postingLimit } from "../rateLimits.js";
import { ensureTags } from "../repo.js";
import { Body, Id, TagList, Title } from "../schemas.js";
import { slugify, topicUrl } from "../types.js";

export const CreateTopicInput = z.object({ categoryId: Id, title: Title, body: Body, tags: TagList });

export interface CreatedTopic {
  id: number;
  postId: number;
  slug: string;
  url: string;
}

/**
 * Starts a topic in a category the actor may post in: the topic (of the category's content type,
 * with that type's fields from `input[type]`), its first post with any post extensions, its tags.
 * Emits `topic.created` and `post.created`. Fails: invalid, not_found, unauthenticated, forbidden, rate_limited.
 */
export async function createTopic(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<CreatedTopic>> {
  const parsed = parseInput(CreateTopicInput, input);
  if (!parsed.ok) return parsed;
  if (!isUser(actor)) return err("unauthenticated");
  const found = await accessTo(ctx, actor, parsed.value.categoryId);
  if (!found) return err("not_found", "errors:categoryNotFound", { fields: { categoryId: { key: "validation.unknownCategory" } } });
  if (!canCreateTopic(actor, found.access)) return err("forbidden", actor.emailVerified ? "errors:cannotPostHere" : "errors:verifyEmailFirst");
  const type = categoryType(found.category.contentType);
  const extras = await parseExtras(ctx, actor, input, type);
  if (!extras.ok) return extras;
  const limited = await postingLimit(ctx, actor, "topic");
  if (limited) return limited;

  const input2 = await ctx.hooks.apply("topic.beforeCreate", { ...parsed.value, userId: actor.id });
  const cooked = await cookPost(ctx, ctx.db, input2.body);
  const now = ctx.clock();
  const slug = slugify(input2.title);

  const created = await transact(ctx, async (trx): Promise<{ id: number; postId: number } | Failure> => {
    const topic = await trx
      .insertInto("topics")
      .values({
        category_id: found.category.id,
        user_id: actor.id,
        type,
        title: input2.title,
        slug,
        pinned: false,
        locked: false,
        highest_post_number: 1,
        last_post_user_id: actor.id,
        last_posted_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const post = await trx
      .insertInto("posts")
      .values({ topic_id: topic.id, user_id: actor.id, post_number: 1, body: input2.body, cooked: cooked.html, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input2.tags.length > 0) {
      const tagIds = await ensureTags(trx, input2.tags, now);
      await trx.insertInto("topic_tags").values(tagIds.map((tag_id) => ({ topic_id: topic.id, tag_id }))).execute();
      await trx.updateTable("tags").set((eb) => ({ topic_count: eb("topic_count", "+", 1) })).where("id", "in", tagIds).execute();
    }
    await trx
      .updateTable("categories")
      .set((eb) => ({ topic_count: eb("topic_count", "+", 1), post_count: eb("post_count", "+", 1), last_posted_at: now }))
      .where("id", "=", found.category.id)
      .execute();
    // Before the content type's onCreate: the writer's row lock makes a second request of theirs
    // (a double click) wait here and then see the first one's topic.
    await trx
      .updateTable("users")
      .set((eb) => ({ topic_count: eb("topic_count", "+", 1), post_count: eb("post_count", "+", 1) }))
      .where("id", "=", actor.id)
      .execute();
    const ref = { topicId: topic.id, postId: post.id, categoryId: found.category.id };
    const refused = await extras.value.type?.module.onCreate?.(trx, ctx, actor, ref, extras.value.type.fields);
    if (refused) throw new Refusal(refused);
    await createExtensions(trx, ctx, actor, extras.value, { ...ref, postNumber: 1 });
    const payload = { topicId: topic.id, postId: post.id, categoryId: found.category.id, userId: actor.id, type };
    await ctx.jobs.emit(trx, "topic.created", payload);
    await ctx.jobs.emit(trx, "post.created", { ...payload, postNumber: 1 });
    return { id: topic.id, postId: post.id };
  }).catch((e: unknown) => {
    if (e instanceof Refusal) return e.failure;
    throw e;
  });
  if ("ok" in created) return created;
  return ok({ ...created, slug, url: topicUrl({ id: created.id, slug }) });
}
