import type { FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import type { Failure } from "../../lib/result.js";
import { STATUS, failureMessage } from "../errors.js";
import { sendPage } from "../render.js";

/** A themed error page for a failure (or an unexpected error when `f` is null). */
export async function sendErrorPage(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, f: Failure | null): Promise<FastifyReply> {
  const status = f ? STATUS[f.code] : 500;
  const message = f ? failureMessage(req.t, f) : req.t("errors:internal");
  const title = req.t(`errors:title.${f?.code ?? "internal"}`);
  return sendPage(
    ctx,
    req,
    reply,
    ({ t, path, viewer }) => (
      <section class="error-page">
        <h1>{title}</h1>
        <p>{message}</p>
        {f?.code === "unauthenticated" || (f?.code === "not_found" && !viewer) ? (
          <p>
            <a class="button button-primary" href={`/login?next=${encodeURIComponent(path)}`}>
              {t("nav.login")}
            </a>
          </p>
        ) : null}
        <p>
          <a href="/">{t("errors:backHome")}</a>
        </p>
      </section>
    ),
    { title, status, seo: { noindex: true } },
  );
}
