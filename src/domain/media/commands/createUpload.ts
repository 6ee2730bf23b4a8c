import type Sharp from "sharp";
import crypto from "node:crypto";
import { type Actor, isUser } from "../../actor.js";
import { canWrite } from "../../community/policy.js";
import { postingLimit } from "../../content/rateLimits.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { type UploadRecord, insertUpload, presentUpload, storageKey } from "../repo.js";
import { FILE_TYPES, IMAGE_CONTENT, IMAGE_MAX_PIXELS, IMAGE_MAX_SIDE, IMAGE_WIDTHS, type UploadView, cleanName, extensionOf, sniff } from "../types.js";
import { onDemand } from "../../../lib/onDemand.js";

const loadSharp = onDemand<typeof Sharp>("sharp");

export interface UploadInput {
  /** The name the member's computer gave it. */
  filename: string;
  data: Buffer;
  /** True when the file was longer than the server reads (it was cut off). */
  truncated?: boolean;
}

const field = (key: string, params?: Record<string, string | number>) => ({ fields: { file: { key, params } } });

/** Re-encodes an image in its own format without its metadata (EXIF, GPS, camera), upright, at most IMAGE_MAX_SIDE. */
async function reencode(data: Buffer, content: string) {
  const input = loadSharp()(data, { limitInputPixels: IMAGE_MAX_PIXELS, animated: content === "gif" || content === "webp" }).rotate();
  const resized = input.resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: "inside", withoutEnlargement: true });
  const encoded =
    content === "jpeg" ? resized.jpeg({ quality: 84, mozjpeg: true }) : content === "png" ? resized.png({ compressionLevel: 9 }) : content === "gif" ? resized.gif() : resized.webp({ quality: 82 });
  const { data: out, info } = await encoded.toBuffer({ resolveWithObject: true });
  // Animated images report the height of all frames together; pages need one frame's.
  const height = info.pageHeight ?? info.height;
  return { out, width: info.width, height };
}

/**
 * Stores a member's file. The type comes from the bytes, and must match the name's extension and
 * the admins' list (`uploadTypes`); the size must be within `uploadMaxMb`. Images are decoded and
 * re-encoded (EXIF and other metadata dropped, turned upright, at most 2560 px), with smaller WebP
 * copies for narrow screens; their size is stored so pages keep their layout while they load.
 * Fails (field `file`): invalid (too large, a type not allowed, content that does not match the
 * name, an image that cannot be read or has too many pixels), unauthenticated, forbidden, rate_limited.
 */
export async function createUpload(ctx: Ctx, actor: Actor, input: UploadInput): Promise<Result<UploadView>> {
  if (!isUser(actor)) return err("unauthenticated");
  if (!canWrite(actor)) return err("forbidden", actor.emailVerified ? "errors:suspended" : "errors:verifyEmailFirst");
  const settings = await ctx.cache.settings();
  const name = cleanName(input.filename);
  const ext = extensionOf(name);
  const params = { name, max: settings.uploadMaxMb };
  if (input.truncated || input.data.length > settings.uploadMaxMb * 1024 * 1024) return err("invalid", "media:errors.tooLarge", { params, ...field("validation.fileTooLarge", params) });
  if (input.data.length === 0) return err("invalid", "media:errors.empty", { params, ...field("validation.fileEmpty") });
  const type = FILE_TYPES[ext];
  if (!type || !settings.uploadTypes.includes(ext)) {
    const types = settings.uploadTypes.join(", ");
    return err("invalid", "media:errors.typeNotAllowed", { params: { name, types }, ...field("validation.fileType", { types }) });
  }
  if (sniff(input.data) !== type.content) return err("invalid", "media:errors.contentMismatch", { params: { name, ext }, ...field("validation.fileContent", { ext }) });
  const limited = await postingLimit(ctx, actor, "upload");
  if (limited) return limited;

  const key = crypto.randomBytes(12).toString("base64url");
  const now = ctx.clock();
  let record: Omit<UploadRecord, "id">;
  if (IMAGE_CONTENT.has(type.content)) {
    let image: Awaited<ReturnType<typeof reencode>>;
    try {
      image = await reencode(input.data, type.content);
    } catch (e) {
      const tooBig = /pixel limit/i.test(String((e as Error).message));
      return err("invalid", tooBig ? "media:errors.imageTooLarge" : "media:errors.imageBroken", { params, ...field(tooBig ? "validation.imageTooLarge" : "validation.imageBroken") });
    }
    const variants = IMAGE_WIDTHS.filter((w) => w < image.width);
    await ctx.storage.put(storageKey(key, "full", ext), image.out);
    for (const w of variants) {
      const copy = await loadSharp()(image.out, { animated: true }).resize({ width: w }).webp({ quality: 80 }).toBuffer();
      await ctx.storage.put(storageKey(key, w), copy);
    }
    record = { key, userId: actor.id, kind: "image", mime: type.mime, ext, name, size: image.out.length, width: image.width, height: image.height, variants, sha256: sha(image.out), createdAt: now };
  } else {
    await ctx.storage.put(storageKey(key, "file"), input.data);
    record = { key, userId: actor.id, kind: "file", mime: type.mime, ext, name, size: input.data.length, width: null, height: null, variants: [], sha256: sha(input.data), createdAt: now };
  }
  const saved = await insertUpload(ctx.db, record);
  return ok(presentUpload(saved));
}

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
