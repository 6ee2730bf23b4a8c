import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { EventFields } from "../fields.js";
import { loadEventToActOn } from "../load.js";
import { canEditEvent } from "../policy.js";
import { lockEvent, saveEvent } from "../repo.js";
import { fillSeats } from "./rsvp.js";

export const EditEventInput = z.object({ topicId: Id, event: EventFields });

/**
 * Changes an event's time, zone, place, link or seats (the organiser or a moderator; the text
 * is edited like any post). More seats, or no limit, move people up from the waiting list;
 * fewer seats keep those already going. Moderators' changes to others' events are audited.
 * Emits `event.edited`. Fails: invalid (fields, as `event.<field>`), not_found, unauthenticated, forbidden.
 */
export async function editEvent(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ topicId: number; promoted: number[] }>> {
  const parsed = parseInput(EditEventInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadEventToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, event, actor: editor } = loaded.value;
  if (!canEditEvent(editor, { userId: topic.userId }, topic)) return err("forbidden", "events:errors.notYourEvent");
  const next = parsed.value.event;
  const now = ctx.clock();
  const promoted = await transact(ctx, async (trx) => {
    await lockEvent(trx, ctx.engine, topic.id);
    await saveEvent(trx, topic.id, next, now);
    const filled = await fillSeats(trx, ctx, { ...event, ...next }, topic.userId);
    if (editor.id !== topic.userId) await audit(trx, editor, "event.edit", "topic", topic.id, { startsAt: next.startsAt.toISOString(), capacity: next.capacity }, now);
    await ctx.jobs.emit(trx, "event.edited", { topicId: topic.id, categoryId: topic.categoryId, userId: editor.id, promoted: filled });
    return filled;
  });
  return ok({ topicId: topic.id, promoted });
}
