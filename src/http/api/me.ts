import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { changeEmail } from "../../domain/accounts/commands/changeEmail.js";
import { changePassword } from "../../domain/accounts/commands/changePassword.js";
import { logIn } from "../../domain/accounts/commands/logIn.js";
import { logOutEverywhere } from "../../domain/accounts/commands/logOutEverywhere.js";
import { requestPasswordReset } from "../../domain/accounts/commands/requestPasswordReset.js";
import { resendVerification } from "../../domain/accounts/commands/resendVerification.js";
import { resetPassword } from "../../domain/accounts/commands/resetPassword.js";
import { updatePreferences } from "../../domain/accounts/commands/updatePreferences.js";
import { updateProfile } from "../../domain/accounts/commands/updateProfile.js";
import { verifyEmail } from "../../domain/accounts/commands/verifyEmail.js";
import { findUserById } from "../../domain/accounts/repo.js";
import { SESSION_DAYS, destroySession } from "../../domain/accounts/sessions.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Result } from "../../lib/result.js";
import { sendApiError } from "../errors.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { ErrorJson } from "./presenters.js";
import { MeJson, presentMe, requireJson } from "./users.js";

const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 429: ErrorJson };

/** `/api/v1/session`, `/api/v1/me…`, e-mail confirmation and password reset: the account API. */
export function meApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const unauthenticated = (req: FastifyRequest, reply: FastifyReply) => sendApiError(req, reply, { ok: false, code: "unauthenticated" });
  const me = async (req: FastifyRequest, reply: FastifyReply, userId: number) => {
    const user = await findUserById(ctx.db, userId);
    return user ? presentMe(user) : unauthenticated(req, reply);
  };
  const signIn = (reply: FastifyReply, token: string) => reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));

  r.post(
    "/api/v1/session",
    {
      schema: {
        tags: ["session"],
        summary: "Log in with a username or e-mail and password; sets the session cookie",
        body: z.object({ login: z.string(), password: z.string() }),
        response: { 200: z.object({ user: MeJson }), ...errors },
      },
    },
    async (req, reply) => {
      const notJson = requireJson(req, reply);
      if (notJson) return notJson;
      const res = await logIn(ctx, req.body, requestMeta(req));
      if (!res.ok) return sendApiError(req, reply, res);
      signIn(reply, res.value.token);
      const user = await findUserById(ctx.db, res.value.userId);
      return { user: presentMe(user!) };
    },
  );

  r.delete(
    "/api/v1/session",
    { schema: { tags: ["session"], summary: "Log out: ends this session and clears the cookie", response: { 204: z.null(), 401: ErrorJson } } },
    async (req, reply) => {
      if (!req.sessionToken) return unauthenticated(req, reply);
      await destroySession(ctx, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/me",
    { schema: { tags: ["me"], summary: "The signed-in member's own account", response: { 200: MeJson, 401: ErrorJson } } },
    async (req, reply) => (req.actor.kind === "user" ? me(req, reply, req.actor.id) : unauthenticated(req, reply)),
  );

  r.patch(
    "/api/v1/me",
    {
      schema: {
        tags: ["me"],
        summary: "Change the display name, bio, language or theme (null: follow the browser / the community)",
        body: z.object({
          name: z.string().optional(),
          bio: z.string().optional(),
          locale: z.enum(["ja", "en"]).nullable().optional(),
          theme: z.enum(["support", "social", "bbs"]).nullable().optional(),
        }),
        response: { 200: MeJson, ...errors },
      },
    },
    async (req, reply) => {
      if (req.actor.kind !== "user") return unauthenticated(req, reply);
      const user = await findUserById(ctx.db, req.actor.id);
      if (!user) return unauthenticated(req, reply);
      const b = req.body;
      let res: Result<unknown> = { ok: true, value: null };
      if (b.name !== undefined || b.bio !== undefined) {
        res = await updateProfile(ctx, req.actor, { name: b.name ?? user.name, bio: b.bio ?? user.bio });
      }
      if (res.ok && (b.locale !== undefined || b.theme !== undefined)) {
        res = await updatePreferences(ctx, req.actor, { locale: b.locale === undefined ? user.locale : b.locale, theme: b.theme === undefined ? user.theme : b.theme });
      }
      if (!res.ok) return sendApiError(req, reply, res);
      return me(req, reply, user.id);
    },
  );

  r.put(
    "/api/v1/me/password",
    {
      schema: {
        tags: ["me"],
        summary: "Change the password (needs the current one); ends every other session",
        body: z.object({ currentPassword: z.string(), newPassword: z.string() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const res = await changePassword(ctx, req.actor, req.body, req.sessionToken);
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(204).send(null);
    },
  );

  r.put(
    "/api/v1/me/email",
    {
      schema: {
        tags: ["me"],
        summary: "Change the e-mail address (needs the password); the new one must be confirmed",
        body: z.object({ email: z.string(), password: z.string() }),
        response: { 200: MeJson, ...errors },
      },
    },
    async (req, reply) => {
      const res = await changeEmail(ctx, req.actor, req.body);
      if (!res.ok) return sendApiError(req, reply, res);
      return me(req, reply, (req.actor as { id: number }).id);
    },
  );

  r.delete(
    "/api/v1/me/sessions",
    { schema: { tags: ["me"], summary: "Log out everywhere: ends every session of the account", response: { 204: z.null(), 401: ErrorJson } } },
    async (req, reply) => {
      const res = await logOutEverywhere(ctx, req.actor);
      if (!res.ok) return sendApiError(req, reply, res);
      if (req.sessionToken) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/email-verification",
    {
      schema: {
        tags: ["me"],
        summary: "Mail a new confirmation link (signed in: to the own address; visitors: name the address, same answer either way)",
        body: z.object({ email: z.string().optional() }).optional(),
        response: { 202: z.object({ status: z.literal("accepted") }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await resendVerification(ctx, req.actor, req.body ?? {}, requestMeta(req));
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(202).send({ status: "accepted" as const });
    },
  );

  r.post(
    "/api/v1/email-verification/confirm",
    {
      schema: { tags: ["me"], summary: "Confirm an address with the token from the mailed link", body: z.object({ token: z.string() }), response: { 200: z.object({ verified: z.literal(true) }), ...errors } },
    },
    async (req, reply) => {
      const res = await verifyEmail(ctx, req.body);
      if (!res.ok) return sendApiError(req, reply, res);
      return { verified: true as const };
    },
  );

  r.post(
    "/api/v1/password-reset",
    {
      schema: {
        tags: ["session"],
        summary: "Mail a password-reset link; the answer is the same whether or not the address has an account",
        body: z.object({ email: z.string() }),
        response: { 202: z.object({ status: z.literal("accepted") }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await requestPasswordReset(ctx, req.body, requestMeta(req));
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(202).send({ status: "accepted" as const });
    },
  );

  r.post(
    "/api/v1/password-reset/confirm",
    {
      schema: {
        tags: ["session"],
        summary: "Set a new password with the mailed token; ends every session and signs in",
        body: z.object({ token: z.string(), password: z.string() }),
        response: { 200: z.object({ user: MeJson }), ...errors },
      },
    },
    async (req, reply) => {
      const notJson = requireJson(req, reply);
      if (notJson) return notJson;
      const res = await resetPassword(ctx, req.body, requestMeta(req));
      if (!res.ok) return sendApiError(req, reply, res);
      signIn(reply, res.value.token);
      const user = await findUserById(ctx.db, res.value.userId);
      return { user: presentMe(user!) };
    },
  );
}
