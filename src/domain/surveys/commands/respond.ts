import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type FieldError, type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { canRespond } from "../policy.js";
import { type Answer, type Question, findSurvey, insertResponse, questionsOf, responseOf } from "../repo.js";
import { canSeeSurvey } from "../policy.js";

export const RespondInput = z.object({ surveyId: Id, answers: z.record(z.string(), z.unknown()).default({}) });

const blank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
const asInt = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
};

/** One question's answer, checked against its kind; null when left out (allowed when not required). */
export function readAnswer(q: Question, raw: unknown): { answer: Answer | null; error?: FieldError } {
  if (blank(raw)) return q.required ? { answer: null, error: { key: q.kind === "text" ? "validation.required" : "validation.surveyChoose" } } : { answer: null };
  const base = { questionId: q.id, choices: [] as number[], number: null as number | null, text: "" };
  switch (q.kind) {
    case "single": {
      const i = asInt(Array.isArray(raw) ? raw[0] : raw);
      if (i === null || i < 0 || i >= q.options.length || (Array.isArray(raw) && raw.length > 1)) return { answer: null, error: { key: "validation.choice" } };
      return { answer: { ...base, choices: [i] } };
    }
    case "multiple": {
      const list = [...new Set((Array.isArray(raw) ? raw : [raw]).map(asInt))];
      if (list.some((i) => i === null || i < 0 || i >= q.options.length)) return { answer: null, error: { key: "validation.choice" } };
      return { answer: { ...base, choices: (list as number[]).sort((a, b) => a - b) } };
    }
    case "rating":
    case "nps": {
      const [lo, hi] = q.kind === "rating" ? [1, 5] : [0, 10];
      const n = asInt(raw);
      if (n === null || n < lo || n > hi) return { answer: null, error: { key: q.kind === "rating" ? "validation.rating" : "validation.nps" } };
      return { answer: { ...base, number: n } };
    }
    case "text": {
      const text = String(raw).trim();
      if (text.length > 2000) return { answer: null, error: { key: "validation.tooLong", params: { max: 2000 } } };
      if (!text) return q.required ? { answer: null, error: { key: "validation.required" } } : { answer: null };
      return { answer: { ...base, text } };
    }
  }
}

/**
 * Records a member's response: an answer per question (by question id), checked against each
 * question's kind. One response per member. Emits `survey.responded`. Fails: invalid (answers,
 * as `answers.<questionId>`; the survey is closed), not_found, unauthenticated, forbidden (not
 * for this member), conflict (already responded).
 */
export async function respondToSurvey(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ responseId: number }>> {
  const parsed = parseInput(RespondInput, input);
  if (!parsed.ok) return parsed;
  const survey = await findSurvey(ctx.db, parsed.value.surveyId);
  if (!survey || !canSeeSurvey(actor, survey)) return err("not_found", "surveys:errors.notFound");
  if (actor.kind !== "user") return err("unauthenticated");
  if (survey.status !== "open") return err("invalid", "surveys:errors.closed");
  if (!canRespond(actor, survey)) return err("forbidden", actor.emailVerified ? "surveys:errors.notForYou" : "errors:verifyEmailFirst");
  if (await responseOf(ctx.db, survey.id, actor.id)) return err("conflict", "surveys:errors.alreadyResponded");
  const questions = await questionsOf(ctx.db, survey.id);
  const answers: Answer[] = [];
  const fields: Record<string, FieldError> = {};
  for (const q of questions) {
    const { answer, error } = readAnswer(q, parsed.value.answers[String(q.id)]);
    if (error) fields[`answers.${q.id}`] = error;
    else if (answer) answers.push(answer);
  }
  if (Object.keys(fields).length > 0) return err("invalid", "surveys:errors.answers", { fields });
  try {
    const responseId = await transact(ctx, async (trx) => {
      const id = await insertResponse(trx, survey.id, actor.id, answers, ctx.clock());
      await ctx.jobs.emit(trx, "survey.responded", { surveyId: survey.id, responseId: id, userId: actor.id });
      return id;
    });
    return ok({ responseId });
  } catch (e) {
    // Two submissions at once: the unique index lets one through.
    if (await responseOf(ctx.db, survey.id, actor.id)) return err("conflict", "surveys:errors.alreadyResponded");
    throw e;
  }
}
