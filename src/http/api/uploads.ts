import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { createUpload } from "../../domain/media/commands/createUpload.js";
import { takeFiles } from "../attachments.js";
import { sendApiError } from "../errors.js";
import { ErrorJson } from "./presenters.js";

export const UploadJson = z.object({
  id: z.number(),
  key: z.string(),
  kind: z.enum(["image", "file"]),
  name: z.string(),
  mime: z.string().describe("from the file's content, not its name"),
  size: z.number().describe("bytes stored (images: after re-encoding)"),
  width: z.number().nullable(),
  height: z.number().nullable(),
  url: z.string().describe("/uploads/<key>/<name>; images also answer ?w=480 and ?w=1200 when wider"),
  markdown: z.string().describe("what to put in a post's body to show it"),
});

/**
 * Uploads: `POST /api/v1/uploads` with a multipart form whose `file` field is the file. The
 * answer's `markdown` goes into a post's body; readers of that post may then fetch the file.
 */
export function uploadsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/uploads",
    {
      schema: {
        tags: ["uploads"],
        summary: "Upload an image or file (multipart/form-data, field `file`)",
        consumes: ["multipart/form-data"],
        response: { 201: UploadJson, 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 429: ErrorJson },
      },
    },
    async (req, reply) => {
      const [file] = takeFiles(req.body, "file");
      if (!file) return sendApiError(req, reply, { ok: false, code: "invalid", messageKey: "media:errors.noFile", fields: { file: { key: "validation.required" } } });
      const res = await createUpload(ctx, req.actor, file);
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.code(201).send(res.value);
    },
  );
}
