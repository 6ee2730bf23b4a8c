import crypto from "node:crypto";
import "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Actor, anonymous } from "../../domain/actor.js";
import { resolveApiKey, resolveSession } from "../../domain/accounts/sessions.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Locale, SiteSettings } from "../../domain/community/types.js";
import { type T, pickLocale, translator } from "../../render/i18n.js";

export const SESSION_COOKIE = "hiroba_session";
export const CSRF_COOKIE = "hiroba_csrf";
export const LOCALE_COOKIE = "hiroba_locale";
export const SCHEME_COOKIE = "hiroba_scheme";
export const FLASH_COOKIE = "hiroba_flash";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: T;
    settings: SiteSettings;
    /** The double-submit CSRF token (also in the `hiroba_csrf` cookie). */
    csrfToken: string;
    /** How the actor authenticated: a session cookie, an API key, or not at all. */
    auth: "session" | "apiKey" | "none";
    sessionToken: string | null;
  }
}

/**
 * Runs before every route except static assets and health: loads the cached site settings,
 * resolves the actor (API key, else session cookie), picks the language and makes sure the
 * browser holds a CSRF token.
 */
export function registerRequestContext(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest("actor", null as never);
  app.decorateRequest("locale", "en");
  app.decorateRequest("t", null as never);
  app.decorateRequest("settings", null as never);
  app.decorateRequest("csrfToken", "");
  app.decorateRequest("auth", "none");
  app.decorateRequest("sessionToken", null);

  app.addHook("onRequest", async (req, reply) => {
    if (req.url.startsWith("/assets/") || req.url === "/healthz") return;
    req.settings = await ctx.cache.settings();
    req.actor = anonymous;
    const authz = req.headers.authorization;
    if (authz?.startsWith("Bearer ")) {
      const actor = await resolveApiKey(ctx, authz.slice(7).trim());
      if (actor) {
        req.actor = actor;
        req.auth = "apiKey";
      }
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const actor = await resolveSession(ctx, token);
        if (actor) {
          req.actor = actor;
          req.auth = "session";
          req.sessionToken = token;
        } else {
          reply.clearCookie(SESSION_COOKIE, { path: "/" });
        }
      }
    }
    req.locale = pickLocale({
      user: req.actor.kind === "user" ? req.actor.locale : null,
      cookie: req.cookies[LOCALE_COOKIE],
      acceptLanguage: req.headers["accept-language"],
      fallback: req.settings.defaultLocale,
    });
    req.t = translator(req.locale);
    const csrf = req.cookies[CSRF_COOKIE];
    if (csrf && /^[\w-]{20,64}$/.test(csrf)) {
      req.csrfToken = csrf;
    } else {
      req.csrfToken = crypto.randomBytes(18).toString("base64url");
      reply.setCookie(CSRF_COOKIE, req.csrfToken, cookieOptions(ctx, { httpOnly: true, maxAge: 365 * 86400 }));
    }
  });
}

export function cookieOptions(ctx: Ctx, extra: { httpOnly?: boolean; maxAge?: number } = {}) {
  return { path: "/", sameSite: "lax" as const, secure: ctx.config.secureCookies, httpOnly: extra.httpOnly ?? true, maxAge: extra.maxAge };
}

/** Meta about the requester that commands record or rate-limit on. */
export const requestMeta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: String(req.headers["user-agent"] ?? "") });

/**
 * CSRF check for state-changing requests made with cookies: forms send `_csrf`, scripts send the
 * `x-csrf-token` header; either must equal the cookie. API-key requests carry no cookies and skip it.
 */
export function csrfValid(req: FastifyRequest): boolean {
  if (req.auth === "apiKey") return true;
  const sent = (req.headers["x-csrf-token"] as string | undefined) ?? (req.body as Record<string, unknown> | undefined)?._csrf;
  const cookie = req.cookies[CSRF_COOKIE];
  if (typeof sent !== "string" || !cookie || sent.length !== cookie.length) return false;
  return crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(cookie));
}

export function isUnsafe(req: FastifyRequest): boolean {
  return req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";
}

export type Reply = FastifyReply;
