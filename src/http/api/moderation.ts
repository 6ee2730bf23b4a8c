import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../domain/actor.js";
import type { Ctx } from "../../domain/ctx.js";
import { deleteTopic } from "../../domain/content/commands/deleteTopic.js";
import { lockTopic } from "../../domain/content/commands/lockTopic.js";
import { moveTopic } from "../../domain/content/commands/moveTopic.js";
import { pinTopic } from "../../domain/content/commands/pinTopic.js";
import { restoreTopic } from "../../domain/content/commands/restoreTopic.js";
import type { Result } from "../../lib/result.js";
import { sendApiError } from "../errors.js";
import { ErrorJson } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };
const Changed = z.object({ topicId: z.number(), changed: z.boolean() });
const TopicRef = z.object({ topicId: z.number() });

type Run = (actor: Actor, topicId: number) => Promise<Result<Record<string, unknown>>>;

/** Staff actions on topics: `POST /api/v1/topics/:id/{pin,unpin,lock,unlock,delete,restore,move}`. */
export function moderationApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const simple: Array<{ name: string; summary: string; response: z.ZodType; run: Run }> = [
    { name: "pin", summary: "Pin a topic (moderators)", response: Changed, run: (a, topicId) => pinTopic(ctx, a, { topicId, pinned: true }) },
    { name: "unpin", summary: "Unpin a topic (moderators)", response: Changed, run: (a, topicId) => pinTopic(ctx, a, { topicId, pinned: false }) },
    { name: "lock", summary: "Close a topic to new replies (moderators)", response: Changed, run: (a, topicId) => lockTopic(ctx, a, { topicId, locked: true }) },
    { name: "unlock", summary: "Reopen a closed topic (moderators)", response: Changed, run: (a, topicId) => lockTopic(ctx, a, { topicId, locked: false }) },
    { name: "delete", summary: "Delete a topic (moderators)", response: TopicRef, run: (a, topicId) => deleteTopic(ctx, a, { topicId }) },
    { name: "restore", summary: "Restore a deleted topic (moderators)", response: TopicRef, run: (a, topicId) => restoreTopic(ctx, a, { topicId }) },
  ];
  for (const action of simple) {
    r.post(
      `/api/v1/topics/:id/${action.name}`,
      { schema: { tags: ["moderation"], summary: action.summary, params: IdParams, response: { 200: action.response, ...errors } } },
      async (req, reply) => {
        const res = await action.run(req.actor, req.params.id);
        if (!res.ok) return sendApiError(req, reply, res);
        return res.value;
      },
    );
  }

  r.post(
    "/api/v1/topics/:id/move",
    {
      schema: {
        tags: ["moderation"],
        summary: "Move a topic to another category (moderators)",
        params: IdParams,
        body: z.object({ categoryId: z.number().int() }),
        response: { 200: z.object({ topicId: z.number(), fromCategoryId: z.number(), categoryId: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await moveTopic(ctx, req.actor, { topicId: req.params.id, categoryId: req.body.categoryId });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
