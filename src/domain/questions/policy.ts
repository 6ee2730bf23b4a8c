import { type Actor, isModerator, isStaff } from "../actor.js";

/**
 * Who may choose a question's accepted answer: its asker, staff and moderators — never anyone
 * else, whatever the category allows. Locked or deleted questions keep their answer as it is.
 */
export const canAcceptAnswer = (actor: Actor, question: { userId: number; locked: boolean; deleted: boolean }): boolean =>
  actor.kind === "user" && !question.deleted && (isModerator(actor) || isStaff(actor) || (actor.id === question.userId && !question.locked && !actor.suspended));
