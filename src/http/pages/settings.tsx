import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { changeEmail } from "../../domain/accounts/commands/changeEmail.js";
import { changePassword } from "../../domain/accounts/commands/changePassword.js";
import { logOutEverywhere } from "../../domain/accounts/commands/logOutEverywhere.js";
import { updatePreferences } from "../../domain/accounts/commands/updatePreferences.js";
import { updateProfile } from "../../domain/accounts/commands/updateProfile.js";
import { countSessions, findUserById } from "../../domain/accounts/repo.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Failure, Result } from "../../lib/result.js";
import { type SettingsSection, SettingsView, type SettingsViewModel } from "../../render/components/settings.js";
import { LOCALE_COOKIE, SESSION_COOKIE, cookieOptions } from "../middleware/requestContext.js";
import { sendPage, setFlash } from "../render.js";
import { formFailure, formValue } from "./accountForms.js";
import { sendErrorPage } from "./errorPage.js";

type Rejected = { section: SettingsSection; failure: Failure; input: Partial<Pick<SettingsViewModel, "profile" | "preferences" | "newEmail">> };

async function renderSettings(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, rejected?: Rejected) {
  if (req.actor.kind !== "user") return reply.redirect("/login?next=%2Fsettings", 303);
  const user = await findUserById(ctx.db, req.actor.id);
  if (!user) return sendErrorPage(ctx, req, reply, { ok: false, code: "unauthenticated" });
  const failed = rejected ? { section: rejected.section, ...formFailure(req, reply, rejected.failure) } : undefined;
  const view: SettingsViewModel = {
    username: user.username,
    email: user.email,
    emailVerified: user.emailVerified,
    sessionCount: await countSessions(ctx.db, user.id, ctx.clock()),
    profile: rejected?.input.profile ?? { name: user.name === user.username ? "" : user.name, bio: user.bio },
    preferences: rejected?.input.preferences ?? { locale: user.locale ?? "", theme: user.theme ?? "" },
    newEmail: rejected?.input.newEmail ?? "",
    failed,
  };
  return sendPage(ctx, req, reply, () => <SettingsView view={view} />, {
    title: req.t("accounts:settings.title"),
    status: failed?.status ?? 200,
    seo: { noindex: true },
  });
}

/**
 * `/settings` for signed-in members: profile, language and theme, e-mail, password, and ending
 * every session. Each form posts to its own address and comes back here (POST → redirect → GET).
 */
export function settingsPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/settings", async (req, reply) => renderSettings(ctx, req, reply));

  /**
   * Runs one settings command. A rejected form is shown again in place (each form's action carries
   * its section's #fragment, so the browser scrolls to the message even on a phone). Success
   * flashes `flash` at the top: `#top` overrides the fragment the browser would otherwise keep.
   */
  const handle = async <T,>(req: FastifyRequest, reply: FastifyReply, section: SettingsSection, res: Result<T>, input: Rejected["input"], flash: string) => {
    if (res.ok) {
      setFlash(reply, flash);
      return reply.redirect("/settings#top", 303);
    }
    if (res.code === "unauthenticated") return sendErrorPage(ctx, req, reply, res);
    return renderSettings(ctx, req, reply, { section, failure: res, input });
  };

  app.post("/settings/profile", async (req, reply) => {
    const profile = { name: formValue(req.body, "name"), bio: formValue(req.body, "bio") };
    return handle(req, reply, "profile", await updateProfile(ctx, req.actor, profile), { profile }, "accounts:flash.profileSaved");
  });

  app.post("/settings/preferences", async (req, reply) => {
    const preferences = { locale: formValue(req.body, "locale"), theme: formValue(req.body, "theme") };
    const res = await updatePreferences(ctx, req.actor, preferences);
    if (res.ok) {
      // "Follow my browser" must not be overridden by an earlier choice in the footer switcher.
      if (res.value.locale) reply.setCookie(LOCALE_COOKIE, res.value.locale, cookieOptions(ctx, { maxAge: 365 * 86400 }));
      else reply.clearCookie(LOCALE_COOKIE, { path: "/" });
    }
    return handle(req, reply, "preferences", res, { preferences }, "accounts:flash.preferencesSaved");
  });

  app.post("/settings/email", async (req, reply) => {
    const newEmail = formValue(req.body, "email");
    const res = await changeEmail(ctx, req.actor, { email: newEmail, password: formValue(req.body, "password") });
    return handle(req, reply, "email", res, { newEmail }, "accounts:flash.emailChanged");
  });

  app.post("/settings/password", async (req, reply) => {
    const input = { currentPassword: formValue(req.body, "currentPassword"), newPassword: formValue(req.body, "newPassword") };
    const res = await changePassword(ctx, req.actor, input, req.sessionToken);
    return handle(req, reply, "password", res, {}, "accounts:flash.passwordChanged");
  });

  app.post("/settings/sessions", async (req, reply) => {
    const res = await logOutEverywhere(ctx, req.actor);
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    setFlash(reply, "accounts:flash.loggedOutEverywhere", "info");
    return reply.redirect("/login", 303);
  });
}
