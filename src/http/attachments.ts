import type { FastifyRequest } from "fastify";
import type { Ctx } from "../domain/ctx.js";
import { createUpload } from "../domain/media/commands/createUpload.js";
import type { Failure } from "../lib/result.js";

/** A file of a multipart form, as the multipart parser hands it over (see server.ts). */
export interface FormFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export const isFormFile = (v: unknown): v is FormFile => typeof v === "object" && v !== null && Buffer.isBuffer((v as FormFile).data) && typeof (v as FormFile).filename === "string";

/** The files a form sent under `name` (none, one or several), and the body without them. */
export function takeFiles(body: unknown, name = "files"): FormFile[] {
  if (!body || typeof body !== "object") return [];
  const b = body as Record<string, unknown>;
  const values = [b[name]].flat();
  if (!values.some(isFormFile)) return [];
  delete b[name];
  return values.filter(isFormFile).filter((f) => f.filename !== "");
}

/**
 * Stores the files a composer form sent and adds each one's Markdown to the end of its `body`
 * field, so a form without JavaScript attaches files as the post is sent. The first refused file
 * stops the rest: the failure names the field `files` and the typed text is left as it was (plus
 * any files stored before it, already in the text, so nothing is lost).
 */
export async function attachFormFiles(ctx: Ctx, req: FastifyRequest): Promise<Failure | null> {
  const files = takeFiles(req.body);
  const body = req.body as Record<string, unknown>;
  for (const file of files) {
    const res = await createUpload(ctx, req.actor, file);
    if (!res.ok) return { ...res, fields: res.fields?.file ? { files: res.fields.file } : res.fields };
    const text = String(body.body ?? "").replace(/\s+$/, "");
    body.body = `${text}${text ? "\n\n" : ""}${res.value.markdown}`;
  }
  return null;
}

/**
 * A content type's own file fields (`article.cover`): each file is stored and its field replaced
 * by `<field>Key` with the upload's key, which the type's fields take. A refused file fails with
 * that field's name; a key kept from an earlier try (a hidden field) stays when no new file came.
 */
export async function attachFieldFiles(ctx: Ctx, req: FastifyRequest): Promise<Failure | null> {
  const body = req.body as Record<string, unknown> | undefined;
  if (!body) return null;
  for (const name of Object.keys(body).filter((k) => k.includes(".") && k !== "files")) {
    const [file] = takeFiles(body, name);
    if (!file) continue;
    const res = await createUpload(ctx, req.actor, file);
    if (!res.ok) return { ...res, fields: res.fields?.file ? { [name]: res.fields.file } : res.fields };
    body[`${name}Key`] = res.value.key;
  }
  return null;
}
