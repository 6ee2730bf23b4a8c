import type { Actor } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { canDeletePost, canEditPost, canModerate, canReply, canRestorePost, canSeeTopic } from "../policy.js";
import type { AccessLevel } from "../../community/types.js";
import { type TopicTypeData, topicType, typeAllowsReply } from "../contentTypes.js";
import { type PostExtensionData, loadPostExtensions } from "../postExtensions.js";
import { type TopicRecord, categoryRef, findTopic, listPosts, replyTargets, topicTags, userSummaries } from "../repo.js";
import { POSTS_PER_PAGE, type Post, type PostPermissions, type Topic, topicUrl } from "../types.js";

export { POSTS_PER_PAGE };

export interface TopicPage {
  topic: Topic;
  /** What the topic's content type adds (the accepted answer, votes, the event…); null for discussions. */
  typeData: TopicTypeData | null;
  posts: Array<Post & { can: PostPermissions; extensions: PostExtensionData }>;
  page: number;
  pageCount: number;
  /** What the reader may do on the topic. */
  can: { reply: boolean; moderate: boolean };
}

/**
 * One page of a topic with what the reader may do. Feeds the topic page, its API and the
 * live-update fragments. Fails: not_found (also when the reader may not see the topic).
 */
export async function getTopicPage(ctx: Ctx, actor: Actor, topicId: number, page = 1): Promise<Result<TopicPage>> {
  const topic = await findTopic(ctx.db, topicId);
  if (!topic) return err("not_found", "errors:topicNotFound");
  const found = await accessTo(ctx, actor, topic.categoryId);
  if (!found || !canSeeTopic(actor, topic, found.access)) return err("not_found", "errors:topicNotFound");
  const pageCount = Math.max(1, Math.ceil((topic.highestPostNumber || 1) / POSTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const moderate = canModerate(actor);
  // The first page lists the opening post, whose author is the topic's: no query of its own
  // (unless that post is hidden from this reader).
  const [posts, tags, authors, index] = await Promise.all([
    listPosts(ctx.db, topic.id, { offset: (current - 1) * POSTS_PER_PAGE, limit: POSTS_PER_PAGE, revealDeleted: moderate }),
    topicTags(ctx.db, [topic.id]),
    current === 1 ? null : userSummaries(ctx.db, [topic.userId]),
    ctx.cache.categories(),
  ]);
  const author = authors?.get(topic.userId) ?? posts.find((p) => p.author.id === topic.userId)?.author ?? (await userSummaries(ctx.db, [topic.userId])).get(topic.userId)!;
  const firstPostId = current === 1 ? posts.find((p) => p.postNumber === 1)?.id : undefined;
  const [targets, extensions, typeData] = await Promise.all([
    replyTargets(
      ctx.db,
      posts.flatMap((p) => (p.replyToPostId === null ? [] : [p.replyToPostId])),
    ),
    loadPostExtensions(
      ctx,
      actor,
      posts.filter((p) => !p.deleted),
    ),
    loadTypeData(ctx, actor, topic, found.access, firstPostId),
  ]);
  return ok({
    topic: {
      id: topic.id,
      type: topic.type,
      title: topic.title,
      slug: topic.slug,
      url: topicUrl(topic),
      category: categoryRef(index, topic.categoryId),
      author,
      tags: tags.get(topic.id) ?? [],
      pinned: topic.pinned,
      locked: topic.locked,
      deleted: topic.deleted,
      replyCount: topic.replyCount,
      viewCount: topic.viewCount,
      createdAt: topic.createdAt,
      lastPostedAt: topic.lastPostedAt,
      typeData,
    },
    posts: posts.map((p) => {
      const state = { authorId: p.author.id, deleted: p.deleted, postNumber: p.postNumber };
      return {
        ...p,
        replyTo: p.replyToPostId === null ? null : (targets.get(p.replyToPostId) ?? null),
        extensions: extensions.get(p.id) ?? {},
        can: {
          edit: canEditPost(actor, state, topic, found.access),
          delete: canDeletePost(actor, state, topic, found.access),
          restore: canRestorePost(actor, state, found.access),
        },
      };
    }),
    page: current,
    pageCount,
    typeData,
    can: { reply: canReply(actor, topic, found.access) && typeAllowsReply(actor, topic), moderate },
  });
}

async function loadTypeData(ctx: Ctx, actor: Actor, topic: TopicRecord, access: AccessLevel, firstPostId: number | undefined): Promise<TopicTypeData | null> {
  const load = topicType(topic.type).loadTopic;
  if (!load) return null;
  const postId =
    firstPostId ??
    (await ctx.db.selectFrom("posts").select("id").where("topic_id", "=", topic.id).where("post_number", "=", 1).executeTakeFirstOrThrow()).id;
  return load(ctx, actor, { topic, access, firstPostId: postId });
}
