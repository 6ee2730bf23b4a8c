import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestPasswordReset } from "../../domain/accounts/commands/requestPasswordReset.js";
import { resetPassword } from "../../domain/accounts/commands/resetPassword.js";
import { SESSION_DAYS } from "../../domain/accounts/sessions.js";
import { checkUserToken } from "../../domain/accounts/userTokens.js";
import type { Ctx } from "../../domain/ctx.js";
import { err } from "../../lib/result.js";
import { Csrf, Field, FormError, Notice } from "../../render/components/common.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { sendPage, setFlash } from "../render.js";
import { type FormFailure, formFailure, formValue } from "./accountForms.js";

async function renderForgot(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, state: { email: string; sent: boolean }, failure?: FormFailure) {
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page auth-page forgot-page">
        <h1>{t("accounts:forgot.title")}</h1>
        {state.sent ? (
          <>
            <Notice kind="success">{t("accounts:forgot.sent")}</Notice>
            <p>{t("accounts:forgot.sentHelp")}</p>
            <p class="auth-links">
              <a href="/login">{t("accounts:forgot.backToLogin")}</a> · <a href="/forgot-password">{t("accounts:forgot.again")}</a>
            </p>
          </>
        ) : (
          <>
            <p class="page-lead">{t("accounts:forgot.lead")}</p>
            <FormError message={failure?.message} />
            <form method="post" action="/forgot-password" class="stacked-form">
              <Csrf />
              <Field name="email" label={t("accounts:email")} type="email" value={state.email} error={failure?.fields.email} required autocomplete="email" autofocus />
              <div class="form-actions">
                <button type="submit" class="button button-primary">
                  {t("accounts:forgot.submit")}
                </button>
              </div>
            </form>
            <p class="auth-links">
              <a href="/login">{t("accounts:forgot.backToLogin")}</a>
            </p>
          </>
        )}
      </section>
    ),
    { title: req.t("accounts:forgot.title"), status: failure?.status ?? 200, seo: { noindex: true } },
  );
}

async function renderReset(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, token: string, failure?: FormFailure, tokenProblem = false) {
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page auth-page reset-page">
        <h1>{t("accounts:reset.title")}</h1>
        <FormError message={failure?.message} />
        {tokenProblem ? (
          <p>
            <a class="button button-primary" href="/forgot-password">
              {t("accounts:reset.requestNew")}
            </a>
          </p>
        ) : (
          <form method="post" action="/reset-password" class="stacked-form">
            <Csrf />
            <input type="hidden" name="token" value={token} />
            <Field name="password" label={t("accounts:reset.newPassword")} type="password" error={failure?.fields.password} required minLength={8} autocomplete="new-password" hint={t("accounts:passwordHint")} autofocus />
            <div class="form-actions">
              <button type="submit" class="button button-primary">
                {t("accounts:reset.submit")}
              </button>
            </div>
          </form>
        )}
      </section>
    ),
    { title: req.t("accounts:reset.title"), status: failure?.status ?? 200, seo: { noindex: true } },
  );
}

/**
 * `/forgot-password` mails a reset link and answers the same whether or not the address has an
 * account; `/reset-password?token=…` sets a new password (opening the link uses nothing up, so
 * mail scanners that fetch links cannot spend it).
 */
export function passwordResetPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { sent?: string } }>("/forgot-password", async (req, reply) =>
    renderForgot(ctx, req, reply, { email: "", sent: req.query.sent === "1" }),
  );

  app.post("/forgot-password", async (req, reply) => {
    const email = formValue(req.body, "email");
    const res = await requestPasswordReset(ctx, { email }, requestMeta(req));
    if (!res.ok) return renderForgot(ctx, req, reply, { email, sent: false }, formFailure(req, reply, res));
    return reply.redirect("/forgot-password?sent=1", 303);
  });

  app.get<{ Querystring: { token?: string } }>("/reset-password", async (req, reply) => {
    const token = req.query.token ?? "";
    const checked = token ? await checkUserToken(ctx, token, "reset_password") : err("invalid", "accounts:token.missing");
    if (!checked.ok) return renderReset(ctx, req, reply, "", formFailure(req, reply, checked), true);
    return renderReset(ctx, req, reply, token);
  });

  app.post("/reset-password", async (req, reply) => {
    const token = formValue(req.body, "token");
    const res = await resetPassword(ctx, { token, password: formValue(req.body, "password") }, requestMeta(req));
    if (!res.ok) return renderReset(ctx, req, reply, token, formFailure(req, reply, res), !res.fields?.password);
    reply.setCookie(SESSION_COOKIE, res.value.token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));
    setFlash(reply, "accounts:flash.passwordReset");
    return reply.redirect("/", 303);
  });
}
