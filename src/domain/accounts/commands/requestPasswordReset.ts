import { z } from "zod";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountJobs } from "../events.js";
import { Email } from "../schemas.js";

export const RequestPasswordResetInput = z.object({ email: Email });

/** Reset requests per IP (and per address) per hour, times RATE_LIMIT_FACTOR. */
export const RESET_REQUESTS_PER_HOUR = 10;

/**
 * Mails a password-reset link when an account has this address. The request does the same work
 * either way: it only queues the `accounts.sendPasswordReset` job, which looks the address up, so
 * neither the answer nor its timing tells whether an account exists. Fails: invalid, rate_limited.
 */
export async function requestPasswordReset(ctx: Ctx, input: unknown, meta: { ip: string }): Promise<Result<null>> {
  const parsed = parseInput(RequestPasswordResetInput, input);
  if (!parsed.ok) return parsed;
  const email = parsed.value.email;
  const limit = Math.ceil(RESET_REQUESTS_PER_HOUR * ctx.config.rateLimitFactor);
  const byIp = await ctx.limiter.hit(`reset:ip:${meta.ip}`, limit, 3600);
  const byEmail = await ctx.limiter.hit(`reset:email:${email.toLowerCase()}`, Math.ceil(limit / 2), 3600);
  if (!byIp.allowed || !byEmail.allowed) {
    return err("rate_limited", "accounts:forgot.rateLimited", { params: { retryAfter: Math.max(byIp.retryAfterSec, byEmail.retryAfterSec) } });
  }
  await transact(ctx, (trx) => ctx.jobs.enqueue(trx, AccountJobs.sendPasswordReset, { email }));
  return ok(null);
}
