import { type Actor, isModerator, isStaff } from "../actor.js";
import { canWrite } from "../community/policy.js";

/** What a member can answer. */
export const RSVP_ANSWERS = ["going", "maybe", "not_going"] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
/** What is stored: an answer, or `waitlist` (said going when the event was full). */
export type RsvpStatus = RsvpAnswer | "waitlist";
export const isRsvpStatus = (v: string): v is RsvpStatus => v === "waitlist" || (RSVP_ANSWERS as readonly string[]).includes(v);

/** The longest an event may last, and the most seats one may have. */
export const MAX_EVENT_DAYS = 60;
export const MAX_CAPACITY = 100_000;

export interface EventState {
  startsAt: Date;
  endsAt: Date;
  /** The organiser: the topic's author. */
  userId: number;
}

/** Over once its end has passed; until then (also while it runs) members can answer. */
export const isEventOver = (e: Pick<EventState, "endsAt">, now: Date): boolean => e.endsAt.getTime() <= now.getTime();

/** Members who may write answer while the event is not over and its topic is live and unlocked. */
export const canRsvp = (actor: Actor, e: EventState, topic: { locked: boolean; deleted: boolean }, now: Date): boolean =>
  actor.kind === "user" && canWrite(actor) && !topic.deleted && !topic.locked && !isEventOver(e, now);

/** The organiser and moderators change the time, place and capacity. */
export const canEditEvent = (actor: Actor, e: Pick<EventState, "userId">, topic: { deleted: boolean }): boolean =>
  actor.kind === "user" && canWrite(actor) && !topic.deleted && (actor.id === e.userId || isModerator(actor));

/**
 * The online link shows to those coming (going, maybe, waiting for a seat), the organiser and
 * staff: an open event page does not hand the meeting link to every passer-by.
 */
export const canSeeOnlineUrl = (actor: Actor, e: Pick<EventState, "userId">, mine: RsvpStatus | null): boolean =>
  isStaff(actor) || (actor.kind === "user" && (actor.id === e.userId || (mine !== null && mine !== "not_going")));
