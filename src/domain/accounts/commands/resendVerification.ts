import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountJobs } from "../events.js";
import { findUserByEmail, findUserById } from "../repo.js";
import { Email } from "../schemas.js";

export const ResendVerificationInput = z.object({ email: Email.optional() });

/** Verification mails allowed per account (signed in) or per address and IP (anonymous), per hour. */
export const RESENDS_PER_HOUR = 5;

/**
 * Mails a fresh confirmation link. A signed-in member asks for their own address; a visitor
 * (e.g. on an expired link, in another browser) names the address, and gets the same answer
 * whether or not an unverified account has it, so the form reveals nothing.
 * Fails: invalid (visitor without a valid address), conflict (signed in and already verified), rate_limited,
 * unauthenticated (the signed-in account no longer exists).
 */
export async function resendVerification(ctx: Ctx, actor: Actor, input: unknown, meta: { ip: string }): Promise<Result<null>> {
  const parsed = parseInput(ResendVerificationInput, input ?? {});
  if (!parsed.ok) return parsed;
  const limit = Math.ceil(RESENDS_PER_HOUR * ctx.config.rateLimitFactor);
  let target: { id: number; email: string } | null;
  if (actor.kind === "user") {
    const user = await findUserById(ctx.db, actor.id);
    if (!user) return err("unauthenticated");
    if (user.emailVerified) return err("conflict", "accounts:verify.alreadyVerified");
    const hit = await ctx.limiter.hit(`verify:resend:user:${user.id}`, limit, 3600);
    if (!hit.allowed) return err("rate_limited", "accounts:verify.rateLimited", { params: { retryAfter: hit.retryAfterSec } });
    target = user;
  } else {
    const email = parsed.value.email;
    if (!email) return err("invalid", undefined, { fields: { email: { key: "validation.required" } } });
    const byIp = await ctx.limiter.hit(`verify:resend:ip:${meta.ip}`, limit * 2, 3600);
    const byEmail = await ctx.limiter.hit(`verify:resend:email:${email.toLowerCase()}`, limit, 3600);
    if (!byIp.allowed || !byEmail.allowed) {
      return err("rate_limited", "accounts:verify.rateLimited", { params: { retryAfter: Math.max(byIp.retryAfterSec, byEmail.retryAfterSec) } });
    }
    const user = await findUserByEmail(ctx.db, email);
    target = user && !user.emailVerified ? user : null;
  }
  if (target) {
    const { id, email } = target;
    await transact(ctx, (trx) => ctx.jobs.enqueue(trx, AccountJobs.sendVerification, { userId: id, email }));
  }
  return ok(null);
}
