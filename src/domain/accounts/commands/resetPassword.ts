import { z } from "zod";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountEvents } from "../events.js";
import { hashPassword } from "../password.js";
import { deleteUnusedUserTokens, markUserTokenUsed, updateUser } from "../repo.js";
import { Password } from "../schemas.js";
import { createSession, destroyUserSessions } from "../sessions.js";
import { checkUserToken } from "../userTokens.js";

export const ResetPasswordInput = z.object({ token: z.string().trim().min(1).max(200), password: Password });

/**
 * Sets a new password with the token from a reset mail: stores a new argon2id hash, uses the token
 * up, ends every session of the account and starts a new one here (returns its cookie value).
 * Following the link proves the mailbox, so an unverified address becomes verified.
 * Fails: invalid (bad password, no token, or expired), not_found (unknown or superseded token),
 * conflict (already used), forbidden (suspended account).
 */
export async function resetPassword(ctx: Ctx, input: unknown, meta: { ip: string; userAgent: string }): Promise<Result<{ userId: number; token: string }>> {
  const parsed = parseInput(ResetPasswordInput, input);
  if (!parsed.ok) return parsed;
  const checked = await checkUserToken(ctx, parsed.value.token, "reset_password");
  if (!checked.ok) return checked;
  const { tokenHash, user } = checked.value;
  if (user.suspendedUntil && user.suspendedUntil > ctx.clock()) return err("forbidden", "errors:suspended");
  const passwordHash = await hashPassword(parsed.value.password);
  const now = ctx.clock();
  const used = await transact(ctx, async (trx) => {
    if (!(await markUserTokenUsed(trx, tokenHash, now))) return false;
    await updateUser(trx, user.id, { passwordHash, ...(user.emailVerified ? {} : { emailVerified: true }) }, now);
    if (!user.emailVerified) await ctx.jobs.emit(trx, AccountEvents.emailVerified, { userId: user.id });
    await deleteUnusedUserTokens(trx, user.id, "reset_password");
    await destroyUserSessions(trx, user.id);
    return true;
  });
  if (!used) return err("conflict", "accounts:token.used");
  const token = await createSession(ctx, user.id, meta);
  return ok({ userId: user.id, token });
}
