import { z } from "zod";
import type { UserSummary } from "../accounts/types.js";
import { registerTopicType } from "../content/contentTypes.js";
import { findPost, userSummaries } from "../content/repo.js";
import type { UserActor } from "../actor.js";
import type { Tx } from "../ctx.js";
import { type UploadRecord, findUpload } from "../media/repo.js";
import { type Failure, err } from "../../lib/result.js";
import { ARTICLE_KINDS, type ArticleKind, type Cover, articleRow, articleRows, insertArticle, updateArticle } from "./repo.js";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** An article's own fields: its kind, a lead of up to 300 characters and a cover image (an upload's key). */
export const ArticleFields = z.object({
  kind: z.preprocess((v) => (v === "" || v === undefined ? "blog" : v), z.enum(ARTICLE_KINDS)),
  summary: z.preprocess((v) => v ?? "", z.string().trim().max(300)),
  coverKey: z.preprocess(blankToNull, z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, { error: "validation.coverImage" }).nullable()),
  /** Drops the cover (a kept or current one): a checkbox in forms, `true` in JSON. */
  removeCover: z.preprocess((v) => v === true || v === "1" || v === "on" || v === "true", z.boolean()),
});
export type ArticleFieldValues = z.output<typeof ArticleFields>;

/** Minutes to read: about 500 characters a minute of Japanese (and other CJK), 200 words of the rest. */
export function readingMinutes(text: string): number {
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const words = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, " ").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.round(cjk / 500 + words / 200));
}

declare module "../content/contentTypes.js" {
  interface TopicTypeDataMap {
    article: {
      kind: ArticleKind;
      summary: string;
      cover: Cover | null;
      readingMinutes: number;
      /** The byline: who wrote it (name, avatar, title, staff badge). */
      author: UserSummary | null;
    };
  }
  interface TopicTypeSummaryMap {
    article: { kind: ArticleKind; summary: string; cover: Cover | null };
  }
}

const coverRefused = (): Failure => err("invalid", "articles:errors.cover", { fields: { "article.cover": { key: "validation.coverImage" } } });

/** The cover an article's fields ask for: none, or one's own uploaded image (a cover cannot borrow someone else's private file). */
async function chosenCover(db: Tx, actor: UserActor, fields: ArticleFieldValues): Promise<UploadRecord | null | Failure> {
  if (!fields.coverKey || fields.removeCover) return null;
  const upload = await findUpload(db, fields.coverKey);
  return upload && upload.kind === "image" && upload.userId === actor.id ? upload : coverRefused();
}

/** Articles: long-form posts with a kind, a lead, a cover image and a byline. */
registerTopicType<ArticleFieldValues>({
  type: "article",
  fields: ArticleFields,
  async validate(ctx, actor, fields) {
    const cover = await chosenCover(ctx.db, actor, fields);
    return cover && "ok" in cover ? cover : null;
  },
  async onCreate(trx, _ctx, actor, created, fields) {
    const cover = await chosenCover(trx, actor, fields);
    if (cover && "ok" in cover) return cover;
    await insertArticle(trx, { topicId: created.topicId, postId: created.postId, kind: fields.kind, summary: fields.summary, coverUploadId: cover?.id ?? null });
  },
  async editValues(ctx, topicId) {
    const a = await articleRow(ctx.db, topicId);
    return a ? { kind: a.kind, summary: a.summary, coverKey: a.coverKey ?? "" } : null;
  },
  async onEdit(trx, _ctx, actor, topic, fields) {
    const before = await articleRow(trx, topic.topicId);
    // Keeping the current cover needs no ownership: a moderator may edit someone's article and leave its cover.
    const kept = before?.coverKey && fields.coverKey === before.coverKey && !fields.removeCover;
    const cover = kept ? await findUpload(trx, before.coverKey!) : await chosenCover(trx, actor, fields);
    if (cover && "ok" in cover) return cover;
    const after = { kind: fields.kind, summary: fields.summary, coverUploadId: cover?.id ?? null };
    if (!before) {
      await insertArticle(trx, { topicId: topic.topicId, postId: topic.postId, ...after });
      return true;
    }
    if (before.kind === after.kind && before.summary === after.summary && before.coverUploadId === after.coverUploadId) return false;
    await updateArticle(trx, { topicId: topic.topicId, postId: topic.postId, ...after });
    return true;
  },
  async loadTopic(ctx, _actor, { topic, firstPostId }) {
    const [rows, post, authors] = await Promise.all([articleRows(ctx.db, [topic.id]), findPost(ctx.db, firstPostId), userSummaries(ctx.db, [topic.userId])]);
    const a = rows.get(topic.id);
    if (!a) return null;
    return { type: "article", kind: a.kind, summary: a.summary, cover: a.cover, readingMinutes: readingMinutes(post?.body ?? ""), author: authors.get(topic.userId) ?? null };
  },
  async loadSummaries(ctx, _actor, topicIds) {
    const rows = await articleRows(ctx.db, topicIds);
    return new Map([...rows].map(([id, a]) => [id, { type: "article" as const, kind: a.kind, summary: a.summary, cover: a.cover }]));
  },
});
