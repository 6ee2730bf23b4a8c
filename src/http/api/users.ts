import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { signUp } from "../../domain/accounts/commands/signUp.js";
import { findUserById } from "../../domain/accounts/repo.js";
import { type Profile, getProfile } from "../../domain/accounts/queries/getProfile.js";
import { SESSION_DAYS } from "../../domain/accounts/sessions.js";
import type { User } from "../../domain/accounts/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { sendApiError } from "../errors.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { ErrorJson, TopicListItemJson, UserJson, presentTopicListItem, presentUser } from "./presenters.js";

/** A public profile: never the address, password hash, language or sign-in times. */
export const ProfileJson = UserJson.extend({
  url: z.string(),
  bio: z.string().describe("Markdown source"),
  bioHtml: z.string().describe("sanitized HTML"),
  createdAt: z.string(),
  postCount: z.number(),
  topicCount: z.number(),
  recentTopics: z.array(TopicListItemJson).describe("newest first; only topics the caller may see"),
});
export const presentProfile = (p: Profile): z.infer<typeof ProfileJson> => ({
  ...presentUser(p),
  url: `/u/${encodeURIComponent(p.username)}`,
  bio: p.bio,
  bioHtml: p.bioHtml,
  createdAt: p.createdAt.toISOString(),
  postCount: p.postCount,
  topicCount: p.topicCount,
  recentTopics: p.recentTopics.map(presentTopicListItem),
});

/** The caller's own account: their profile plus what only they may see. */
export const MeJson = UserJson.extend({
  email: z.string(),
  emailVerified: z.boolean(),
  locale: z.enum(["ja", "en"]).nullable(),
  theme: z.enum(["support", "social", "bbs"]).nullable(),
  bio: z.string(),
  createdAt: z.string(),
  postCount: z.number(),
  topicCount: z.number(),
});
export const presentMe = (u: User): z.infer<typeof MeJson> => ({
  ...presentUser(u),
  email: u.email,
  emailVerified: u.emailVerified,
  locale: u.locale === "ja" || u.locale === "en" ? u.locale : null,
  theme: u.theme === "support" || u.theme === "social" || u.theme === "bbs" ? u.theme : null,
  bio: u.bio,
  createdAt: u.createdAt.toISOString(),
  postCount: u.postCount,
  topicCount: u.topicCount,
});

/**
 * Endpoints that set a session cookie for an anonymous caller accept JSON only: a cross-site HTML
 * form can send url-encoded bodies without CSRF token, but not JSON, so it cannot sign a victim
 * into the attacker's account.
 */
export function requireJson(req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  if (String(req.headers["content-type"] ?? "").startsWith("application/json")) return null;
  return sendApiError(req, reply, { ok: false, code: "invalid", messageKey: "accounts:api.jsonOnly" });
}

export function usersApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/users/:username",
    {
      schema: {
        tags: ["users"],
        summary: "A member's public profile with their recent topics",
        params: z.object({ username: z.string().max(60) }),
        response: { 200: ProfileJson, 404: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await getProfile(ctx, req.actor, req.params.username);
      if (!res.ok) return sendApiError(req, reply, res);
      return presentProfile(res.value);
    },
  );

  r.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        summary: "Sign up (visitors): creates a member, sets the session cookie and mails a confirmation link",
        body: z.object({ username: z.string(), email: z.string(), password: z.string(), name: z.string().optional(), locale: z.enum(["ja", "en"]).optional() }),
        response: { 201: z.object({ user: MeJson }), 400: ErrorJson, 403: ErrorJson, 409: ErrorJson, 429: ErrorJson },
      },
    },
    async (req, reply) => {
      const notJson = requireJson(req, reply);
      if (notJson) return notJson;
      const res = await signUp(ctx, req.actor, { ...req.body, locale: req.body.locale ?? req.locale }, requestMeta(req));
      if (!res.ok) return sendApiError(req, reply, res);
      reply.setCookie(SESSION_COOKIE, res.value.token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));
      const user = await findUserById(ctx.db, res.value.userId);
      return reply.status(201).send({ user: presentMe(user!) });
    },
  );
}
