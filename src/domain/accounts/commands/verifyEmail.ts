import { z } from "zod";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountEvents } from "../events.js";
import { deleteUnusedUserTokens, markUserTokenUsed, updateUser } from "../repo.js";
import { checkUserToken } from "../userTokens.js";

export const VerifyEmailInput = z.object({ token: z.string().trim().min(1).max(200) });

/**
 * Confirms a member's address with the token from the mailed link (anyone holding the link may
 * use it once; it proves the mailbox, not the browser). Emits `user.emailVerified`.
 * Fails: invalid (no token, or expired), not_found (unknown or superseded), conflict (already used).
 */
export async function verifyEmail(ctx: Ctx, input: unknown): Promise<Result<{ userId: number }>> {
  const parsed = parseInput(VerifyEmailInput, input);
  if (!parsed.ok) return parsed;
  const checked = await checkUserToken(ctx, parsed.value.token, "verify_email");
  if (!checked.ok) return checked;
  const { tokenHash, user } = checked.value;
  const now = ctx.clock();
  const used = await transact(ctx, async (trx) => {
    if (!(await markUserTokenUsed(trx, tokenHash, now))) return false;
    if (!user.emailVerified) {
      await updateUser(trx, user.id, { emailVerified: true }, now);
      await ctx.jobs.emit(trx, AccountEvents.emailVerified, { userId: user.id });
    }
    await deleteUnusedUserTokens(trx, user.id, "verify_email");
    return true;
  });
  // A second click racing the first loses here rather than verifying twice.
  if (!used) return err("conflict", "accounts:token.used");
  return ok({ userId: user.id });
}
