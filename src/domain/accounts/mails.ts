import type { Mail } from "../../infra/mail.js";
import { isLocale, translator } from "../../render/i18n.js";
import { composeMail } from "../../render/mail.js";
import type { Ctx } from "../ctx.js";
import type { Locale } from "../community/types.js";
import type { User } from "./types.js";

type Recipient = Pick<User, "username" | "name" | "email" | "locale">;

/** The language a member reads mail in: their own setting, else the community's default. */
export async function mailLocale(ctx: Ctx, user: Pick<User, "locale">): Promise<Locale> {
  return isLocale(user.locale) ? user.locale : (await ctx.cache.settings()).defaultLocale;
}

async function frame(ctx: Ctx, user: Recipient) {
  const lang = await mailLocale(ctx, user);
  const t = translator(lang);
  const site = (await ctx.cache.settings()).name;
  const common = {
    lang,
    greeting: t("mail:greeting", { name: user.name || user.username }),
    footer: t("mail:footer", { site, url: ctx.config.baseUrl }),
  };
  return { t, site, common };
}

/** "Confirm your address" with the one-time link (valid 48 hours). */
export async function verificationMail(ctx: Ctx, user: Recipient, to: string, token: string): Promise<Mail> {
  const { t, site, common } = await frame(ctx, user);
  return composeMail({
    ...common,
    to,
    subject: t("mail:verify.subject", { site }),
    paragraphs: [t("mail:verify.intro", { site, username: user.username })],
    action: { label: t("mail:verify.action"), url: `${ctx.config.baseUrl}/verify-email?token=${encodeURIComponent(token)}`, fallback: t("mail:linkFallback") },
    notes: [t("mail:verify.expiry"), t("mail:verify.ignore", { site })],
  });
}

/** "Choose a new password" with the one-time link (valid 1 hour). */
export async function passwordResetMail(ctx: Ctx, user: Recipient, token: string): Promise<Mail> {
  const { t, site, common } = await frame(ctx, user);
  return composeMail({
    ...common,
    to: user.email,
    subject: t("mail:reset.subject", { site }),
    paragraphs: [t("mail:reset.intro", { site, username: user.username })],
    action: { label: t("mail:reset.action"), url: `${ctx.config.baseUrl}/reset-password?token=${encodeURIComponent(token)}`, fallback: t("mail:linkFallback") },
    notes: [t("mail:reset.expiry"), t("mail:reset.ignore")],
  });
}

/** Tells the previous address that the account moved to another one (no link: nothing to click). */
export async function emailChangedMail(ctx: Ctx, user: Recipient, oldEmail: string, newEmail: string): Promise<Mail> {
  const { t, site, common } = await frame(ctx, user);
  return composeMail({
    ...common,
    to: oldEmail,
    subject: t("mail:emailChanged.subject", { site }),
    paragraphs: [t("mail:emailChanged.intro", { site, username: user.username, newEmail })],
    notes: [t("mail:emailChanged.ignore", { url: `${ctx.config.baseUrl}/forgot-password` })],
  });
}
