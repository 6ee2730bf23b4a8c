import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { AccountEvents, AccountJobs } from "../events.js";
import { hashPassword } from "../password.js";
import { insertUser, isUniqueViolation, usernameOrEmailTaken } from "../repo.js";
import { DisplayName, Email, Password, Username } from "../schemas.js";
import { createSession } from "../sessions.js";

export const SignUpInput = z.object({
  username: Username,
  email: Email,
  name: DisplayName,
  password: Password,
  /** The language the visitor signed up in; their mail and pages use it until they change it. */
  locale: z.enum(["ja", "en"]).nullable().default(null),
});

/** Sign-ups allowed per address per hour (times RATE_LIMIT_FACTOR). */
export const SIGNUPS_PER_IP_HOUR = 20;

/**
 * Creates a member account for a visitor and signs them in (returns the session cookie value).
 * The address starts unverified: the member can read at once and posts after following the link
 * that the `accounts.sendVerification` job mails. Counted per IP before the duplicate check, so the
 * form cannot be used to probe many addresses.
 * Fails: invalid, forbidden (already signed in), rate_limited, conflict (username or email taken).
 */
export async function signUp(ctx: Ctx, actor: Actor, input: unknown, meta: { ip: string; userAgent: string }): Promise<Result<{ userId: number; token: string }>> {
  const parsed = parseInput(SignUpInput, input);
  if (!parsed.ok) return parsed;
  if (actor.kind !== "anonymous") return err("forbidden", "accounts:signup.alreadySignedIn");
  const v = parsed.value;
  const limit = await ctx.limiter.hit(`signup:ip:${meta.ip}`, Math.ceil(SIGNUPS_PER_IP_HOUR * ctx.config.rateLimitFactor), 3600);
  if (!limit.allowed) return err("rate_limited", "accounts:signup.rateLimited", { params: { retryAfter: limit.retryAfterSec } });

  const taken = await usernameOrEmailTaken(ctx.db, v.username, v.email);
  if (taken.username || taken.email) return conflict(taken);
  const passwordHash = await hashPassword(v.password);
  const now = ctx.clock();
  let userId: number;
  try {
    userId = await transact(ctx, async (trx) => {
      const id = await insertUser(
        trx,
        { username: v.username, email: v.email, name: v.name || v.username, passwordHash, role: "member", staff: false, locale: v.locale, emailVerified: false },
        now,
      );
      await ctx.jobs.emit(trx, AccountEvents.signedUp, { userId: id });
      await ctx.jobs.enqueue(trx, AccountJobs.sendVerification, { userId: id, email: v.email });
      return id;
    });
  } catch (e) {
    // Someone took the name or address between the check and the insert.
    if (isUniqueViolation(e)) return conflict(await usernameOrEmailTaken(ctx.db, v.username, v.email));
    throw e;
  }
  const token = await createSession(ctx, userId, meta);
  return ok({ userId, token });
}

function conflict(taken: { username: boolean; email: boolean }) {
  const fields: Record<string, { key: string }> = {};
  if (taken.username) fields.username = { key: "validation.usernameTaken" };
  if (taken.email) fields.email = { key: "validation.emailTaken" };
  return err("conflict", "accounts:signup.taken", { fields });
}
