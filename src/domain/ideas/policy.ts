import { type Actor, isStaff } from "../actor.js";
import { canWrite } from "../community/policy.js";

/** Where an idea stands. Done and declined ideas are closed: their votes stop counting against a member's limit. */
export const IDEA_STATUSES = ["new", "under_review", "planned", "in_progress", "done", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export const CLOSED_STATUSES: readonly IdeaStatus[] = ["done", "declined"];

export const isIdeaStatus = (v: unknown): v is IdeaStatus => typeof v === "string" && (IDEA_STATUSES as readonly string[]).includes(v);
export const isClosedStatus = (s: IdeaStatus): boolean => CLOSED_STATUSES.includes(s);
/** Statuses read from storage; anything unknown counts as new. */
export const ideaStatus = (v: string): IdeaStatus => (isIdeaStatus(v) ? v : "new");

/**
 * Who may vote: signed-in members who may write at all, on a live, unlocked idea that is still
 * open. Seeing the idea (its category) is checked by the caller.
 */
export const canVoteOnIdea = (actor: Actor, idea: { status: IdeaStatus; locked: boolean; deleted: boolean }): boolean =>
  actor.kind === "user" && canWrite(actor) && !idea.deleted && !idea.locked && !isClosedStatus(idea.status);

/** Staff (admins count as staff) set an idea's status and answer publicly. */
export const canSetIdeaStatus = (actor: Actor, idea: { deleted: boolean }): boolean => isStaff(actor) && !idea.deleted;
