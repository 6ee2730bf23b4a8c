import { type Actor, isStaff } from "../actor.js";
import { canWrite } from "../community/policy.js";

export const QUESTION_KINDS = ["single", "multiple", "rating", "nps", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const CHOICE_KINDS: ReadonlySet<QuestionKind> = new Set(["single", "multiple"]);

export const SURVEY_STATUSES = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 20;

export interface SurveyAudience {
  status: SurveyStatus;
  /** Empty: every signed-in member; otherwise members of one of these groups. */
  groupIds: number[];
}

/** Staff build surveys, open and close them, and read the results. */
export const canManageSurveys = (actor: Actor): boolean => actor.kind === "system" || isStaff(actor);

const inAudience = (actor: Actor, s: SurveyAudience) => s.groupIds.length === 0 || (actor.kind === "user" && s.groupIds.some((g) => actor.groupIds.includes(g)));

/**
 * Who sees a survey: staff always; others once it is open (or closed), when it is for every
 * member or for a group of theirs. Visitors see a members' survey with a sign-in prompt.
 */
export const canSeeSurvey = (actor: Actor, s: SurveyAudience): boolean => canManageSurveys(actor) || (s.status !== "draft" && inAudience(actor, s));

/** Members who may write answer an open survey meant for them, once. */
export const canRespond = (actor: Actor, s: SurveyAudience): boolean => actor.kind === "user" && canWrite(actor) && s.status === "open" && inAudience(actor, s);

/** NPS: 9–10 promote, 7–8 are passive, 0–6 detract; the score is % promoters − % detractors. */
export function npsOf(scores: number[]): { promoters: number; passives: number; detractors: number; score: number | null } {
  const promoters = scores.filter((n) => n >= 9).length;
  const detractors = scores.filter((n) => n <= 6).length;
  const passives = scores.length - promoters - detractors;
  return { promoters, passives, detractors, score: scores.length ? Math.round(((promoters - detractors) / scores.length) * 100) : null };
}
