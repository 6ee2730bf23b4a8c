import path from "node:path";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import helmet from "helmet";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest, LogController } from "fastify";
import type { z } from "zod";
import type { Ctx } from "../domain/ctx.js";
import { rootDir } from "../lib/paths.js";
import type { ErrorCode, Failure, FieldError } from "../lib/result.js";
import { issueToFieldError } from "../lib/validation.js";
import { HARD_MAX_MB } from "../domain/media/types.js";
import { registerApi } from "./api/index.js";
import { registerDocs } from "./docs.js";
import { sendApiError } from "./errors.js";
import { csrfValid, isUnsafe, registerRequestContext } from "./middleware/requestContext.js";
import { registerPages } from "./pages/index.js";
import { PageCache } from "./pageCache.js";
import { sendErrorPage } from "./pages/errorPage.js";

/** Carries field errors from route schema validation to the error handler. */
class InputError extends Error {
  constructor(readonly fields: Record<string, FieldError>) {
    super("invalid input");
  }
}

const isApi = (req: FastifyRequest) => req.url.startsWith("/api/");

/**
 * The HTTP server: security headers, cookies, forms, static assets, API docs, request context,
 * CSRF, then the JSON API and the pages. Error codes become statuses in one place (errors.ts).
 */
export async function buildServer(ctx: Ctx): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    // Per-request log lines cost throughput; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
  }) as unknown as FastifyInstance;

  // Route schemas are zod: they type the handlers, document the API and validate input into our
  // own error shape. Responses are plain JSON.stringify (schemas there are documentation only).
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const r = (schema as z.ZodType).safeParse(data, { reportInput: true });
    if (r.success) return { value: r.data };
    const fields: Record<string, FieldError> = {};
    for (const issue of r.error.issues) {
      const key = issue.path.map(String).join(".") || "_";
      fields[key] ??= issueToFieldError(issue);
    }
    return { error: new InputError(fields) };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(cookie);
  await app.register(formbody);
  // Multipart forms (composers with files) arrive as plain fields plus files as {filename, data,
  // truncated}; a file over the hard limit is cut off and flagged, so the form can say why and
  // keep the text (see attachments.ts).
  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    throwFileSizeLimit: false,
    limits: { fileSize: HARD_MAX_MB * 1024 * 1024, files: 10, fields: 200, fieldSize: 1024 * 1024, parts: 220 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: unknown }).value = { filename: part.filename ?? "", data, truncated: part.file.truncated };
    },
  });
  // Security headers (CSP and the rest), built once: the middleware sets the same headers on every
  // response, and building it per request (as the Fastify plugin does) parses the policy each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        // Video embeds load only when clicked, from the privacy-enhanced players.
        frameSrc: ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: ctx.config.secureCookies,
  });
  app.addHook("onRequest", (req, reply, done) => securityHeaders(req.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
  await app.register(fastifyStatic, {
    root: path.join(rootDir, "dist", "public", "assets"),
    prefix: "/assets/",
    immutable: true,
    maxAge: "365d",
    wildcard: true,
    decorateReply: false,
  });

  registerRequestContext(app, ctx);
  app.addHook("preHandler", async (req, reply) => {
    // API keys carry no ambient credentials, and an API call without a session has none to forge.
    if (!isUnsafe(req) || req.auth === "apiKey" || (isApi(req) && req.auth === "none")) return;
    if (!csrfValid(req)) {
      const f: Failure = { ok: false, code: "forbidden", messageKey: "errors:csrf" };
      if (isApi(req)) return sendApiError(req, reply, f);
      return sendErrorPage(ctx, req, reply, f);
    }
  });

  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    let f: Failure | null = null;
    if (error instanceof InputError) f = { ok: false, code: "invalid", fields: error.fields };
    else if (error.statusCode && error.statusCode < 500) f = { ok: false, code: statusCode(error.statusCode), messageKey: `errors:${statusCode(error.statusCode)}` };
    if (f) {
      if (!req.t) return reply.status(error.statusCode ?? 400).send({ error: { code: f.code, message: error.message } });
      return isApi(req) || !req.actor ? sendApiError(req, reply, f) : sendErrorPage(ctx, req, reply, f);
    }
    req.log.error({ err: error, url: req.url }, "request failed");
    if (isApi(req) || !req.t) return reply.status(500).send({ error: { code: "internal", message: req.t ? req.t("errors:internal") : "Internal error" } });
    return sendErrorPage(ctx, req, reply, null);
  });

  app.setNotFoundHandler(async (req, reply) => {
    const f: Failure = { ok: false, code: "not_found" };
    if (!req.t) return reply.status(404).send({ error: { code: "not_found", message: "Not found" } });
    return isApi(req) ? sendApiError(req, reply, f) : sendErrorPage(ctx, req, reply, f);
  });

  app.get("/healthz", async () => ({ status: "ok", db: ctx.engine }));
  await registerDocs(app);
  app.decorate("pageCache", new PageCache(ctx));
  // A write that went through (a form or an API call) may change what any page shows, even one
  // that commits outside a transaction (profile, preferences): cached pages are retired.
  app.addHook("onSend", (req, reply, payload, done) => {
    done(null, app.pageCache.capture(req, reply, payload));
  });
  app.addHook("onResponse", async (req, reply) => {
    if (isUnsafe(req) && reply.statusCode < 400) ctx.cache.invalidate("pages");
  });
  await registerApi(app, ctx);
  await registerPages(app, ctx);
  for (const register of ctx.hooks.routes()) await register(app, ctx);
  return app;
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "invalid";
}
