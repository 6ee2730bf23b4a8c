import { type Actor, isModerator } from "../actor.js";
import { canWrite } from "../community/policy.js";

/** Who sees the counts: everyone at once, voters once they voted, or everyone once it closed. */
export const POLL_RESULTS = ["after_vote", "always", "after_close"] as const;
export type PollResults = (typeof POLL_RESULTS)[number];
export const pollResults = (v: string): PollResults => ((POLL_RESULTS as readonly string[]).includes(v) ? (v as PollResults) : "after_vote");

export const MAX_POLL_OPTIONS = 20;

export interface PollState {
  closesAt: Date | null;
  closedAt: Date | null;
  results: PollResults;
  /** The post's author (who may close it early). */
  authorId: number;
}

/** Closed: closed early by its author or a moderator, or past its closing time. */
export const isPollClosed = (p: Pick<PollState, "closesAt" | "closedAt">, now: Date): boolean => p.closedAt !== null || (p.closesAt !== null && p.closesAt.getTime() <= now.getTime());

/** Members who may write vote (and change their vote) while the poll is open and its topic live and unlocked. */
export const canVoteInPoll = (actor: Actor, poll: PollState, topic: { locked: boolean; deleted: boolean }, now: Date): boolean =>
  actor.kind === "user" && canWrite(actor) && !topic.deleted && !topic.locked && !isPollClosed(poll, now);

/** The counts show when the author said so: always, to those who voted, or after it closed. */
export const canSeePollResults = (poll: PollState, voted: boolean, now: Date): boolean =>
  poll.results === "always" || isPollClosed(poll, now) || (poll.results === "after_vote" && voted);

/** The post's author and moderators close a poll before its time. */
export const canClosePoll = (actor: Actor, poll: PollState, now: Date): boolean =>
  actor.kind === "user" && !isPollClosed(poll, now) && (actor.id === poll.authorId || isModerator(actor));
