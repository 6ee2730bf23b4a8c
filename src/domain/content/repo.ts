import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import { toBool, toDate, toDateOrNull } from "../../db/codec.js";
import type { DB } from "../../db/schema.js";
import type { Role } from "../actor.js";
import type { UserSummary } from "../accounts/types.js";
import type { Tx } from "../ctx.js";
import type { CategoryIndex } from "../community/siteCache.js";
import type { CategoryRef, Post, ReplyTarget, TopicListItem } from "./types.js";
import { topicUrl } from "./types.js";

/** The topic as stored, for commands and queries that go on to check policy. */
export interface TopicRecord {
  id: number;
  /** The content type (see contentTypes.ts), fixed when the topic was created. */
  type: string;
  categoryId: number;
  userId: number;
  title: string;
  slug: string;
  pinned: boolean;
  locked: boolean;
  deleted: boolean;
  replyCount: number;
  viewCount: number;
  highestPostNumber: number;
  createdAt: Date;
  lastPostedAt: Date;
}

const topicColumns = ["id", "type", "category_id", "user_id", "title", "slug", "pinned", "locked", "deleted_at", "reply_count", "view_count", "highest_post_number", "created_at", "last_posted_at"] as const;

type TopicRow = {
  id: number;
  type: string;
  category_id: number;
  user_id: number;
  title: string;
  slug: string;
  pinned: boolean | number;
  locked: boolean | number;
  deleted_at: Date | string | null;
  reply_count: number;
  view_count: number;
  highest_post_number: number;
  created_at: Date | string;
  last_posted_at: Date | string;
};

const toTopicRecord = (r: TopicRow): TopicRecord => ({
  id: r.id,
  type: r.type,
  categoryId: r.category_id,
  userId: r.user_id,
  title: r.title,
  slug: r.slug,
  pinned: toBool(r.pinned),
  locked: toBool(r.locked),
  deleted: r.deleted_at !== null,
  replyCount: r.reply_count,
  viewCount: r.view_count,
  highestPostNumber: r.highest_post_number,
  createdAt: toDate(r.created_at),
  lastPostedAt: toDate(r.last_posted_at),
});

export async function findTopic(db: Tx, id: number): Promise<TopicRecord | null> {
  const r = await db.selectFrom("topics").select(topicColumns).where("id", "=", id).executeTakeFirst();
  return r ? toTopicRecord(r) : null;
}

/** Several topics by id in one query (jobs that handle many posts at once). */
export async function findTopics(db: Tx, ids: number[]): Promise<Map<number, TopicRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("topics").select(topicColumns).where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toTopicRecord(r)]));
}

export interface PostRecord {
  id: number;
  topicId: number;
  userId: number;
  postNumber: number;
  body: string;
  replyToPostId: number | null;
  revision: number;
  deleted: boolean;
}

/** What the content policy needs to know about a post. */
export const postState = (p: PostRecord) => ({ authorId: p.userId, deleted: p.deleted, postNumber: p.postNumber });

const postColumns = ["id", "topic_id", "user_id", "post_number", "body", "reply_to_post_id", "revision", "deleted_at"] as const;

type PostRecordRow = {
  id: number;
  topic_id: number;
  user_id: number;
  post_number: number;
  body: string;
  reply_to_post_id: number | null;
  revision: number;
  deleted_at: Date | string | null;
};

const toPostRecord = (r: PostRecordRow): PostRecord => ({
  id: r.id,
  topicId: r.topic_id,
  userId: r.user_id,
  postNumber: r.post_number,
  body: r.body,
  replyToPostId: r.reply_to_post_id,
  revision: r.revision,
  deleted: r.deleted_at !== null,
});

export async function findPost(db: Tx, id: number): Promise<PostRecord | null> {
  const r = await db.selectFrom("posts").select(postColumns).where("id", "=", id).executeTakeFirst();
  return r ? toPostRecord(r) : null;
}

/** Several posts by id in one query, in id order (jobs that handle many posts at once). */
export async function findPosts(db: Tx, ids: number[]): Promise<PostRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("posts").select(postColumns).where("id", "in", [...new Set(ids)]).orderBy("id").execute();
  return rows.map(toPostRecord);
}

// ---- user summaries joined into lists -------------------------------------------------------

type UserCols = { username: string; name: string; title: string; role: string; staff: boolean | number };
const summary = (id: number, u: UserCols): UserSummary => ({
  id,
  username: u.username,
  name: u.name,
  title: u.title,
  role: u.role as Role,
  staff: toBool(u.staff),
});

export async function userSummaries(db: Tx, ids: number[]): Promise<Map<number, UserSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "username", "name", "title", "role", "staff"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, summary(r.id, r)]));
}

export function categoryRef(index: CategoryIndex, id: number): CategoryRef {
  const c = index.byId.get(id);
  return c
    ? { id: c.id, slug: c.slug, name: c.name, color: c.color, parentId: c.parentId }
    : { id, slug: "", name: "?", color: "#888888", parentId: null };
}

