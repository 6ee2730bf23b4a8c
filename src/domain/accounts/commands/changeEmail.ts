import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountJobs } from "../events.js";
import { verifyPassword } from "../password.js";
import { deleteUnusedUserTokens, findUserByEmail, findUserById, isUniqueViolation, passwordHashOf, updateUser } from "../repo.js";
import { Email } from "../schemas.js";
import { PASSWORD_CHECKS_PER_15_MIN } from "./changePassword.js";

export const ChangeEmailInput = z.object({ email: Email, password: z.string().min(1).max(200) });

/**
 * Moves the signed-in member to a new address (the current password confirms it). The new
 * address starts unverified and gets a confirmation link; the old one gets a notice; links mailed
 * to the old address stop working. Fails: invalid (wrong password, same address), unauthenticated,
 * conflict (address taken), rate_limited.
 */
export async function changeEmail(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ email: string }>> {
  const parsed = parseInput(ChangeEmailInput, input);
  if (!parsed.ok) return parsed;
  if (actor.kind !== "user") return err("unauthenticated");
  const user = await findUserById(ctx.db, actor.id);
  if (!user) return err("unauthenticated");
  const hit = await ctx.limiter.hit(`password:check:${actor.id}`, Math.ceil(PASSWORD_CHECKS_PER_15_MIN * ctx.config.rateLimitFactor), 900);
  if (!hit.allowed) return err("rate_limited", "accounts:settings.passwordRateLimited", { params: { retryAfter: hit.retryAfterSec } });
  if (!(await verifyPassword(await passwordHashOf(ctx.db, actor.id), parsed.value.password))) {
    return err("invalid", undefined, { fields: { password: { key: "accounts:fields.wrongPassword" } } });
  }
  const email = parsed.value.email;
  if (email.toLowerCase() === user.email.toLowerCase()) return err("invalid", undefined, { fields: { email: { key: "accounts:fields.sameEmail" } } });
  const taken = err("conflict", "validation:emailTaken", { fields: { email: { key: "validation.emailTaken" } } });
  if (await findUserByEmail(ctx.db, email)) return taken;
  const now = ctx.clock();
  try {
    await transact(ctx, async (trx) => {
      await updateUser(trx, user.id, { email, emailVerified: false }, now);
      await deleteUnusedUserTokens(trx, user.id);
      await ctx.jobs.enqueue(trx, AccountJobs.sendVerification, { userId: user.id, email });
      await ctx.jobs.enqueue(trx, AccountJobs.sendEmailChanged, { userId: user.id, oldEmail: user.email, newEmail: email });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return taken;
    throw e;
  }
  return ok({ email });
}
