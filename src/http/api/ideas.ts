import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { categoryType } from "../../domain/content/contentTypes.js";
import type { Ctx } from "../../domain/ctx.js";
import { setIdeaStatus } from "../../domain/ideas/commands/setIdeaStatus.js";
import { voteForIdea, withdrawIdeaVote } from "../../domain/ideas/commands/vote.js";
import { IDEA_STATUSES } from "../../domain/ideas/policy.js";
import { IDEA_SORTS, getRoadmap, listIdeas } from "../../domain/ideas/queries/ideaBoard.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, TopicListItemJson, presentTopicListItem } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };
const VoteState = z.object({
  topicId: z.number(),
  votes: z.number(),
  voted: z.boolean(),
  changed: z.boolean().describe("false when the vote was already there (or already gone)"),
  openVotes: z.number().describe("the member's votes on ideas not yet done or declined"),
  voteLimit: z.number().describe("how many open ideas a member may vote for at once; 0: no limit"),
});
const Status = z.enum(IDEA_STATUSES);

/**
 * Ideas: vote (`POST` / `DELETE /api/v1/topics/:id/vote`), set the status with a response
 * (`PUT /api/v1/topics/:id/idea-status`, staff), the board (`GET /api/v1/ideas`) and the roadmap.
 */
export function ideasApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/topics/:id/vote",
    { schema: { tags: ["ideas"], summary: "Vote for an idea (once; counts against the member's limit of open votes)", params: IdParams, response: { 200: VoteState, ...errors } } },
    async (req, reply) => {
      const res = await voteForIdea(ctx, req.actor, { topicId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.delete(
    "/api/v1/topics/:id/vote",
    { schema: { tags: ["ideas"], summary: "Withdraw the vote for an idea", params: IdParams, response: { 200: VoteState, ...errors } } },
    async (req, reply) => {
      const res = await withdrawIdeaVote(ctx, req.actor, { topicId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.put(
    "/api/v1/topics/:id/idea-status",
    {
      schema: {
        tags: ["ideas"],
        summary: "Set an idea's status with a public response (staff); voters and the author are notified",
        params: IdParams,
        body: z.object({ status: Status, response: z.string().max(10_000).optional().describe("Markdown") }),
        response: { 200: z.object({ topicId: z.number(), status: Status, previousStatus: Status, notified: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await setIdeaStatus(ctx, req.actor, { topicId: req.params.id, status: req.body.status, response: req.body.response ?? "" });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.get(
    "/api/v1/ideas",
    {
      schema: {
        tags: ["ideas"],
        summary: "The ideas board: ideas the reader may see, by votes, newest or latest activity",
        querystring: z.object({
          sort: z.enum(IDEA_SORTS).default("votes"),
          status: Status.optional(),
          category: z.string().optional().describe("slug of a category of ideas"),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          perPage: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: z.object({ topics: z.array(TopicListItemJson), page: z.number(), hasMore: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const cached = app.pageCache.serve(req, reply);
      if (cached) return cached;
      const q = req.query;
      let categoryId: number | undefined;
      if (q.category) {
        const c = (await ctx.cache.categories()).list.find((x) => x.slug === q.category && categoryType(x.contentType) === "idea");
        if (!c) return sendApiError(req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
        categoryId = c.id;
      }
      const list = await listIdeas(ctx, req.actor, { sort: q.sort, status: q.status, categoryId, page: q.page, perPage: q.perPage });
      return { topics: list.topics.map(presentTopicListItem), page: list.page, hasMore: list.hasMore };
    },
  );
  r.get(
    "/api/v1/ideas/roadmap",
    {
      schema: {
        tags: ["ideas"],
        summary: "The roadmap: for each status from under review to done, its ideas (most votes first; done: most recently finished)",
        response: { 200: z.object({ columns: z.array(z.object({ status: Status, topics: z.array(TopicListItemJson), hasMore: z.boolean() })) }) },
      },
    },
    async (req) => {
      const columns = await getRoadmap(ctx, req.actor);
      return { columns: columns.map((c) => ({ status: c.status, topics: c.list.topics.map(presentTopicListItem), hasMore: c.list.hasMore })) };
    },
  );
}
