import { z } from "zod";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { burnPasswordCheck, verifyPassword } from "../password.js";
import { findCredentials, findUserById } from "../repo.js";
import { createSession } from "../sessions.js";

export const LogInInput = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

/**
 * Checks a username-or-email and password and starts a session (returns its cookie value).
 * Limited per address and per account. Fails: invalid, unauthenticated (wrong credentials),
 * forbidden (suspended), rate_limited.
 */
export async function logIn(ctx: Ctx, input: unknown, meta: { ip: string; userAgent: string }): Promise<Result<{ token: string; userId: number }>> {
  const parsed = parseInput(LogInInput, input);
  if (!parsed.ok) return parsed;
  const { login, password } = parsed.value;
  const f = ctx.config.rateLimitFactor;
  const byIp = await ctx.limiter.hit(`login:ip:${meta.ip}`, Math.ceil(30 * f), 300);
  const byLogin = await ctx.limiter.hit(`login:id:${login.toLowerCase()}`, Math.ceil(10 * f), 300);
  if (!byIp.allowed || !byLogin.allowed) {
    return err("rate_limited", "errors:rateLimitedLogin", { params: { retryAfter: Math.max(byIp.retryAfterSec, byLogin.retryAfterSec) } });
  }
  const creds = await findCredentials(ctx.db, login);
  if (!creds) {
    await burnPasswordCheck(password);
    return err("unauthenticated", "errors:badCredentials");
  }
  if (!(await verifyPassword(creds.passwordHash, password))) return err("unauthenticated", "errors:badCredentials");
  const user = await findUserById(ctx.db, creds.id);
  if (user?.suspendedUntil && user.suspendedUntil > ctx.clock()) return err("forbidden", "errors:suspended");
  const token = await createSession(ctx, creds.id, meta);
  return ok({ token, userId: creds.id });
}
