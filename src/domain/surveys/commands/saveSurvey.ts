import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { CHOICE_KINDS, MAX_OPTIONS, MAX_QUESTIONS, QUESTION_KINDS, SURVEY_STATUSES, canManageSurveys } from "../policy.js";
import { type QuestionInput, findSurvey, insertSurvey, questionsOf, replaceQuestions, updateSurvey } from "../repo.js";

const lines = (v: unknown) => (typeof v === "string" ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v);
const checkbox = (v: unknown) => (v === "on" || v === "true" ? true : v === "off" || v === "false" || v === "" ? false : v);

export const QuestionSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string().trim().min(1).max(300),
    options: z.preprocess(lines, z.array(z.string().trim().min(1).max(200)).max(MAX_OPTIONS, { error: "validation.surveyTooManyOptions" })).default([]),
    required: z.preprocess(checkbox, z.boolean()).default(true),
  })
  .transform((q, c): QuestionInput => {
    const choice = CHOICE_KINDS.has(q.kind);
    if (choice && q.options.length < 2) c.addIssue({ code: "custom", path: ["options"], message: "validation.surveyOptions" });
    else if (choice && new Set(q.options.map((o) => o.toLowerCase())).size < q.options.length) c.addIssue({ code: "custom", path: ["options"], message: "validation.pollDuplicateOptions" });
    return { kind: q.kind, prompt: q.prompt, options: choice ? q.options : [], required: q.required };
  });

export const SaveSurveyInput = z.object({
  id: Id.optional(),
  title: z.string().trim().min(3).max(200),
  description: z.preprocess((v) => v ?? "", z.string().trim().max(2000)),
  status: z.preprocess((v) => (v === "" || v === undefined ? "draft" : v), z.enum(SURVEY_STATUSES)),
  groupIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(Id).max(50)),
  questions: z.array(QuestionSchema).min(1, { error: "validation.surveyNoQuestions" }).max(MAX_QUESTIONS),
});

const same = (a: QuestionInput[], b: QuestionInput[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates a survey or changes one (staff). Questions may change only while nobody has responded
 * (answers point at them); the title, description, audience and status always. Audited as
 * `survey.create` / `survey.update`. Fails: invalid (fields as `questions.<i>.<field>`),
 * unauthenticated, forbidden, not_found, conflict (questions changed after responses).
 */
export async function saveSurvey(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  if (actor.kind === "anonymous") return err("unauthenticated");
  if (!canManageSurveys(actor)) return err("forbidden", "surveys:errors.staffOnly");
  const parsed = parseInput(SaveSurveyInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const groups = await ctx.cache.groups();
  if (!v.groupIds.every((id) => groups.list.some((g) => g.id === id))) return err("invalid", undefined, { fields: { groupIds: { key: "validation.choice" } } });
  const now = ctx.clock();
  const by = actor.kind === "user" ? actor.id : null;
  if (v.id === undefined) {
    const id = await transact(ctx, async (trx) => {
      const id = await insertSurvey(trx, v, v.questions, by, now);
      await audit(trx, actor, "survey.create", "survey", id, { title: v.title, status: v.status }, now);
      return id;
    });
    return ok({ id });
  }
  const existing = await findSurvey(ctx.db, v.id);
  if (!existing) return err("not_found", "surveys:errors.notFound");
  const before = (await questionsOf(ctx.db, v.id)).map(({ kind, prompt, options, required }) => ({ kind, prompt, options, required }));
  const changed = !same(before, v.questions);
  if (changed && existing.responseCount > 0) return err("conflict", "surveys:errors.questionsLocked", { fields: { questions: { key: "validation.surveyQuestionsLocked" } } });
  await transact(ctx, async (trx) => {
    await updateSurvey(trx, v.id!, v, now);
    if (changed) await replaceQuestions(trx, v.id!, v.questions);
    await audit(trx, actor, "survey.update", "survey", v.id!, { title: v.title, status: v.status, questionsChanged: changed }, now);
  });
  return ok({ id: v.id });
}
