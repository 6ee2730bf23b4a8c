import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { hashPassword, verifyPassword } from "../password.js";
import { deleteUnusedUserTokens, passwordHashOf, updateUser } from "../repo.js";
import { Password } from "../schemas.js";
import { destroyUserSessions } from "../sessions.js";

export const ChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });

/** Attempts per account per 15 minutes (a stolen session must not become a password oracle). */
export const PASSWORD_CHECKS_PER_15_MIN = 10;

/**
 * Changes the signed-in member's password after checking the current one, and ends every other
 * session (the one in `keepSessionToken`, this browser's, stays). Outstanding reset links stop working.
 * Fails: invalid (wrong current password or weak new one), unauthenticated, rate_limited.
 */
export async function changePassword(ctx: Ctx, actor: Actor, input: unknown, keepSessionToken?: string | null): Promise<Result<null>> {
  const parsed = parseInput(ChangePasswordInput, input);
  if (!parsed.ok) return parsed;
  if (actor.kind !== "user") return err("unauthenticated");
  const hit = await ctx.limiter.hit(`password:check:${actor.id}`, Math.ceil(PASSWORD_CHECKS_PER_15_MIN * ctx.config.rateLimitFactor), 900);
  if (!hit.allowed) return err("rate_limited", "accounts:settings.passwordRateLimited", { params: { retryAfter: hit.retryAfterSec } });
  if (!(await verifyPassword(await passwordHashOf(ctx.db, actor.id), parsed.value.currentPassword))) {
    return err("invalid", undefined, { fields: { currentPassword: { key: "accounts:fields.wrongPassword" } } });
  }
  const passwordHash = await hashPassword(parsed.value.newPassword);
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await updateUser(trx, actor.id, { passwordHash }, now);
    await deleteUnusedUserTokens(trx, actor.id, "reset_password");
    await destroyUserSessions(trx, actor.id, keepSessionToken ?? undefined);
  });
  return ok(null);
}
