import type { JobRegistry } from "../../jobs/registry.js";
import type { Ctx } from "../ctx.js";
import { AccountJobs } from "./events.js";
import { emailChangedMail, passwordResetMail, verificationMail } from "./mails.js";
import { findUserByEmail, findUserById } from "./repo.js";
import { issueUserToken } from "./userTokens.js";
import type { User } from "./types.js";

/**
 * The account mails. Each job creates its one-time token itself (so raw tokens never sit in the
 * jobs table) and only when the account still has the address the job was queued for.
 */
export function registerAccountsJobs(registry: JobRegistry): void {
  registry.define(AccountJobs.sendVerification, async (ctx, p) => {
    const user = await currentHolder(ctx, p);
    if (!user || user.emailVerified) return;
    const token = await issueUserToken(ctx, user, "verify_email");
    await ctx.mailer.send(await verificationMail(ctx, user, user.email, token));
  });

  registry.define(AccountJobs.sendPasswordReset, async (ctx, p) => {
    // Requests for unknown addresses end here, silently: the requester was told the same either way.
    const user = await findUserByEmail(ctx.db, String(p.email));
    if (!user) return;
    const token = await issueUserToken(ctx, user, "reset_password");
    await ctx.mailer.send(await passwordResetMail(ctx, user, token));
  });

  registry.define(AccountJobs.sendEmailChanged, async (ctx, p) => {
    const user = await findUserById(ctx.db, Number(p.userId));
    if (!user) return;
    await ctx.mailer.send(await emailChangedMail(ctx, user, String(p.oldEmail), String(p.newEmail)));
  });
}

/** The user the job is for, if their address is still the one in the payload. */
async function currentHolder(ctx: Ctx, p: Record<string, unknown>): Promise<User | null> {
  const user = await findUserById(ctx.db, Number(p.userId));
  return user && user.email.toLowerCase() === String(p.email).toLowerCase() ? user : null;
}
