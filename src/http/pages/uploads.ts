import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { readUpload } from "../../domain/media/queries/readUpload.js";
import { sendErrorPage } from "./errorPage.js";

/**
 * Uploaded files. Each answers only to readers who may see a post using it (or its uploader), so
 * a private category's images stay private. Images show inline; other files download, never run
 * in the site's origin (`Content-Disposition: attachment`, a CSP that allows nothing).
 */
export function uploadPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { key: string; name: string }; Querystring: { w?: string } }>("/uploads/:key/:name", async (req, reply) => {
    const width = req.query.w ? Number(req.query.w) : undefined;
    const res = await readUpload(ctx, req.actor, req.params.key, Number.isInteger(width) ? width : undefined);
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    const f = res.value;
    reply
      .header("content-type", f.mime)
      .header("content-length", String(f.data.length))
      .header("content-security-policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header("cross-origin-resource-policy", "same-origin")
      .header("cache-control", f.isPublic ? "public, max-age=31536000, immutable" : "private, max-age=86400");
    if (f.kind === "file") reply.header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
    return reply.send(f.data);
  });
}
