import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

/** A poll to add to a new post (see the polls section of docs/api.md). */
const PollInputJson = z
  .object({
    question: z.string(),
    options: z.array(z.string()).describe("2–20 distinct options"),
    multiple: z.boolean().optional(),
    results: z.enum(["after_vote", "always", "after_close"]).optional(),
    closesAt: z.string().optional().describe("ISO 8601 with an offset; absent: stays open"),
  })
  .describe("a poll inside the post");
import { createPost } from "../../domain/content/commands/createPost.js";
import { createTopic } from "../../domain/content/commands/createTopic.js";
import { getTopicPage } from "../../domain/content/queries/getTopicPage.js";
import { listTopics } from "../../domain/content/queries/listTopics.js";
import type { Actor } from "../../domain/actor.js";
import type { Ctx } from "../../domain/ctx.js";
import { sendApiError } from "../errors.js";
import { EventInputJson } from "./events.js";
import { ARTICLE_KINDS } from "../../domain/articles/repo.js";
import { questionStatusWhere } from "../../domain/questions/repo.js";
import { ErrorJson, PostJson, TopicListItemJson, UserJson, presentPost, presentTopicListItem, presentUser, jsonValue } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });


/** An article's own fields, when starting one or editing its first post. */
export const ArticleInputJson = z
  .object({
    kind: z.enum(ARTICLE_KINDS).optional(),
    summary: z.string().optional(),
    coverKey: z.string().nullable().optional().describe("the `key` of an image uploaded with POST /api/v1/uploads"),
    removeCover: z.boolean().optional(),
  })
  .describe("in article categories: the kind, the lead (up to 300 characters) and the cover image");

export function topicsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/topics",
    {
      schema: {
        tags: ["topics"],
        summary: "A page of topics the caller may see",
        querystring: z.object({
          sort: z.enum(["latest", "top", "unanswered", "new"]).default("latest"),
          category: z.string().optional().describe("category slug or id"),
          tag: z.string().optional(),
          status: z.enum(["solved", "unsolved"]).optional().describe("questions only: with or without an accepted answer"),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          perPage: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: z.object({ topics: z.array(TopicListItemJson), page: z.number(), hasMore: z.boolean() }), 404: ErrorJson },
      },
    },
    async (req, reply) => {
      const q = req.query;
      let categoryId: number | undefined;
      if (q.category !== undefined) {
        const index = await ctx.cache.categories();
        const c = index.bySlug.get(q.category) ?? index.byId.get(Number(q.category));
        if (!c) return sendApiError(req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
        categoryId = c.id;
      }
      const status = q.status ? { type: "question", where: questionStatusWhere(q.status) } : {};
      const list = await listTopics(ctx, req.actor, { sort: q.sort, categoryId, tag: q.tag, page: q.page, perPage: q.perPage, ...status });
      return { topics: list.topics.map(presentTopicListItem), page: list.page, hasMore: list.hasMore };
    },
  );

  r.post(
    "/api/v1/topics",
    {
      schema: {
        tags: ["topics"],
        summary: "Start a topic",
        // Loose: a content type's or post extension's own fields ride along under their key.
        body: z.looseObject({
          categoryId: z.number().int(),
          title: z.string(),
          body: z.string(),
          tags: z.array(z.string()).optional(),
          review: z
            .object({ productId: z.number().int(), rating: z.unknown().describe("1 to 5") })
            .optional()
            .describe("in review categories (required there): the product reviewed and the stars"),
          event: EventInputJson.optional(),
          poll: PollInputJson.optional(),
          article: ArticleInputJson.optional(),
        }),
        response: {
          201: z.object({ id: z.number(), postId: z.number(), slug: z.string(), url: z.string() }),
          400: ErrorJson,
          401: ErrorJson,
          403: ErrorJson,
          404: ErrorJson,
          429: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      const res = await createTopic(ctx, req.actor, req.body);
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(201).send(res.value);
    },
  );

  const TopicJson = z.object({
    id: z.number(),
    type: z.string(),
    typeData: z.record(z.string(), z.unknown()).nullable(),
    title: z.string(),
    slug: z.string(),
    url: z.string(),
    category: z.object({ id: z.number(), slug: z.string(), name: z.string(), color: z.string() }),
    author: UserJson,
    tags: z.array(z.string()),
    pinned: z.boolean(),
    locked: z.boolean(),
    deleted: z.boolean(),
    replyCount: z.number(),
    viewCount: z.number(),
    createdAt: z.string(),
    lastPostedAt: z.string(),
    page: z.number(),
    pageCount: z.number(),
    can: z.object({ reply: z.boolean(), moderate: z.boolean() }),
    posts: z.array(PostJson),
  });

  const getTopic = async (id: number, page: number, actor: Actor) => {
    const res = await getTopicPage(ctx, actor, id, page);
    if (!res.ok) return res;
    const { topic, posts } = res.value;
    return {
      ok: true as const,
      value: {
        id: topic.id,
        type: topic.type,
        typeData: res.value.typeData ? (jsonValue(res.value.typeData) as Record<string, unknown>) : null,
        title: topic.title,
        slug: topic.slug,
        url: topic.url,
        category: { id: topic.category.id, slug: topic.category.slug, name: topic.category.name, color: topic.category.color },
        author: presentUser(topic.author),
        tags: topic.tags,
        pinned: topic.pinned,
        locked: topic.locked,
        deleted: topic.deleted,
        replyCount: topic.replyCount,
        viewCount: topic.viewCount,
        createdAt: topic.createdAt.toISOString(),
        lastPostedAt: topic.lastPostedAt.toISOString(),
        page: res.value.page,
        pageCount: res.value.pageCount,
        can: res.value.can,
        posts: posts.map(presentPost),
      },
    };
  };

  r.get(
    "/api/v1/topics/:id",
    {
      schema: {
        tags: ["topics"],
        summary: "A topic with a page of its posts",
        params: IdParams,
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }),
        response: { 200: TopicJson, 404: ErrorJson },
      },
    },
    async (req, reply) => {
      const cached = app.pageCache.serve(req, reply);
      if (cached) return cached;
      const res = await getTopic(req.params.id, req.query.page, req.actor);
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );

  r.get(
    "/api/v1/topics/:id/posts",
    {
      schema: {
        tags: ["posts"],
        summary: "A page of a topic's posts",
        params: IdParams,
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }),
        response: { 200: z.object({ posts: z.array(PostJson), page: z.number(), pageCount: z.number() }), 404: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await getTopicPage(ctx, req.actor, req.params.id, req.query.page);
      if (!res.ok) return sendApiError(req, reply, res);
      return { posts: res.value.posts.map(presentPost), page: res.value.page, pageCount: res.value.pageCount };
    },
  );

  r.post(
    "/api/v1/topics/:id/posts",
    {
      schema: {
        tags: ["posts"],
        summary: "Reply to a topic",
        params: IdParams,
        body: z.looseObject({ body: z.string(), replyToPostId: z.number().int().optional(), poll: PollInputJson.optional() }),
        response: {
          201: z.object({ id: z.number(), topicId: z.number(), postNumber: z.number(), url: z.string() }),
          400: ErrorJson,
          401: ErrorJson,
          403: ErrorJson,
          404: ErrorJson,
          429: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      const res = await createPost(ctx, req.actor, { ...req.body, topicId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(201).send(res.value);
    },
  );
}
