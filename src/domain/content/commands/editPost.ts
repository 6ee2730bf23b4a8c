import type { Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema.js";
import { type Actor, isModerator, isUser } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Failure, Refusal, type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { topicType } from "../contentTypes.js";
import { cookPost } from "../cook.js";
import { replaceTopicTags } from "../counters.js";
import type { PostEditedEvent } from "../events.js";
import { canEditPost, canSeePostContent } from "../policy.js";
import { postingLimit } from "../rateLimits.js";
import { type PostRecord, type TopicRecord, ensureTags, findPost, findTopic, postState, topicTags } from "../repo.js";
import { Body, Id, TagList, Title } from "../schemas.js";
import { postUrl, slugify } from "../types.js";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const EditPostInput = z.object({
  postId: Id,
  body: Body,
  /** Only for the first post: the topic's new title. */
  title: Title.optional(),
  /** Only for the first post: the topic's tags (replacing the old ones). */
  tags: TagList.optional(),
  /** The revision the editor started from; a different current revision is a conflict. */
  revision: z.preprocess(emptyToUndefined, Id.optional()),
});

export interface EditedPost {
  id: number;
  topicId: number;
  revision: number;
  /** False when nothing differed from the current version (no revision was written). */
  changed: boolean;
  url: string;
}

/** Why the actor may not edit, for the message. */
function forbidden(actor: Actor, post: PostRecord, topic: TopicRecord): Failure {
  if (post.deleted) return err("forbidden", "content:errors.postDeleted");
  if (actor.kind === "user" && actor.id !== post.userId) return err("forbidden", "content:errors.notYourPost");
  if (topic.locked) return err("forbidden", "errors:topicLocked");
  if (actor.kind === "user" && !actor.emailVerified) return err("forbidden", "errors:verifyEmailFirst");
  return err("forbidden");
}

const sameTags = (a: string[], b: string[]) =>
  a.length === b.length && a.map((x) => x.toLowerCase()).sort().join("\n") === b.map((x) => x.toLowerCase()).sort().join("\n");

/**
 * Edits a post: authors their own while the topic is open, moderators any. The first post may
 * also change the topic's title and tags, and the fields its content type keeps editable (an
 * article's kind, lead and cover: `input[type]`). When the text changes, the previous version is
 * kept in `post_revisions`, the post's revision goes up by one and it is cooked again, and
 * `post.edited` is emitted.
 * Fails: invalid, not_found, unauthenticated, forbidden, conflict (edited meanwhile), rate_limited.
 */
export async function editPost(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<EditedPost>> {
  const parsed = parseInput(EditPostInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const post = await findPost(ctx.db, v.postId);
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!post || !topic || !found || !canSeePostContent(actor, post, topic, found.access)) return err("not_found", "content:errors.postNotFound");
  if (!isUser(actor)) return err("unauthenticated");
  if (!canEditPost(actor, postState(post), topic, found.access)) return forbidden(actor, post, topic);
  const first = post.postNumber === 1;
  if (!first && (v.title !== undefined || v.tags !== undefined)) {
    const fields = Object.fromEntries(
      (["title", "tags"] as const).filter((k) => v[k] !== undefined).map((k) => [k, { key: "content:validation.firstPostOnly" }]),
    );
    return err("invalid", undefined, { fields });
  }
  if (v.revision !== undefined && v.revision !== post.revision) {
    return err("conflict", "content:errors.editConflict", { params: { revision: post.revision } });
  }
  const module = topicType(topic.type);
  const rawType = (input as Record<string, unknown> | null)?.[topic.type];
  let typeFields: unknown = null;
  if (rawType !== undefined && rawType !== null) {
    if (!first || !module.onEdit || !module.fields) return err("invalid", undefined, { fields: { [topic.type]: { key: "content:validation.firstPostOnly" } } });
    const parsedType = parseInput(module.fields, rawType);
    if (!parsedType.ok) return err("invalid", undefined, { fields: Object.fromEntries(Object.entries(parsedType.fields ?? {}).map(([k, e]) => [`${topic.type}.${k}`, e])) });
    typeFields = parsedType.value;
  }
  const limited = await postingLimit(ctx, actor, "edit");
  if (limited) return limited;

  const oldTags = first ? ((await topicTags(ctx.db, [topic.id])).get(topic.id) ?? []) : [];
  const titleChanged = first && v.title !== undefined && v.title !== topic.title;
  const tagsChanged = first && v.tags !== undefined && !sameTags(v.tags, oldTags);
  const bodyChanged = v.body !== post.body;
  const title = titleChanged ? v.title! : topic.title;
  const slug = titleChanged ? slugify(title) : topic.slug;
  const textChanged = titleChanged || tagsChanged || bodyChanged;
  const unchanged = () => ok({ id: post.id, topicId: topic.id, revision: post.revision, changed: false, url: postUrl(topic, post.postNumber) });
  if (!textChanged && typeFields === null) return unchanged();

  const cooked = textChanged ? await cookPost(ctx, ctx.db, v.body) : null;
  const now = ctx.clock();
  const saveType = async (trx: Transaction<DB>): Promise<boolean> => {
    if (typeFields === null) return false;
    const res = await module.onEdit!(trx, ctx, actor, { topicId: topic.id, postId: post.id }, typeFields);
    if (typeof res === "object") throw new Refusal(res);
    return res;
  };
  const saved = await transact(ctx, async (trx): Promise<{ revision: number | null; changed: boolean }> => {
    if (!textChanged || !cooked) return { revision: post.revision, changed: await saveType(trx) };
    // Guarded by the revision we read: a concurrent edit makes this update miss, and nothing is written.
    const updated = await trx
      .updateTable("posts")
      .set((eb) => ({ body: v.body, cooked: cooked.html, revision: eb("revision", "+", 1), edited_at: now, updated_at: now }))
      .where("id", "=", post.id)
      .where("revision", "=", post.revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { revision: null, changed: false };
    await trx
      .insertInto("post_revisions")
      .values({ post_id: post.id, revision: post.revision, user_id: actor.id, title: first ? topic.title : null, body: post.body, created_at: now })
      .execute();
    if (titleChanged) await trx.updateTable("topics").set({ title, slug, updated_at: now }).where("id", "=", topic.id).execute();
    if (tagsChanged) await replaceTopicTags(trx, topic.id, await ensureTags(trx, v.tags!, now), !topic.deleted);
    if (actor.id !== post.userId && isModerator(actor)) {
      await audit(trx, actor, "post.edit", "post", post.id, { topicId: topic.id, revision: post.revision + 1 }, now);
    }
    const event: PostEditedEvent = {
      topicId: topic.id,
      postId: post.id,
      postNumber: post.postNumber,
      categoryId: topic.categoryId,
      userId: actor.id,
      revision: post.revision + 1,
      titleChanged,
    };
    await saveType(trx);
    await ctx.jobs.emit(trx, "post.edited", { ...event });
    return { revision: post.revision + 1, changed: true };
  }).catch((e: unknown) => {
    if (e instanceof Refusal) return e.failure;
    throw e;
  });
  if ("ok" in saved) return saved;
  if (saved.revision === null) return err("conflict", "content:errors.editConflict", { params: { revision: post.revision + 1 } });
  if (!saved.changed) return unchanged();
  return ok({ id: post.id, topicId: topic.id, revision: saved.revision, changed: true, url: postUrl({ id: topic.id, slug }, post.postNumber) });
}
