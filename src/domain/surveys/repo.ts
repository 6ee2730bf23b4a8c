import { toBool, toDate, toJson } from "../../db/codec.js";
import type { Tx } from "../ctx.js";
import type { QuestionKind, SurveyStatus } from "./policy.js";

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  /** The choices of single and multiple choice questions, in order (answers store their indexes). */
  options: string[];
  required: boolean;
}

export interface Survey {
  id: number;
  title: string;
  description: string;
  status: SurveyStatus;
  groupIds: number[];
  responseCount: number;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Answer {
  questionId: number;
  choices: number[];
  number: number | null;
  text: string;
}

type SurveyRow = { id: number; title: string; description: string; status: string; group_ids: unknown; response_count: number; created_by: number | null; created_at: Date | string; updated_at: Date | string };
const toSurvey = (r: SurveyRow): Survey => ({
  id: r.id,
  title: r.title,
  description: r.description,
  status: r.status as SurveyStatus,
  groupIds: toJson<number[]>(r.group_ids) ?? [],
  responseCount: Number(r.response_count),
  createdBy: r.created_by,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
});

export async function findSurvey(db: Tx, id: number): Promise<Survey | null> {
  const r = await db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toSurvey(r) : null;
}

export async function listSurveyRows(db: Tx, statuses: SurveyStatus[]): Promise<Survey[]> {
  if (statuses.length === 0) return [];
  const rows = await db.selectFrom("surveys").selectAll().where("status", "in", statuses).orderBy("created_at", "desc").orderBy("id", "desc").limit(200).execute();
  return rows.map(toSurvey);
}

export async function questionsOf(db: Tx, surveyId: number): Promise<Question[]> {
  const rows = await db.selectFrom("survey_questions").selectAll().where("survey_id", "=", surveyId).orderBy("position").execute();
  return rows.map((r) => ({ id: r.id, position: r.position, kind: r.kind as QuestionKind, prompt: r.prompt, options: toJson<string[]>(r.options) ?? [], required: toBool(r.required) }));
}

export type SurveyInput = Pick<Survey, "title" | "description" | "status" | "groupIds">;
export type QuestionInput = Omit<Question, "id" | "position">;

export async function insertSurvey(db: Tx, s: SurveyInput, questions: QuestionInput[], by: number | null, now: Date): Promise<number> {
  const row = await db
    .insertInto("surveys")
    .values({ title: s.title, description: s.description, status: s.status, group_ids: JSON.stringify(s.groupIds), created_by: by, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceQuestions(db, row.id, questions);
  return row.id;
}

export async function updateSurvey(db: Tx, id: number, s: SurveyInput, now: Date): Promise<void> {
  await db.updateTable("surveys").set({ title: s.title, description: s.description, status: s.status, group_ids: JSON.stringify(s.groupIds), updated_at: now }).where("id", "=", id).execute();
}

/** Only while nobody has responded: answers point at questions and option indexes. */
export async function replaceQuestions(db: Tx, surveyId: number, questions: QuestionInput[]): Promise<void> {
  await db.deleteFrom("survey_questions").where("survey_id", "=", surveyId).execute();
  if (questions.length === 0) return;
  await db
    .insertInto("survey_questions")
    .values(questions.map((q, i) => ({ survey_id: surveyId, position: i, kind: q.kind, prompt: q.prompt, options: JSON.stringify(q.options), required: q.required })))
    .execute();
}

export async function responseOf(db: Tx, surveyId: number, userId: number): Promise<{ id: number; createdAt: Date } | null> {
  const r = await db.selectFrom("survey_responses").select(["id", "created_at"]).where("survey_id", "=", surveyId).where("user_id", "=", userId).executeTakeFirst();
  return r ? { id: r.id, createdAt: toDate(r.created_at) } : null;
}

export async function insertResponse(db: Tx, surveyId: number, userId: number, answers: Answer[], now: Date): Promise<number> {
  const row = await db.insertInto("survey_responses").values({ survey_id: surveyId, user_id: userId, created_at: now }).returning("id").executeTakeFirstOrThrow();
  if (answers.length > 0) {
    await db
      .insertInto("survey_answers")
      .values(answers.map((a) => ({ response_id: row.id, question_id: a.questionId, choices: JSON.stringify(a.choices), number: a.number, text: a.text })))
      .execute();
  }
  await db.updateTable("surveys").set((eb) => ({ response_count: eb("response_count", "+", 1) })).where("id", "=", surveyId).execute();
  return row.id;
}

export interface ResponseRow {
  id: number;
  userId: number | null;
  username: string | null;
  createdAt: Date;
  answers: Map<number, Answer>;
}

/** Every response with its answers, oldest first (for results and the CSV export). */
export async function responsesOf(db: Tx, surveyId: number): Promise<ResponseRow[]> {
  const rows = await db
    .selectFrom("survey_responses as r")
    .leftJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.user_id", "u.username", "r.created_at"])
    .where("r.survey_id", "=", surveyId)
    .orderBy("r.created_at")
    .orderBy("r.id")
    .execute();
  const byId = new Map<number, ResponseRow>(rows.map((r) => [r.id, { id: r.id, userId: r.user_id, username: r.username ?? null, createdAt: toDate(r.created_at), answers: new Map() }]));
  if (byId.size === 0) return [];
  const answers = await db
    .selectFrom("survey_answers as a")
    .innerJoin("survey_responses as r", "r.id", "a.response_id")
    .select(["a.response_id", "a.question_id", "a.choices", "a.number", "a.text"])
    .where("r.survey_id", "=", surveyId)
    .execute();
  for (const a of answers) byId.get(a.response_id)?.answers.set(a.question_id, { questionId: a.question_id, choices: toJson<number[]>(a.choices) ?? [], number: a.number === null ? null : Number(a.number), text: a.text });
  return [...byId.values()];
}
