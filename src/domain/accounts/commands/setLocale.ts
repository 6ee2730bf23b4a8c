import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import type { Locale } from "../../community/types.js";
import { type Result, err, ok } from "../../../lib/result.js";

/** Remembers a signed-in member's interface language. Fails: unauthenticated. */
export async function setLocale(ctx: Ctx, actor: Actor, locale: Locale): Promise<Result<null>> {
  if (actor.kind !== "user") return err("unauthenticated");
  await ctx.db.updateTable("users").set({ locale, updated_at: ctx.clock() }).where("id", "=", actor.id).execute();
  return ok(null);
}
