import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { closePoll } from "../../domain/polls/commands/closePoll.js";
import { votePoll, withdrawPollVote } from "../../domain/polls/commands/votePoll.js";
import { loadVisiblePoll } from "../../domain/polls/load.js";
import { type PollView, pollView } from "../../domain/polls/pollExtension.js";
import { POLL_RESULTS } from "../../domain/polls/policy.js";
import { choicesOf } from "../../domain/polls/repo.js";
import { sendApiError } from "../errors.js";
import { ErrorJson } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };

export const PollJson = z.object({
  id: z.number(),
  question: z.string(),
  multiple: z.boolean(),
  results: z.enum(POLL_RESULTS).describe("when counts show: after_vote (to voters), always, after_close"),
  closesAt: z.string().nullable(),
  closed: z.boolean(),
  voters: z.number(),
  options: z.array(z.object({ id: z.number(), label: z.string(), votes: z.number().nullable().describe("null while the caller may not see results") })),
  myChoices: z.array(z.number()),
  canVote: z.boolean(),
  canClose: z.boolean(),
  showResults: z.boolean(),
});

const present = (p: PollView): z.infer<typeof PollJson> => ({ ...p, closesAt: p.closesAt ? p.closesAt.toISOString() : null });

/**
 * Polls inside posts. A poll is created with its post (`poll: {question, options, multiple,
 * results, closesAt}` on `POST /api/v1/topics` or `/api/v1/topics/:id/posts`); posts carry it as
 * `extensions.poll`. Here: read one, vote or change the vote, withdraw, close early.
 */
export function pollsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/polls/:id",
    { schema: { tags: ["polls"], summary: "A poll as the caller sees it (counts only when they may see results)", params: IdParams, response: { 200: PollJson, 404: ErrorJson } } },
    async (req, reply) => {
      const found = await loadVisiblePoll(ctx, req.actor, req.params.id);
      if (!found) return sendApiError(req, reply, { ok: false, code: "not_found", messageKey: "polls:errors.notFound" });
      const mine = req.actor.kind === "user" ? ((await choicesOf(ctx.db, [found.poll.id], req.actor.id)).get(found.poll.id) ?? []) : [];
      return present(pollView(found.poll, req.actor, { now: ctx.clock(), authorId: found.post.userId, topic: found.topic, myChoices: mine }));
    },
  );
  r.post(
    "/api/v1/polls/:id/vote",
    {
      schema: {
        tags: ["polls"],
        summary: "Vote, or change your vote (your choices are replaced), while the poll is open",
        params: IdParams,
        body: z.object({ optionIds: z.array(z.number().int()).describe("one id for a single-choice poll, one or more for multiple choice") }),
        response: { 200: PollJson, ...errors },
      },
    },
    async (req, reply) => {
      const res = await votePoll(ctx, req.actor, { pollId: req.params.id, optionIds: req.body.optionIds });
      if (!res.ok) return sendApiError(req, reply, res);
      return present(res.value);
    },
  );
  r.delete(
    "/api/v1/polls/:id/vote",
    { schema: { tags: ["polls"], summary: "Withdraw your vote while the poll is open", params: IdParams, response: { 200: PollJson, ...errors } } },
    async (req, reply) => {
      const res = await withdrawPollVote(ctx, req.actor, { pollId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return present(res.value);
    },
  );
  r.post(
    "/api/v1/polls/:id/close",
    { schema: { tags: ["polls"], summary: "Close a poll now (the post's author or a moderator)", params: IdParams, response: { 200: z.object({ pollId: z.number() }), ...errors } } },
    async (req, reply) => {
      const res = await closePoll(ctx, req.actor, { pollId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
