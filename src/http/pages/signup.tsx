import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { signUp } from "../../domain/accounts/commands/signUp.js";
import { SESSION_DAYS } from "../../domain/accounts/sessions.js";
import type { Ctx } from "../../domain/ctx.js";
import { Csrf, Field, FormError } from "../../render/components/common.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { type FormFailure, formFailure, formValue } from "./accountForms.js";

interface SignUpForm {
  username: string;
  email: string;
  name: string;
  next: string;
}

async function renderSignUp(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: SignUpForm, failure?: FormFailure) {
  const fields = failure?.fields ?? {};
  return sendPage(
    ctx,
    req,
    reply,
    ({ t, site }) => (
      <section class="form-page auth-page signup-page">
        <h1>{t("accounts:signup.title")}</h1>
        <p class="page-lead">{t("accounts:signup.lead", { site: site.name })}</p>
        <FormError message={failure?.message} />
        <form method="post" action="/signup" class="stacked-form">
          <Csrf />
          <input type="hidden" name="next" value={form.next} />
          <Field name="username" label={t("accounts:username")} value={form.username} error={fields.username} required maxLength={30} autocomplete="username" hint={t("accounts:usernameHint")} autofocus />
          <Field name="email" label={t("accounts:email")} type="email" value={form.email} error={fields.email} required maxLength={254} autocomplete="email" />
          <Field name="name" label={t("accounts:displayName")} value={form.name} error={fields.name} maxLength={60} autocomplete="name" hint={t("accounts:displayNameHint")} />
          <Field name="password" label={t("accounts:password")} type="password" error={fields.password} required minLength={8} autocomplete="new-password" hint={t("accounts:passwordHint")} />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("accounts:signup.submit")}
            </button>
          </div>
        </form>
        <p class="auth-links">
          {t("accounts:signup.haveAccount")} <a href={`/login?next=${encodeURIComponent(form.next)}`}>{t("accounts:login.title")}</a>
        </p>
      </section>
    ),
    { title: req.t("accounts:signup.title"), status: failure?.status ?? 200, seo: { canonical: "/signup", noindex: true } },
  );
}

/** `/signup`: a visitor creates an account and is signed in at once (posting waits for the e-mail link). */
export function signUpPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { next?: string } }>("/signup", async (req, reply) => {
    if (req.actor.kind === "user") return redirectLocal(reply, req.query.next);
    return renderSignUp(ctx, req, reply, { username: "", email: "", name: "", next: req.query.next ?? "/" });
  });

  app.post("/signup", async (req, reply) => {
    const b = req.body;
    const form: SignUpForm = { username: formValue(b, "username"), email: formValue(b, "email"), name: formValue(b, "name"), next: formValue(b, "next") || "/" };
    const res = await signUp(ctx, req.actor, { ...form, password: formValue(b, "password"), locale: req.locale }, requestMeta(req));
    if (!res.ok) return renderSignUp(ctx, req, reply, form, formFailure(req, reply, res));
    reply.setCookie(SESSION_COOKIE, res.value.token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));
    setFlash(reply, "accounts:flash.signedUp");
    return redirectLocal(reply, form.next);
  });
}
