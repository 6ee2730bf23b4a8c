import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createSession } from "../../domain/accounts/sessions.js";
import { setupCommunity } from "../../domain/community/commands/setupCommunity.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Failure } from "../../lib/result.js";
import { Csrf, Field, FormError } from "../../render/components/common.js";
import { failureMessage, translateFields } from "../errors.js";
import { SESSION_COOKIE, cookieOptions, requestMeta } from "../middleware/requestContext.js";
import { sendPage, setFlash } from "../render.js";
import { SESSION_DAYS } from "../../domain/accounts/sessions.js";

interface Form {
  siteName: string;
  locale: string;
  username: string;
  email: string;
}

async function renderSetup(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Form, failure?: Failure, status = 200) {
  const fields = translateFields(req.t, failure?.fields) ?? {};
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page setup-page">
        <h1>{t("setup:title")}</h1>
        <p class="page-lead">{t("setup:lead")}</p>
        <FormError message={failure ? failureMessage(t, failure) : undefined} />
        <form method="post" action="/setup" class="stacked-form">
          <Csrf />
          <fieldset>
            <legend>{t("setup:community")}</legend>
            <Field name="siteName" label={t("setup:siteName")} value={form.siteName} error={fields.siteName} required maxLength={80} />
            <Field name="locale" label={t("setup:locale")} error={fields.locale}>
              <select id="f-locale" name="locale">
                <option value="ja" selected={form.locale === "ja"}>日本語</option>
                <option value="en" selected={form.locale === "en"}>English</option>
              </select>
            </Field>
          </fieldset>
          <fieldset>
            <legend>{t("setup:admin")}</legend>
            <Field name="username" label={t("accounts:username")} value={form.username} error={fields.username} required autocomplete="username" hint={t("accounts:usernameHint")} />
            <Field name="email" label={t("accounts:email")} type="email" value={form.email} error={fields.email} required autocomplete="email" />
            <Field name="password" label={t("accounts:password")} type="password" error={fields.password} required autocomplete="new-password" hint={t("accounts:passwordHint")} />
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("setup:submit")}
            </button>
          </div>
        </form>
      </section>
    ),
    { title: req.t("setup:title"), status, seo: { noindex: true } },
  );
}

/** The first-run page: creates the community and its first admin, then signs them in. */
export function setupPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/setup", async (req, reply) => {
    if (req.settings.setupDone) return reply.redirect("/", 303);
    return renderSetup(ctx, req, reply, { siteName: "", locale: req.locale, username: "", email: "" });
  });

  app.post<{ Body: Partial<Form & { password: string }> }>("/setup", async (req, reply) => {
    if (req.settings.setupDone) return reply.redirect("/", 303);
    const body = req.body ?? {};
    const form: Form = { siteName: String(body.siteName ?? ""), locale: String(body.locale ?? ""), username: String(body.username ?? ""), email: String(body.email ?? "") };
    const res = await setupCommunity(ctx, { ...form, password: String(body.password ?? "") });
    if (!res.ok) return renderSetup(ctx, req, reply, form, res, res.code === "conflict" ? 409 : 400);
    const token = await createSession(ctx, res.value.userId, requestMeta(req));
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx, { maxAge: SESSION_DAYS * 86400 }));
    setFlash(reply, "setup:done");
    return reply.redirect("/", 303);
  });
}
