import { type Actor, anonymous, isModerator } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import { canSeeTopic } from "../../content/policy.js";
import { findTopic } from "../../content/repo.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { type UploadRecord, findUpload, postsUsing, storageKey } from "../repo.js";

/**
 * Whether a reader may fetch an upload: its uploader always (before any post uses it), anyone
 * else only through a post that uses it and that they may see. A private category's images stay
 * private; an image nobody posted stays the uploader's.
 */
export async function canSeeUpload(ctx: Ctx, actor: Actor, u: UploadRecord): Promise<boolean> {
  if (actor.kind === "user" && actor.id === u.userId) return true;
  for (const ref of await postsUsing(ctx.db, u.id)) {
    if (ref.postDeleted && !isModerator(actor)) continue;
    const topic = await findTopic(ctx.db, ref.topicId);
    const found = topic && (await accessTo(ctx, actor, topic.categoryId));
    if (topic && found && canSeeTopic(actor, topic, found.access)) return true;
  }
  return false;
}

export interface UploadFile {
  data: Buffer;
  mime: string;
  name: string;
  kind: "image" | "file";
  /** Visitors may see it too: it may be cached by anyone. */
  isPublic: boolean;
}

/**
 * The bytes of an upload for this reader: the stored file, or for images a smaller copy when
 * `width` names one. Fails: not_found (also when the reader may not see it).
 */
export async function readUpload(ctx: Ctx, actor: Actor, key: string, width?: number): Promise<Result<UploadFile>> {
  const u = /^[A-Za-z0-9_-]{8,40}$/.test(key) ? await findUpload(ctx.db, key) : null;
  if (!u || !(await canSeeUpload(ctx, actor, u))) return err("not_found", "media:errors.notFound");
  const variant = u.kind === "image" && width !== undefined && u.variants.includes(width) ? width : null;
  const data = await ctx.storage.get(variant ? storageKey(u.key, variant) : storageKey(u.key, u.kind === "image" ? "full" : "file", u.ext));
  if (!data) return err("not_found", "media:errors.notFound");
  const isPublic = actor.kind === "anonymous" || (await canSeeUpload(ctx, anonymous, u));
  return ok({ data, mime: variant ? "image/webp" : u.mime, name: u.name, kind: u.kind, isPublic });
}
