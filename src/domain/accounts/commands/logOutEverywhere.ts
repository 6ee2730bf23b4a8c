import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { destroyUserSessions } from "../sessions.js";

/**
 * Ends every session of the signed-in member, on every device, this one included (a lost phone,
 * a shared computer). API keys are not sessions and keep working. Fails: unauthenticated.
 */
export async function logOutEverywhere(ctx: Ctx, actor: Actor): Promise<Result<null>> {
  if (actor.kind !== "user") return err("unauthenticated");
  await destroyUserSessions(ctx.db, actor.id);
  return ok(null);
}
