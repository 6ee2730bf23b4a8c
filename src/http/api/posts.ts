import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ArticleInputJson } from "./topics.js";
import type { Ctx } from "../../domain/ctx.js";
import { deletePost } from "../../domain/content/commands/deletePost.js";
import { editPost } from "../../domain/content/commands/editPost.js";
import { restorePost } from "../../domain/content/commands/restorePost.js";
import { getPost } from "../../domain/content/queries/getPost.js";
import { getPostRevisions } from "../../domain/content/queries/getPostRevisions.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, PostJson, UserJson, presentPost, presentUser } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 429: ErrorJson };

/** One post: read, edit, delete, restore, and its edit history. */
export function postsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/posts/:id",
    {
      schema: {
        tags: ["posts"],
        summary: "A post with its topic and what the caller may do with it",
        params: IdParams,
        response: {
          200: PostJson.extend({
            url: z.string(),
            topic: z.object({ id: z.number(), title: z.string(), url: z.string(), categoryId: z.number(), tags: z.array(z.string()), locked: z.boolean(), deleted: z.boolean() }),
          }),
          404: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      const res = await getPost(ctx, req.actor, req.params.id);
      if (!res.ok) return sendApiError(req, reply, res);
      const { post, topic } = res.value;
      return {
        ...presentPost(post),
        url: post.url,
        topic: { id: topic.id, title: topic.title, url: topic.url, categoryId: topic.categoryId, tags: topic.tags, locked: topic.locked, deleted: topic.deleted },
      };
    },
  );

  r.patch(
    "/api/v1/posts/:id",
    {
      schema: {
        tags: ["posts"],
        summary: "Edit a post (the first post may also change the topic's title and tags, and an article's kind, lead and cover)",
        description: "Send `revision` (the post's current revision) to be told with 409 when someone else edited it meanwhile.",
        params: IdParams,
        body: z.object({ body: z.string(), title: z.string().optional(), tags: z.array(z.string()).optional(), revision: z.number().int().optional(), article: ArticleInputJson.optional() }),
        response: { 200: z.object({ id: z.number(), topicId: z.number(), revision: z.number(), changed: z.boolean(), url: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await editPost(ctx, req.actor, { ...req.body, postId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );

  r.delete(
    "/api/v1/posts/:id",
    {
      schema: {
        tags: ["posts"],
        summary: "Delete a post (deleting the first post deletes the topic)",
        params: IdParams,
        response: { 200: z.object({ postId: z.number(), topicId: z.number(), topicDeleted: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await deletePost(ctx, req.actor, { postId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );

  r.post(
    "/api/v1/posts/:id/restore",
    {
      schema: {
        tags: ["posts"],
        summary: "Restore a deleted post (moderators; the first post restores its topic)",
        params: IdParams,
        response: { 200: z.object({ postId: z.number(), topicId: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await restorePost(ctx, req.actor, { postId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );

  r.get(
    "/api/v1/posts/:id/revisions",
    {
      schema: {
        tags: ["posts"],
        summary: "Every version of a post, oldest first (the last is the current text)",
        params: IdParams,
        response: {
          200: z.object({
            postId: z.number(),
            topicId: z.number(),
            versions: z.array(z.object({ revision: z.number(), title: z.string().nullable(), body: z.string(), author: UserJson, createdAt: z.string() })),
          }),
          404: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      const res = await getPostRevisions(ctx, req.actor, req.params.id);
      if (!res.ok) return sendApiError(req, reply, res);
      return {
        postId: res.value.post.id,
        topicId: res.value.topic.id,
        versions: res.value.versions.map((v) => ({ revision: v.revision, title: v.title, body: v.body, author: presentUser(v.author), createdAt: v.createdAt.toISOString() })),
      };
    },
  );
}