// ---- posts ----------------------------------------------------------------------------------

/** The id of a topic's first post (the question, the idea, the event's description…). */
export async function firstPostId(db: Tx, topicId: number): Promise<number | null> {
  const r = await db.selectFrom("posts").select("id").where("topic_id", "=", topicId).where("post_number", "=", 1).executeTakeFirst();
  return r?.id ?? null;
}

/** Options for reading posts: moderators still read the text of deleted posts. */
export interface PostReadOptions {
  revealDeleted?: boolean;
}

export async function listPosts(db: Tx, topicId: number, opts: { offset: number; limit: number } & PostReadOptions): Promise<Post[]> {
  const rows = await db
    .selectFrom("posts as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select([
      "p.id",
      "p.topic_id",
      "p.user_id",
      "p.post_number",
      "p.body",
      "p.cooked",
      "p.reply_to_post_id",
      "p.revision",
      "p.created_at",
      "p.updated_at",
      "p.edited_at",
      "p.deleted_at",
      "p.extensions",
      "u.username",
      "u.name",
      "u.title",
      "u.role",
      "u.staff",
    ])
    .where("p.topic_id", "=", topicId)
    .orderBy("p.post_number")
    .offset(opts.offset)
    .limit(opts.limit)
    .execute();
  return rows.map((r) => toPost(r, opts.revealDeleted === true));
}

export async function findPostView(db: Tx, postId: number, opts: PostReadOptions = {}): Promise<Post | null> {
  const r = await db
    .selectFrom("posts as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select([
      "p.id",
      "p.topic_id",
      "p.user_id",
      "p.post_number",
      "p.body",
      "p.cooked",
      "p.reply_to_post_id",
      "p.revision",
      "p.created_at",
      "p.updated_at",
      "p.edited_at",
      "p.deleted_at",
      "p.extensions",
      "u.username",
      "u.name",
      "u.title",
      "u.role",
      "u.staff",
    ])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  return r ? toPost(r, opts.revealDeleted === true) : null;
}

