import { z } from "zod";
import { type Actor, isUser } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { Id } from "../../content/schemas.js";
import { markRead } from "../repo.js";

/** `ids` may be one id (a form field) or a list; absent means every unread notification. */
export const MarkNotificationsReadInput = z.object({
  ids: z.preprocess((v) => (v === "" || v === null ? undefined : typeof v === "string" || typeof v === "number" ? [v] : v), z.array(Id).min(1).max(100).optional()),
});

/**
 * Marks the actor's notifications read: the given ids (others' ids are silently ignored, so
 * nothing is revealed about them) or all. Returns how many changed. Fails: invalid, unauthenticated.
 */
export async function markNotificationsRead(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ updated: number }>> {
  const parsed = parseInput(MarkNotificationsReadInput, input ?? {});
  if (!parsed.ok) return parsed;
  if (!isUser(actor)) return err("unauthenticated");
  const updated = await markRead(ctx.db, actor.id, parsed.value.ids ?? null, ctx.clock());
  return ok({ updated });
}
