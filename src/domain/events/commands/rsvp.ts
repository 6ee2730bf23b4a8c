import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, type Tx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { firstPostId } from "../../content/repo.js";
import { insertNotifications } from "../../notifications/repo.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadEventToActOn } from "../load.js";
import { RSVP_ANSWERS, type RsvpStatus, canRsvp, isEventOver } from "../policy.js";
import { type EventRecord, deleteRsvp, lockEvent, nextWaiting, promote, recountGoing, rsvpOf, saveRsvp, waitlistPosition } from "../repo.js";

export const RsvpInput = z.object({ topicId: Id, status: z.enum(RSVP_ANSWERS, { error: "validation.rsvp" }) });

export interface RsvpResult {
  topicId: number;
  /** What the member now is: `waitlist` when they said going and no seat was free. */
  status: RsvpStatus | null;
  /** Their place on the waiting list (1: next). */
  position: number | null;
  /** Members moved from the waiting list into freed seats (notified). */
  promoted: number[];
}

/**
 * Fills free seats from the waiting list, first come first, and tells each promoted member
 * (`events.promoted`). Runs under the event's row lock. Returns who got a seat.
 */
export async function fillSeats(trx: Tx, ctx: Ctx, ev: EventRecord, organiserId: number): Promise<number[]> {
  const going = await recountGoing(trx, ev.topicId);
  if (isEventOver(ev, ctx.clock())) return [];
  const free = ev.capacity === null ? Number.MAX_SAFE_INTEGER : ev.capacity - going;
  const promoted = await nextWaiting(trx, ev.topicId, Math.min(free, 1000));
  if (promoted.length === 0) return [];
  await promote(trx, ev.topicId, promoted);
  await recountGoing(trx, ev.topicId);
  const postId = await firstPostId(trx, ev.topicId);
  if (postId) await insertNotifications(trx, promoted.map((userId) => ({ userId, kind: "events.promoted", actorId: organiserId, topicId: ev.topicId, postId })), ctx.clock());
  return promoted;
}

type Loaded = Extract<Awaited<ReturnType<typeof loadEventToActOn>>, { ok: true }>["value"];

/** The common start of answering and withdrawing: parsed input, a visible event, a member who may answer now. */
async function prepare<S extends z.ZodType<{ topicId: number }>>(ctx: Ctx, actor: Actor, schema: S, input: unknown): Promise<Result<Loaded & { input: z.output<S> }>> {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadEventToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, event, actor: member } = loaded.value;
  const now = ctx.clock();
  if (isEventOver(event, now)) return err("invalid", "events:errors.over");
  if (!canRsvp(member, { ...event, userId: topic.userId }, topic, now)) return err("forbidden", topic.locked ? "errors:topicLocked" : "events:errors.mayNotRsvp");
  return ok({ ...loaded.value, input: parsed.value });
}

/**
 * Answers an event: going (a seat if one is free, else the waiting list), maybe or not going.
 * Saying going again keeps the member's seat or place in line. Leaving a seat gives it to the
 * first on the waiting list. Emits `event.rsvp`. Fails: invalid (not an answer; the event is
 * over), not_found, unauthenticated, forbidden (may not write; locked topic).
 */
export async function rsvp(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<RsvpResult>> {
  const ready = await prepare(ctx, actor, RsvpInput, input);
  if (!ready.ok) return ready;
  const { topic, actor: member } = ready.value;
  const answer = ready.value.input.status;
  const now = ctx.clock();
  const res = await transact(ctx, async (trx) => {
    const ev = (await lockEvent(trx, ctx.engine, topic.id))!;
    const before = (await rsvpOf(trx, topic.id, member.id))?.status ?? null;
    let status: RsvpStatus = answer;
    if (answer === "going") {
      if (before === "going" || before === "waitlist") status = before;
      else status = ev.capacity === null || (await recountGoing(trx, topic.id)) < ev.capacity ? "going" : "waitlist";
    }
    if (status !== before) await saveRsvp(trx, topic.id, member.id, status, now);
    const promoted = before === "going" && status !== "going" ? await fillSeats(trx, ctx, ev, topic.userId) : (await recountGoing(trx, topic.id), []);
    if (status !== before) await ctx.jobs.emit(trx, "event.rsvp", { topicId: topic.id, categoryId: topic.categoryId, userId: member.id, status, previousStatus: before, promoted });
    const mine = await rsvpOf(trx, topic.id, member.id);
    const position = mine?.status === "waitlist" ? await waitlistPosition(trx, topic.id, member.id, mine.respondedAt) : null;
    return { topicId: topic.id, status, position, promoted };
  });
  return ok(res);
}

/** Takes the member's answer back (a seat they held goes to the waiting list). Fails like answering. */
export async function withdrawRsvp(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<RsvpResult>> {
  const ready = await prepare(ctx, actor, z.object({ topicId: Id }), input);
  if (!ready.ok) return ready;
  const { topic, actor: member } = ready.value;
  const promoted = await transact(ctx, async (trx) => {
    const ev = (await lockEvent(trx, ctx.engine, topic.id))!;
    const before = (await rsvpOf(trx, topic.id, member.id))?.status ?? null;
    if (before === null) return [];
    await deleteRsvp(trx, topic.id, member.id);
    const filled = before === "going" ? await fillSeats(trx, ctx, ev, topic.userId) : [];
    await ctx.jobs.emit(trx, "event.rsvp", { topicId: topic.id, categoryId: topic.categoryId, userId: member.id, status: null, previousStatus: before, promoted: filled });
    return filled;
  });
  return ok({ topicId: topic.id, status: null, position: null, promoted });
}
