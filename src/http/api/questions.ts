import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { acceptAnswer } from "../../domain/questions/commands/acceptAnswer.js";
import { unacceptAnswer } from "../../domain/questions/commands/unacceptAnswer.js";
import { sendApiError } from "../errors.js";
import { ErrorJson } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson };
const Change = z.object({ topicId: z.number(), postId: z.number().nullable(), changed: z.boolean() });

/** Questions: `POST` / `DELETE /api/v1/topics/:id/accepted-answer` (the asker, staff, moderators). */
export function questionsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/topics/:id/accepted-answer",
    {
      schema: {
        tags: ["questions"],
        summary: "Accept a reply as the question's answer (replaces any earlier one)",
        params: IdParams,
        body: z.object({ postId: z.number().int() }),
        response: { 200: Change, ...errors },
      },
    },
    async (req, reply) => {
      const res = await acceptAnswer(ctx, req.actor, { topicId: req.params.id, postId: req.body.postId });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.delete(
    "/api/v1/topics/:id/accepted-answer",
    { schema: { tags: ["questions"], summary: "Take back the question's accepted answer", params: IdParams, response: { 200: Change, ...errors } } },
    async (req, reply) => {
      const res = await unacceptAnswer(ctx, req.actor, { topicId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