/** The posts that the given posts reply to, by id: number and author (no author once deleted). */
export async function replyTargets(db: Tx, ids: number[]): Promise<Map<number, ReplyTarget>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("posts as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select(["p.id", "p.post_number", "p.deleted_at", "u.username"])
    .where("p.id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { postId: r.id, postNumber: r.post_number, username: r.deleted_at === null ? r.username : null }]));
}

type PostRow = UserCols & {
  id: number;
  topic_id: number;
  user_id: number;
  post_number: number;
  body: string;
  cooked: string;
  reply_to_post_id: number | null;
  revision: number;
  created_at: Date | string;
  updated_at: Date | string;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  extensions: string;
};

function toPost(r: PostRow, revealDeleted: boolean): Post {
  const deleted = r.deleted_at !== null;
  const hide = deleted && !revealDeleted;
  return {
    id: r.id,
    topicId: r.topic_id,
    postNumber: r.post_number,
    author: summary(r.user_id, r),
    body: hide ? "" : r.body,
    cooked: hide ? "" : r.cooked,
    replyToPostId: r.reply_to_post_id,
    revision: r.revision,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    editedAt: toDateOrNull(r.edited_at),
    deleted,
    extensionKeys: r.extensions === "" ? [] : r.extensions.split(" "),
  };
}

export async function topicTags(db: Tx, topicIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (topicIds.length === 0) return out;
  const rows = await db
    .selectFrom("topic_tags as tt")
    .innerJoin("tags as g", "g.id", "tt.tag_id")
    .select(["tt.topic_id", "g.name"])
    .where("tt.topic_id", "in", topicIds)
    .orderBy("g.name")
    .execute();
  for (const r of rows) out.set(r.topic_id, [...(out.get(r.topic_id) ?? []), r.name]);
  return out;
}

// ---- topic lists ----------------------------------------------------------------------------

export type TopicSort = "latest" | "top" | "unanswered" | "new";

export interface TopicFilter {
  categoryIds: number[];
  sort: TopicSort;
  /** Pinned topics first (category and latest lists). */
  pinnedFirst: boolean;
  tagId?: number;
  userId?: number;
  /** Only topics of this content type. */
  type?: string;
  /** A content type's own condition on the topic (alias `t`), e.g. "solved" or an idea status. */
  where?: TopicWhere;
  /** A content type's own ordering, applied before the default ones (e.g. by votes). */
  orderBy?: Array<{ expr: RawBuilder<unknown>; dir: "asc" | "desc" }>;
  offset: number;
  limit: number;
}

export type TopicWhere = (eb: ExpressionBuilder<DB & { t: DB["topics"] }, "t">) => Expression<SqlBool>;

/** Topics in readable categories, newest activity first (or by replies for `top`). */
export async function listTopicRows(db: Tx, index: CategoryIndex, f: TopicFilter): Promise<TopicListItem[]> {
  if (f.categoryIds.length === 0) return [];
  let q = db
    .selectFrom("topics as t")
    .innerJoin("users as a", "a.id", "t.user_id")
    .leftJoin("users as l", "l.id", "t.last_post_user_id")
    .innerJoin("posts as p", (j) => j.onRef("p.topic_id", "=", "t.id").on("p.post_number", "=", 1))
    .select([
      "t.id",
      "t.type",
      "t.category_id",
      "t.title",
      "t.slug",
      "t.pinned",
      "t.locked",
      "t.reply_count",
      "t.view_count",
      "t.created_at",
      "t.last_posted_at",
      "t.user_id",
      "a.username as a_username",
      "a.name as a_name",
      "a.title as a_title",
      "a.role as a_role",
      "a.staff as a_staff",
      "t.last_post_user_id",
      "l.username as l_username",
      "l.name as l_name",
      "l.title as l_title",
      "l.role as l_role",
      "l.staff as l_staff",
      sql<string>`substr(p.body, 1, 400)`.as("body_head"),
    ])
    .where("t.category_id", "in", f.categoryIds)
    .where("t.deleted_at", "is", null);
  if (f.tagId !== undefined) {
    const tagId = f.tagId;
    q = q.where((eb: ExpressionBuilder<DB & { t: DB["topics"] }, "t">) =>
      eb.exists(eb.selectFrom("topic_tags as tt").select("tt.topic_id").whereRef("tt.topic_id", "=", "t.id").where("tt.tag_id", "=", tagId)),
    );
  }
  if (f.userId !== undefined) q = q.where("t.user_id", "=", f.userId);
  if (f.type !== undefined) q = q.where("t.type", "=", f.type);
  if (f.where) q = q.where(f.where);
  if (f.sort === "unanswered") q = q.where("t.reply_count", "=", 0);
  if (f.pinnedFirst) q = q.orderBy("t.pinned", "desc");
  for (const o of f.orderBy ?? []) q = q.orderBy(o.expr, o.dir);
  if (f.sort === "top") q = q.orderBy("t.reply_count", "desc").orderBy("t.view_count", "desc");
  if (f.sort === "new") q = q.orderBy("t.created_at", "desc");
  q = q.orderBy("t.last_posted_at", "desc").orderBy("t.id", "desc").offset(f.offset).limit(f.limit);
  const rows = await q.execute();
  const tags = await topicTags(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    slug: r.slug,
    url: topicUrl(r),
    category: categoryRef(index, r.category_id),
    author: summary(r.user_id, { username: r.a_username, name: r.a_name, title: r.a_title, role: r.a_role, staff: r.a_staff }),
    lastPoster:
      r.last_post_user_id !== null && r.l_username !== null
        ? summary(r.last_post_user_id, { username: r.l_username, name: r.l_name!, title: r.l_title!, role: r.l_role!, staff: r.l_staff! })
        : null,
    tags: tags.get(r.id) ?? [],
    pinned: toBool(r.pinned),
    locked: toBool(r.locked),
    replyCount: r.reply_count,
    viewCount: r.view_count,
    createdAt: toDate(r.created_at),
    lastPostedAt: toDate(r.last_posted_at),
    excerpt: plainExcerpt(r.body_head),
  }));
}

/** How much of a post's source `plainExcerpt` reads. */
const EXCERPT_SOURCE_CHARS = 20_000;

/** A short plain-text preview of Markdown source for lists. */
export function plainExcerpt(markdown: string, max = 160): string {
  // The start of a long post is enough for a preview, and bounds the work on any input.
  const text = markdown
    .slice(0, EXCERPT_SOURCE_CHARS)
    .replace(/```[\s\S]*?(```|$)/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^>.*$/gm, " ")
    // Markup, not text: heading marks, list bullets, rules, and emphasis around words. Marks inside
    // words stay (user_names, Retry-After, 2*3).
    .replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|(?:[-*_]\s*){3,}$)/gm, " ")
    .replace(/(?<![\w*~])(\*\*|__|\*|_|~~)(?=\S)(.{1,200}?)(?<=\S)\1(?![\w*~])/g, "$2")
    .replace(/`+/g, "")
    .replace(/^\s*\|?(\s*:?-+:?\s*\|)+\s*(:?-+:?)?\s*$/gm, " ")
    .replace(/\s*\|\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join("").trimEnd() + "…" : text;
}

// ---- tags -----------------------------------------------------------------------------------

/** Finds or creates tags by name (case-insensitive), returning their ids in input order. */
export async function ensureTags(db: Tx, names: string[], now: Date): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const existing = await db.selectFrom("tags").select("id").where(sql`lower(name)`, "=", name.toLowerCase()).executeTakeFirst();
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const row = await db.insertInto("tags").values({ name, created_at: now }).returning("id").executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

export async function findTagByName(db: Tx, name: string): Promise<{ id: number; name: string; topicCount: number } | null> {
  const r = await db.selectFrom("tags").select(["id", "name", "topic_count"]).where(sql`lower(name)`, "=", name.toLowerCase()).executeTakeFirst();
  return r ? { id: r.id, name: r.name, topicCount: r.topic_count } : null;
}
