import type { Tx } from "../ctx.js";
import { type UploadRecord, uploadsByKeys } from "../media/repo.js";
import { uploadUrl } from "../media/types.js";

export const ARTICLE_KINDS = ["blog", "story", "announcement"] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
const kindOf = (v: string): ArticleKind => ((ARTICLE_KINDS as readonly string[]).includes(v) ? (v as ArticleKind) : "blog");

/** A cover image as pages draw it: its address, size and smaller copies. */
export interface Cover {
  url: string;
  width: number;
  height: number;
  /** `url?w=480 480w, …` when smaller copies exist. */
  srcset: string;
}

export const coverOf = (u: Pick<UploadRecord, "key" | "name" | "width" | "height" | "variants">): Cover => {
  const url = uploadUrl(u.key, u.name);
  const srcset = u.variants.length ? [...u.variants.map((w) => `${url}?w=${w} ${w}w`), `${url} ${u.width}w`].join(", ") : "";
  return { url, width: u.width ?? 0, height: u.height ?? 0, srcset };
};

export interface ArticleRecord {
  topicId: number;
  kind: ArticleKind;
  summary: string;
  cover: Cover | null;
}

export async function insertArticle(db: Tx, a: { topicId: number; postId: number; kind: ArticleKind; summary: string; coverUploadId: number | null }): Promise<void> {
  await db.insertInto("articles").values({ topic_id: a.topicId, kind: a.kind, summary: a.summary, cover_upload_id: a.coverUploadId }).execute();
  // The cover is shown with the article, so its readers may fetch it.
  if (a.coverUploadId !== null) await db.insertInto("upload_refs").values({ upload_id: a.coverUploadId, post_id: a.postId }).onConflict((oc) => oc.doNothing()).execute();
}

/** An article's row as stored (for editing): its cover by upload id and key. */
export async function articleRow(db: Tx, topicId: number): Promise<{ kind: ArticleKind; summary: string; coverUploadId: number | null; coverKey: string | null } | null> {
  const r = await db
    .selectFrom("articles as a")
    .leftJoin("uploads as u", "u.id", "a.cover_upload_id")
    .select(["a.kind", "a.summary", "a.cover_upload_id", "u.key"])
    .where("a.topic_id", "=", topicId)
    .executeTakeFirst();
  return r ? { kind: kindOf(r.kind), summary: r.summary, coverUploadId: r.cover_upload_id, coverKey: r.key } : null;
}

/** Changes an article's kind, lead and cover; a new cover becomes readable with the article. */
export async function updateArticle(db: Tx, a: { topicId: number; postId: number; kind: ArticleKind; summary: string; coverUploadId: number | null }): Promise<void> {
  await db.updateTable("articles").set({ kind: a.kind, summary: a.summary, cover_upload_id: a.coverUploadId }).where("topic_id", "=", a.topicId).execute();
  if (a.coverUploadId !== null) await db.insertInto("upload_refs").values({ upload_id: a.coverUploadId, post_id: a.postId }).onConflict((oc) => oc.doNothing()).execute();
}

/** Articles among these topics with their covers (two queries, whatever the count). */
export async function articleRows(db: Tx, topicIds: number[]): Promise<Map<number, ArticleRecord>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("articles as a")
    .leftJoin("uploads as u", "u.id", "a.cover_upload_id")
    .select(["a.topic_id", "a.kind", "a.summary", "u.key"])
    .where("a.topic_id", "in", topicIds)
    .execute();
  const uploads = await uploadsByKeys(db, rows.flatMap((r) => (r.key ? [r.key] : [])));
  return new Map(
    rows.map((r) => {
      const u = r.key ? uploads.get(r.key) : undefined;
      return [r.topic_id, { topicId: r.topic_id, kind: kindOf(r.kind), summary: r.summary, cover: u && u.kind === "image" ? coverOf(u) : null }];
    }),
  );
}
