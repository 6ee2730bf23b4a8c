import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { logIn } from "../../domain/accounts/commands/logIn.js";
import { SESSION_DAYS, destroySession } from "../../domain/accounts/sessions.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Failure } from "../../lib/result.js";
import { Csrf, Field, FormError } from "../../render/components/common.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";

async function renderLogin(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: { login: string; next: string }, failure?: Failure) {
  const fields = translateFields(req.t, failure?.fields) ?? {};
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page auth-page">
        <h1>{t("accounts:login.title")}</h1>
        <FormError message={failure ? failureMessage(t, failure) : undefined} />
        <form method="post" action="/login" class="stacked-form">
          <Csrf />
          <input type="hidden" name="next" value={form.next} />
          <Field name="login" label={t("accounts:login.login")} value={form.login} error={fields.login} required autocomplete="username" autofocus />
          <Field name="password" label={t("accounts:password")} type="password" error={fields.password} required autocomplete="current-password" />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("accounts:login.submit")}
            </button>
          </div>
        </form>
        <p class="auth-links">
          <a href="/forgot-password">{t("accounts:login.forgot")}</a> · <a href="/signup">{t("accounts:login.noAccount")}</a>
        </p>
      </section>
    ),
    { title: req.t("accounts:login.title"), status: failure ? STATUS[failure.code] : 200, seo: { noindex: true } },
  );
}

export function authPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { next?: string } }>("/login", async (req, reply) => {
    if (req.actor.kind === "user") return redirectLocal(reply, req.query.next);
    return renderLogin(ctx, req, reply, { login: "", next: req.query.next ?? "/" });
  });

  app.post<{ Body: { login?: string; password?: string; next?: string } }>("/login", async (req, reply) => {
    const form = { login: String(req.body?.login ?? ""), next: String(req.body?.next ?? "/") };
    const res = await logIn(ctx, { login: form.login, password: String(req.body?.password ?? "") }, requestMeta(req));
    if (!res.ok) {
      if (res.code === "rate_limited") reply.header("retry-after", String(res.params?.retryAfter ?? 60));
      return renderLogin(ctx, req, reply, form, res);
    }
    reply.setCookie(SESSION_COOKIE, res.value.token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));
    return redirectLocal(reply, form.next);
  });

  app.post("/logout", async (req, reply) => {
    if (req.sessionToken) await destroySession(ctx, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    setFlash(reply, "flash.loggedOut", "info");
    return reply.redirect("/", 303);
  });
}
