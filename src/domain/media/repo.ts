import { toDate, toJson } from "../../db/codec.js";
import type { Tx } from "../ctx.js";
import { type UploadView, uploadUrl } from "./types.js";

export interface UploadRecord {
  id: number;
  key: string;
  userId: number | null;
  kind: "image" | "file";
  mime: string;
  ext: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Widths of the smaller WebP copies that exist. */
  variants: number[];
  sha256: string;
  createdAt: Date;
}

type Row = { id: number; key: string; user_id: number | null; kind: string; mime: string; ext: string; name: string; size: number; width: number | null; height: number | null; variants: unknown; sha256: string; created_at: Date | string };

const toUpload = (r: Row): UploadRecord => ({
  id: r.id,
  key: r.key,
  userId: r.user_id,
  kind: r.kind === "image" ? "image" : "file",
  mime: r.mime,
  ext: r.ext,
  name: r.name,
  size: Number(r.size),
  width: r.width === null ? null : Number(r.width),
  height: r.height === null ? null : Number(r.height),
  variants: toJson<number[]>(r.variants) ?? [],
  sha256: r.sha256,
  createdAt: toDate(r.created_at),
});

/** Storage keys: the stored file and each smaller copy, under a two-character fan-out directory. */
export const storageKey = (key: string, what: "full" | "file" | number, ext = "") =>
  `${key.slice(0, 2)}/${key}/${typeof what === "number" ? `w${what}.webp` : what === "full" ? `full.${ext}` : "file"}`;

export function presentUpload(u: UploadRecord): UploadView {
  const url = uploadUrl(u.key, u.name);
  const label = u.kind === "image" ? u.name.replace(/\.[^.]+$/, "") : u.name;
  const safe = label.replace(/[[\]\\]/g, "");
  return { id: u.id, key: u.key, kind: u.kind, name: u.name, mime: u.mime, size: u.size, width: u.width, height: u.height, url, markdown: u.kind === "image" ? `![${safe}](${url})` : `[${safe}](${url})` };
}

export async function insertUpload(db: Tx, u: Omit<UploadRecord, "id">): Promise<UploadRecord> {
  const r = await db
    .insertInto("uploads")
    .values({ key: u.key, user_id: u.userId, kind: u.kind, mime: u.mime, ext: u.ext, name: u.name, size: u.size, width: u.width, height: u.height, variants: JSON.stringify(u.variants), sha256: u.sha256, created_at: u.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ...u, id: r.id };
}

export async function findUpload(db: Tx, key: string): Promise<UploadRecord | null> {
  const r = await db.selectFrom("uploads").selectAll().where("key", "=", key).executeTakeFirst();
  return r ? toUpload(r) : null;
}

export async function uploadsByKeys(db: Tx, keys: string[]): Promise<Map<string, UploadRecord>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom("uploads").selectAll().where("key", "in", keys).execute();
  return new Map(rows.map((r) => [r.key, toUpload(r)]));
}

/** Makes the post's uploads exactly these (a post edited to drop an image no longer shares it). */
export async function setPostUploads(db: Tx, postId: number, uploadIds: number[]): Promise<void> {
  await db.deleteFrom("upload_refs").where("post_id", "=", postId).execute();
  if (uploadIds.length > 0) await db.insertInto("upload_refs").values([...new Set(uploadIds)].map((upload_id) => ({ upload_id, post_id: postId }))).execute();
}

/** The posts that use an upload (at most 50), with what deciding who may see them needs. */
export async function postsUsing(db: Tx, uploadId: number): Promise<Array<{ postId: number; topicId: number; postDeleted: boolean }>> {
  const rows = await db
    .selectFrom("upload_refs as r")
    .innerJoin("posts as p", "p.id", "r.post_id")
    .select(["p.id", "p.topic_id", "p.deleted_at"])
    .where("r.upload_id", "=", uploadId)
    .limit(50)
    .execute();
  return rows.map((r) => ({ postId: r.id, topicId: r.topic_id, postDeleted: r.deleted_at !== null }));
}

export interface LinkPreview {
  url: string;
  status: "ok" | "failed" | "blocked";
  title: string;
  description: string;
  siteName: string;
  fetchedAt: Date;
}

export async function linkPreviews(db: Tx, urls: string[]): Promise<Map<string, LinkPreview>> {
  if (urls.length === 0) return new Map();
  const rows = await db.selectFrom("link_previews").selectAll().where("url", "in", urls).execute();
  return new Map(rows.map((r) => [r.url, { url: r.url, status: r.status as LinkPreview["status"], title: r.title, description: r.description, siteName: r.site_name, fetchedAt: toDate(r.fetched_at) }]));
}

export async function saveLinkPreview(db: Tx, p: Omit<LinkPreview, "fetchedAt">, now: Date): Promise<void> {
  const values = { status: p.status, title: p.title, description: p.description, site_name: p.siteName, fetched_at: now };
  await db
    .insertInto("link_previews")
    .values({ url: p.url, ...values })
    .onConflict((oc) => oc.column("url").doUpdateSet(values))
    .execute();
}
