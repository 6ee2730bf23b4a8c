import { type Actor, isModerator, isStaff } from "../actor.js";
import { canWrite } from "../community/policy.js";

/** Star ratings, 1 (poor) to 5 (excellent). */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** The reviewer changes their own rating while the review is live and unlocked. */
export const canRate = (actor: Actor, review: { userId: number; deleted: boolean; locked: boolean }): boolean =>
  actor.kind === "user" && canWrite(actor) && actor.id === review.userId && !review.deleted && !review.locked;

/**
 * Under a review only staff (answering for the company) and the reviewer (answering back) reply.
 * Other members cannot pile onto someone's review; they write their own.
 */
export const canReplyToReview = (actor: Actor, review: { userId: number }): boolean => isStaff(actor) || (actor.kind === "user" && actor.id === review.userId);

/**
 * Reviews stay, good or bad: only moderators remove one, for breaking the rules, and they say
 * which rule (the reason is kept with the review and in the audit log).
 */
export const canRemoveReview = (actor: Actor, review: { deleted: boolean }): boolean => isModerator(actor) && !review.deleted;
