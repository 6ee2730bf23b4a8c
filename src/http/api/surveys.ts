import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { respondToSurvey } from "../../domain/surveys/commands/respond.js";
import { saveSurvey } from "../../domain/surveys/commands/saveSurvey.js";
import { QUESTION_KINDS, SURVEY_STATUSES } from "../../domain/surveys/policy.js";
import { getSurvey, getSurveyResults, listSurveys } from "../../domain/surveys/queries/surveys.js";
import type { Survey } from "../../domain/surveys/repo.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, jsonValue } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };

const SurveyJson = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  status: z.enum(SURVEY_STATUSES),
  groupIds: z.array(z.number()).describe("empty: every signed-in member"),
  responseCount: z.number(),
  respondedAt: z.string().nullable(),
  canRespond: z.boolean(),
});
const QuestionJson = z.object({ id: z.number(), kind: z.enum(QUESTION_KINDS), prompt: z.string(), options: z.array(z.string()), required: z.boolean() });
const SurveyBody = z.object({
  title: z.string(),
  description: z.string().optional(),
  status: z.enum(SURVEY_STATUSES).optional().describe("default draft"),
  groupIds: z.array(z.number().int()).optional(),
  questions: z.array(z.object({ kind: z.enum(QUESTION_KINDS), prompt: z.string(), options: z.array(z.string()).optional().describe("single and multiple choice: 2–20"), required: z.boolean().optional() })),
});

const present = (s: Survey, respondedAt: Date | null, canRespond: boolean) => ({
  id: s.id,
  title: s.title,
  description: s.description,
  status: s.status,
  groupIds: s.groupIds,
  responseCount: s.responseCount,
  respondedAt: respondedAt?.toISOString() ?? null,
  canRespond,
});

/**
 * Surveys: the ones the caller may see, one with its questions, answering (once), and for staff
 * building, changing and the results. CSV: `/surveys/:id/results.csv` (outside the API).
 */
export function surveysApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/v1/surveys", { schema: { tags: ["surveys"], summary: "Surveys the caller may see (staff: drafts too)", response: { 200: z.object({ surveys: z.array(SurveyJson) }) } } }, async (req) => {
    const { surveys } = await listSurveys(ctx, req.actor);
    return { surveys: surveys.map((s) => present(s.survey, s.respondedAt, s.canRespond)) };
  });
  r.get(
    "/api/v1/surveys/:id",
    { schema: { tags: ["surveys"], summary: "A survey and its questions", params: IdParams, response: { 200: SurveyJson.extend({ questions: z.array(QuestionJson) }), 404: ErrorJson } } },
    async (req, reply) => {
      const res = await getSurvey(ctx, req.actor, req.params.id);
      if (!res.ok) return sendApiError(req, reply, res);
      const p = res.value;
      return { ...present(p.survey, p.respondedAt, p.canRespond), questions: p.questions.map(({ id, kind, prompt, options, required }) => ({ id, kind, prompt, options, required })) };
    },
  );
  r.post("/api/v1/surveys", { schema: { tags: ["surveys"], summary: "Build a survey (staff)", body: SurveyBody, response: { 201: z.object({ id: z.number() }), ...errors } } }, async (req, reply) => {
    const res = await saveSurvey(ctx, req.actor, req.body);
    if (!res.ok) return sendApiError(req, reply, res);
    return reply.code(201).send(res.value);
  });
  r.put(
    "/api/v1/surveys/:id",
    { schema: { tags: ["surveys"], summary: "Change a survey (staff; questions only while nobody has responded)", params: IdParams, body: SurveyBody, response: { 200: z.object({ id: z.number() }), ...errors } } },
    async (req, reply) => {
      const res = await saveSurvey(ctx, req.actor, { ...req.body, id: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.post(
    "/api/v1/surveys/:id/responses",
    {
      schema: {
        tags: ["surveys"],
        summary: "Respond (once): answers by question id",
        params: IdParams,
        body: z.object({ answers: z.record(z.string(), z.unknown()).describe("single: option index; multiple: indexes; rating 1–5; nps 0–10; text: a string") }),
        response: { 201: z.object({ responseId: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await respondToSurvey(ctx, req.actor, { surveyId: req.params.id, answers: req.body.answers });
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.code(201).send(res.value);
    },
  );
  r.get(
    "/api/v1/surveys/:id/results",
    { schema: { tags: ["surveys"], summary: "Results (staff): per question counts, averages, NPS, latest comments; responses per day", params: IdParams, response: { 200: z.record(z.string(), z.unknown()), ...errors } } },
    async (req, reply) => {
      const res = await getSurveyResults(ctx, req.actor, req.params.id);
      if (!res.ok) return sendApiError(req, reply, res);
      const v = res.value;
      return jsonValue({ survey: present(v.survey, null, false), total: v.total, timeline: v.timeline, questions: v.questions.map(({ question, result }) => ({ question: { id: question.id, kind: question.kind, prompt: question.prompt, options: question.options }, result })) }) as Record<string, unknown>;
    },
  );
}
