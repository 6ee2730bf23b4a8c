import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { type QuestionKind, canManageSurveys, canRespond, canSeeSurvey, npsOf } from "../policy.js";
import { type Question, type Survey, findSurvey, listSurveyRows, questionsOf, responseOf, responsesOf } from "../repo.js";

export interface SurveySummary {
  survey: Survey;
  /** When the reader responded, if they did. */
  respondedAt: Date | null;
  canRespond: boolean;
}

/** Surveys the reader may see: open ones (and closed ones) for them; staff also drafts. */
export async function listSurveys(ctx: Ctx, actor: Actor): Promise<{ surveys: SurveySummary[]; canManage: boolean }> {
  const manage = canManageSurveys(actor);
  const rows = (await listSurveyRows(ctx.db, manage ? ["draft", "open", "closed"] : ["open", "closed"])).filter((s) => canSeeSurvey(actor, s));
  const surveys = await Promise.all(
    rows.map(async (survey) => ({
      survey,
      respondedAt: actor.kind === "user" ? ((await responseOf(ctx.db, survey.id, actor.id))?.createdAt ?? null) : null,
      canRespond: canRespond(actor, survey),
    })),
  );
  return { surveys, canManage: manage };
}

export interface SurveyPage extends SurveySummary {
  questions: Question[];
  canManage: boolean;
}

/** One survey to take: its questions, and whether the reader responded or may. Fails: not_found (also when not for them). */
export async function getSurvey(ctx: Ctx, actor: Actor, id: number): Promise<Result<SurveyPage>> {
  const survey = await findSurvey(ctx.db, id);
  if (!survey || !canSeeSurvey(actor, survey)) return err("not_found", "surveys:errors.notFound");
  const [questions, mine] = await Promise.all([questionsOf(ctx.db, id), actor.kind === "user" ? responseOf(ctx.db, id, actor.id) : null]);
  return ok({ survey, questions, respondedAt: mine?.createdAt ?? null, canRespond: canRespond(actor, survey) && !mine, canManage: canManageSurveys(actor) });
}

export type QuestionResult =
  | { kind: "single" | "multiple"; answered: number; options: Array<{ label: string; count: number }> }
  | { kind: "rating"; answered: number; average: number | null; distribution: number[] }
  | { kind: "nps"; answered: number; distribution: number[]; promoters: number; passives: number; detractors: number; score: number | null }
  | { kind: "text"; answered: number; latest: Array<{ text: string; at: Date }> };

export interface SurveyResults {
  survey: Survey;
  questions: Array<{ question: Question; result: QuestionResult }>;
  /** Responses per day (UTC), from the first response to the last. */
  timeline: Array<{ day: string; count: number }>;
  total: number;
}

/** How many free-text answers the results page lists per question (the CSV has them all). */
const TEXT_SHOWN = 50;

/** Results for staff: per question counts, averages, NPS and the latest comments; responses per day. Fails: not_found, forbidden. */
export async function getSurveyResults(ctx: Ctx, actor: Actor, id: number): Promise<Result<SurveyResults>> {
  const survey = await findSurvey(ctx.db, id);
  if (!survey || !canSeeSurvey(actor, survey)) return err("not_found", "surveys:errors.notFound");
  if (!canManageSurveys(actor)) return err("forbidden", "surveys:errors.staffOnly");
  const [questions, responses] = await Promise.all([questionsOf(ctx.db, id), responsesOf(ctx.db, id)]);
  const results = questions.map((question) => {
    const answers = responses.flatMap((r) => {
      const a = r.answers.get(question.id);
      return a ? [{ ...a, at: r.createdAt }] : [];
    });
    return { question, result: resultOf(question.kind, question, answers) };
  });
  const perDay = new Map<string, number>();
  for (const r of responses) {
    const day = r.createdAt.toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const timeline: Array<{ day: string; count: number }> = [];
  if (responses.length > 0) {
    const first = Date.parse(`${responses[0].createdAt.toISOString().slice(0, 10)}T00:00:00Z`);
    const last = Date.parse(`${responses.at(-1)!.createdAt.toISOString().slice(0, 10)}T00:00:00Z`);
    // At most a year of days; a longer survey shows its last year.
    for (let t = Math.max(first, last - 365 * 86_400_000); t <= last; t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      timeline.push({ day, count: perDay.get(day) ?? 0 });
    }
  }
  return ok({ survey, questions: results, timeline, total: responses.length });
}

function resultOf(kind: QuestionKind, q: Question, answers: Array<{ choices: number[]; number: number | null; text: string; at: Date }>): QuestionResult {
  switch (kind) {
    case "single":
    case "multiple":
      return { kind, answered: answers.length, options: q.options.map((label, i) => ({ label, count: answers.filter((a) => a.choices.includes(i)).length })) };
    case "rating": {
      const n = answers.flatMap((a) => (a.number === null ? [] : [a.number]));
      return { kind, answered: n.length, average: n.length ? n.reduce((x, y) => x + y, 0) / n.length : null, distribution: [1, 2, 3, 4, 5].map((v) => n.filter((x) => x === v).length) };
    }
    case "nps": {
      const n = answers.flatMap((a) => (a.number === null ? [] : [a.number]));
      return { kind, answered: n.length, distribution: Array.from({ length: 11 }, (_, v) => n.filter((x) => x === v).length), ...npsOf(n) };
    }
    case "text":
      return { kind, answered: answers.length, latest: answers.slice(-TEXT_SHOWN).reverse().map((a) => ({ text: a.text, at: a.at })) };
  }
}

const csvCell = (raw: string) => {
  const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/**
 * Every response as CSV for staff: one row per response (id, time, member), one column per
 * question (choices by their labels, joined with "; "). UTF-8 with a byte order mark so
 * spreadsheet programs read Japanese; cells that a spreadsheet would run as formulas are quoted
 * and prefixed. Fails like the results.
 */
export async function surveyCsv(ctx: Ctx, actor: Actor, id: number): Promise<Result<{ filename: string; body: string }>> {
  const res = await getSurveyResults(ctx, actor, id);
  if (!res.ok) return res;
  const questions = res.value.questions.map((q) => q.question);
  const responses = await responsesOf(ctx.db, id);
  const header = ["response_id", "submitted_at", "member", ...questions.map((q) => q.prompt)];
  const rows = responses.map((r) => [
    String(r.id),
    r.createdAt.toISOString(),
    r.username ?? "",
    ...questions.map((q) => {
      const a = r.answers.get(q.id);
      if (!a) return "";
      if (q.kind === "single" || q.kind === "multiple") return a.choices.map((i) => q.options[i] ?? "").join("; ");
      if (q.kind === "text") return a.text;
      return a.number === null ? "" : String(a.number);
    }),
  ]);
  const body = `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
  return ok({ filename: `survey-${id}-responses.csv`, body });
}
