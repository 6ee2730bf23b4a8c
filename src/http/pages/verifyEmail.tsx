import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { resendVerification } from "../../domain/accounts/commands/resendVerification.js";
import { verifyEmail } from "../../domain/accounts/commands/verifyEmail.js";
import { findUserById } from "../../domain/accounts/repo.js";
import type { Ctx } from "../../domain/ctx.js";
import { Csrf, Field, FormError, Notice } from "../../render/components/common.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { requestMeta } from "../middleware/requestContext.js";
import { type FormFailure, formFailure, formValue } from "./accountForms.js";

async function renderVerify(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, email: string, failure?: FormFailure) {
  const user = req.actor.kind === "user" ? await findUserById(ctx.db, req.actor.id) : null;
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page auth-page verify-page">
        <h1>{t("accounts:verify.title")}</h1>
        <FormError message={failure?.message} />
        {user?.emailVerified ? (
          <Notice kind="success">{t("accounts:verify.alreadyVerified")}</Notice>
        ) : user ? (
          <>
            <p>{t("accounts:verify.pending", { email: user.email })}</p>
            <form method="post" action="/verify-email/resend" class="stacked-form">
              <Csrf />
              <div class="form-actions">
                <button type="submit" class="button button-primary">
                  {t("accounts:verify.resend")}
                </button>
                <a href="/settings#email">{t("accounts:verify.wrongAddress")}</a>
              </div>
            </form>
          </>
        ) : (
          <>
            <p>{t("accounts:verify.anonymousLead")}</p>
            <form method="post" action="/verify-email/resend" class="stacked-form">
              <Csrf />
              <Field name="email" label={t("accounts:email")} type="email" value={email} error={failure?.fields.email} required autocomplete="email" />
              <div class="form-actions">
                <button type="submit" class="button button-primary">
                  {t("accounts:verify.resend")}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
    ),
    { title: req.t("accounts:verify.title"), status: failure?.status ?? 200, seo: { noindex: true } },
  );
}

/**
 * `/verify-email?token=…` confirms an address from the mailed link (then back home, or to log in);
 * without a token, or with a bad one, it explains and offers a new link. `/verify-email/resend`
 * sends one (from the page or the banner on every page).
 */
export function verifyEmailPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { token?: string } }>("/verify-email", async (req, reply) => {
    if (req.query.token === undefined) return renderVerify(ctx, req, reply, "");
    const res = await verifyEmail(ctx, { token: req.query.token });
    if (!res.ok) return renderVerify(ctx, req, reply, "", formFailure(req, reply, res));
    setFlash(reply, "accounts:flash.emailVerified");
    return reply.redirect(req.actor.kind === "user" ? "/" : "/login", 303);
  });

  app.post("/verify-email/resend", async (req, reply) => {
    const email = formValue(req.body, "email");
    const res = await resendVerification(ctx, req.actor, email ? { email } : {}, requestMeta(req));
    if (!res.ok) return renderVerify(ctx, req, reply, email, formFailure(req, reply, res));
    setFlash(reply, req.actor.kind === "user" ? "accounts:flash.verificationSent" : "accounts:flash.verificationSentIfExists", "info");
    return redirectLocal(reply, formValue(req.body, "next") || undefined, "/verify-email");
  });
}
