import type { FastifyInstance } from "fastify";
import { setLocale } from "../../domain/accounts/commands/setLocale.js";
import type { Ctx } from "../../domain/ctx.js";
import { isLocale } from "../../render/i18n.js";
import { LOCALE_COOKIE, SCHEME_COOKIE, cookieOptions } from "../middleware/requestContext.js";
import { redirectLocal } from "../render.js";

/** The footer's language and colour-scheme switchers (work without JavaScript). */
export function preferencePages(app: FastifyInstance, ctx: Ctx): void {
  app.post<{ Body: { locale?: string; next?: string } }>("/preferences/locale", async (req, reply) => {
    const locale = req.body?.locale;
    if (isLocale(locale)) {
      reply.setCookie(LOCALE_COOKIE, locale, cookieOptions(ctx, { maxAge: 365 * 86400 }));
      if (req.actor.kind === "user") await setLocale(ctx, req.actor, locale);
    }
    return redirectLocal(reply, req.body?.next);
  });

  app.post<{ Body: { scheme?: string; next?: string } }>("/preferences/scheme", async (req, reply) => {
    const scheme = req.body?.scheme;
    if (scheme === "dark" || scheme === "light") reply.setCookie(SCHEME_COOKIE, scheme, cookieOptions(ctx, { maxAge: 365 * 86400 }));
    else reply.clearCookie(SCHEME_COOKIE, { path: "/" });
    return redirectLocal(reply, req.body?.next);
  });
}
