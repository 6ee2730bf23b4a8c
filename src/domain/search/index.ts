import { type RawBuilder, sql } from "kysely";
import { toBool, toDate, toNum } from "../../db/codec.js";
import { type Engine, PLAN_EACH_TIME } from "../../db/connect.js";
import type { Role } from "../actor.js";
import type { Tx } from "../ctx.js";
import { rankScore } from "./ranking.js";
import { type QueryTerm, ftsMatchExpression, indexTokens, tsQueryExpression } from "./tokenize.js";

/**
 * The search index behind one interface, with one implementation per engine: SQLite FTS5
 * (`search_fts`, bm25) and PostgreSQL tsvector + GIN (`search_documents.tsv`, ts_rank). Both index
 * the tokens of our own tokenizer (tokenize.ts), so they find the same posts; both keep each
 * post's plain text in `search_documents.text` for snippets. Nothing outside this file knows
 * which engine answers.
 */

/** One post as the index stores it: raw title ("" for replies) and plain body text. */
export interface SearchDocument {
  postId: number;
  title: string;
  text: string;
}

/** What a search looks for and who may see what; every filter is applied in SQL. */
export interface HitFilter {
  terms: QueryTerm[];
  titlesOnly: boolean;
  /** Categories to search in: already limited to those the reader may see. Never empty. */
  categoryIds: number[];
  /** Only topics with this tag (case-insensitive name). */
  tag?: string;
  /** Only posts by this user (case-insensitive username). */
  username?: string;
  /** "Now" for the recency boost. */
  now: Date;
}

/** One result row: the post, its topic and author, and its plain text (cut for snippets). */
export interface HitRow {
  postId: number;
  postNumber: number;
  createdAt: Date;
  topicId: number;
  title: string;
  slug: string;
  categoryId: number;
  author: { id: number; username: string; name: string; title: string; role: Role; staff: boolean };
  text: string;
}

export interface HitPage {
  rows: HitRow[];
  /** Matches counted up to `cap + 1`; null when the page was empty (then ask `count`, unless it was the first). */
  total: number | null;
}

/** The operations every engine's index offers; see searchIndex() for the implementations. */
export interface SearchIndex {
  /** True when `write` is a single statement, so a write on its own needs no transaction. */
  readonly writeIsOneStatement: boolean;
  /** Adds or replaces documents. */
  write(db: Tx, docs: SearchDocument[]): Promise<void>;
  /** Removes documents (missing ones are ignored). */
  remove(db: Tx, postIds: number[]): Promise<void>;
  /** Removes every document whose post id is in [from, to] (`to` null: no upper bound). */
  removeRange(db: Tx, from: number, to: number | null): Promise<void>;
  /**
   * One page of the best matches in one query: ranks the `cap + 1` newest matching posts the
   * filter allows and counts them in the same pass, so the work per search is bounded.
   */
  hits(db: Tx, f: HitFilter, page: { offset: number; limit: number }, cap: number): Promise<HitPage>;
  /** How many posts match, counting at most `cap + 1`. */
  count(db: Tx, f: HitFilter, cap: number): Promise<number>;
  /**
   * The rows of posts ranked earlier, in the given order, leaving out any the filter no longer
   * allows (deleted since, moved out of the readable categories, retagged).
   */
  rowsOf(db: Tx, f: HitFilter, postIds: number[]): Promise<HitRow[]>;
}

/** Longest piece of a post's text a search reads for its snippet. */
export const SNIPPET_SOURCE_CHARS = 20_000;
/** bm25 column weights on SQLite: (title, body). */
const TITLE_WEIGHT = 10;
/** ts_rank weights on PostgreSQL: {D, C, B, A}; titles are A, bodies D. */
const PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}";
/** PostgreSQL's limits on tsvector positions. */
const PG_MAX_POSITION = 16383;
const PG_MAX_POSITIONS_PER_LEXEME = 255;

/** The index for an engine. */
export function searchIndex(engine: Engine): SearchIndex {
  return engine === "postgres" ? postgresIndex : sqliteIndex;
}

// ---- shared SQL -----------------------------------------------------------------------------

/** Permission and user filters on `p` (posts) and `t` (topics). */
function filterSql(f: HitFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    sql`t.category_id in (${sql.join(f.categoryIds)})`,
    sql`t.deleted_at is null`,
    sql`p.deleted_at is null`,
  ];
  if (f.tag !== undefined) {
    parts.push(
      sql`exists (select 1 from topic_tags tt join tags g on g.id = tt.tag_id where tt.topic_id = t.id and lower(g.name) = ${f.tag.toLowerCase()})`,
    );
  }
  if (f.username !== undefined) parts.push(sql`p.user_id = (select id from users where lower(username) = ${f.username.toLowerCase()})`);
  return sql.join(parts, sql` and `);
}

/** Joins the ranked page (`ranked`: post_id, score, total) to posts, topics, authors and texts. */
function pageSql(): RawBuilder<unknown> {
  return sql`
    select r.total, p.id as post_id, p.post_number, p.created_at, t.id as topic_id, t.title, t.slug, t.category_id,
      u.id as user_id, u.username, u.name, u.title as user_title, u.role, u.staff,
      substr(coalesce(d.text, ''), 1, ${SNIPPET_SOURCE_CHARS}) as text
    from ranked r
    join posts p on p.id = r.post_id
    join topics t on t.id = p.topic_id
    join users u on u.id = p.user_id
    left join search_documents d on d.post_id = p.id
    order by r.score desc, r.post_id desc`;
}

interface PageRow {
  total: number | string;
  post_id: number;
  post_number: number;
  created_at: Date | string;
  topic_id: number;
  title: string;
  slug: string;
  category_id: number;
  user_id: number;
  username: string;
  name: string;
  user_title: string;
  role: string;
  staff: boolean | number;
  text: string;
}

/** Shared by both engines: the page is read by primary key, so no index is involved. */
async function rowsOf(db: Tx, f: HitFilter, postIds: number[]): Promise<HitRow[]> {
  if (postIds.length === 0) return [];
  const res = await sql<PageRow>`
    with ranked as (
      select p.id as post_id, 0 as score, 0 as total
      from posts p
      join topics t on t.id = p.topic_id
      where p.id in (${sql.join(postIds)}) and ${filterSql(f)}
    )
    ${pageSql()}`.execute(db);
  const byId = new Map(toHitPage(res.rows).rows.map((r) => [r.postId, r]));
  return postIds.flatMap((id) => byId.get(id) ?? []);
}

function toHitPage(rows: PageRow[]): HitPage {
  return {
    total: rows.length > 0 ? toNum(rows[0].total) : null,
    rows: rows.map((r) => ({
      postId: r.post_id,
      postNumber: r.post_number,
      createdAt: toDate(r.created_at),
      topicId: r.topic_id,
      title: r.title,
      slug: r.slug,
      categoryId: r.category_id,
      author: { id: r.user_id, username: r.username, name: r.name, title: r.user_title, role: r.role as Role, staff: toBool(r.staff) },
      text: r.text,
    })),
  };
}

// ---- SQLite: FTS5 ---------------------------------------------------------------------------

function ftsQuery(f: HitFilter): string {
  const expr = ftsMatchExpression(f.terms);
  // A column filter keeps every term inside the title column.
  return f.titlesOnly ? `title : (${expr})` : expr;
}

const sqliteIndex: SearchIndex = {
  writeIsOneStatement: false,

  rowsOf,

  async write(db, docs) {
    for (const d of docs) {
      await sql`insert or replace into search_fts (rowid, title, body) values (${d.postId}, ${indexTokens(d.title).join(" ")}, ${indexTokens(d.text).join(" ")})`.execute(db);
      await db
        .insertInto("search_documents")
        .values({ post_id: d.postId, text: d.text })
        .onConflict((oc) => oc.column("post_id").doUpdateSet({ text: d.text }))
        .execute();
    }
  },

  async remove(db, postIds) {
    if (postIds.length === 0) return;
    await sql`delete from search_fts where rowid in (${sql.join(postIds)})`.execute(db);
    await db.deleteFrom("search_documents").where("post_id", "in", postIds).execute();
  },

  async removeRange(db, from, to) {
    await sql`delete from search_fts where rowid >= ${from} and rowid <= ${to ?? Number.MAX_SAFE_INTEGER}`.execute(db);
    await db
      .deleteFrom("search_documents")
      .where("post_id", ">=", from)
      .where("post_id", "<=", to ?? Number.MAX_SAFE_INTEGER)
      .execute();
  },

  async hits(db, f, page, cap) {
    // bm25 may only be computed in the query that has the MATCH; FTS5 walks matches newest first.
    // "Now" as a Julian day number, so SQLite parses one timestamp per row instead of two.
    const nowJulian = f.now.getTime() / 86_400_000 + 2_440_587.5;
    const score = rankScore({ relevance: sql<number>`c.relevance`, ageDays: sql<number>`(${nowJulian} - julianday(c.created_at))` });
    const res = await sql<PageRow>`${sql.raw(PLAN_EACH_TIME)}
      with cand as (
        select p.id as post_id, p.created_at, -bm25(search_fts, ${sql.lit(TITLE_WEIGHT)}, 1.0) as relevance
        from search_fts
        join posts p on p.id = search_fts.rowid
        join topics t on t.id = p.topic_id
        where search_fts match ${ftsQuery(f)} and ${filterSql(f)}
        order by search_fts.rowid desc
        limit ${cap + 1}
      ), ranked as (
        select c.post_id, ${score} as score, count(*) over () as total
        from cand c
        order by score desc, c.post_id desc
        limit ${page.limit} offset ${page.offset}
      )
      ${pageSql()}`.execute(db);
    return toHitPage(res.rows);
  },

  async count(db, f, cap) {
    const res = await sql<{ n: number }>`${sql.raw(PLAN_EACH_TIME)}
      select count(*) as n from (
        select 1 from search_fts
        join posts p on p.id = search_fts.rowid
        join topics t on t.id = p.topic_id
        where search_fts match ${ftsQuery(f)} and ${filterSql(f)}
        limit ${cap + 1}
      ) m`.execute(db);
    return toNum(res.rows[0]?.n ?? 0);
  },
};

// ---- PostgreSQL: tsvector + GIN -------------------------------------------------------------

/**
 * A tsvector literal straight from our tokens, so PostgreSQL's parser never re-splits them.
 * Title tokens take positions 1…n with weight A; the body follows after a gap of one position, so
 * a phrase never matches across the end of the title. PostgreSQL's limits are applied here:
 * positions stop at 16383 and a lexeme keeps at most 255 of them.
 */
export function tsvectorLiteral(title: string, text: string): string {
  const positions = new Map<string, number[]>();
  let pos = 1;
  const add = (tokens: string[]): void => {
    for (const token of tokens) {
      const p = Math.min(pos++, PG_MAX_POSITION);
      let list = positions.get(token);
      if (!list) positions.set(token, (list = []));
      if (list.length < PG_MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== p) list.push(p);
    }
  };
  add(indexTokens(title));
  const titleEnd = pos - 1;
  if (titleEnd > 0) pos++;
  add(indexTokens(text));
  const parts: string[] = [];
  for (const [token, list] of positions) {
    const quoted = `'${token.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
    parts.push(`${quoted}:${list.map((p) => (p <= titleEnd ? `${p}A` : String(p))).join(",")}`);
  }
  return parts.join(" ");
}

function tsQuery(f: HitFilter): RawBuilder<unknown> {
  return sql`to_tsquery('simple', ${tsQueryExpression(f.terms, f.titlesOnly ? "A" : undefined)})`;
}

const postgresIndex: SearchIndex = {
  writeIsOneStatement: true,

  rowsOf,

  async write(db, docs) {
    if (docs.length === 0) return;
    const rows = docs.map((d) => sql`(${d.postId}, ${tsvectorLiteral(d.title, d.text)}::tsvector, ${d.text})`);
    await sql`
      insert into search_documents (post_id, tsv, text) values ${sql.join(rows)}
      on conflict (post_id) do update set tsv = excluded.tsv, text = excluded.text`.execute(db);
  },

  async remove(db, postIds) {
    if (postIds.length === 0) return;
    await db.deleteFrom("search_documents").where("post_id", "in", postIds).execute();
  },

  async removeRange(db, from, to) {
    let q = db.deleteFrom("search_documents").where("post_id", ">=", from);
    if (to !== null) q = q.where("post_id", "<=", to);
    await q.execute();
  },

  async hits(db, f, page, cap) {
    const score = rankScore({
      relevance: sql<number>`ts_rank(${PG_WEIGHTS}::float4[], d.tsv, ${tsQuery(f)}, 1)`,
      ageDays: sql<number>`(extract(epoch from (${f.now}::timestamptz - c.created_at)) / 86400.0)`,
    });
    const res = await sql<PageRow>`${sql.raw(PLAN_EACH_TIME)}
      with cand as (
        select d.post_id, p.created_at
        from search_documents d
        join posts p on p.id = d.post_id
        join topics t on t.id = p.topic_id
        where d.tsv @@ ${tsQuery(f)} and ${filterSql(f)}
        order by d.post_id desc
        limit ${cap + 1}
      ), ranked as (
        -- The tsvectors are read again for the candidates only: carrying them through the
        -- candidate sort would copy every match's vector.
        select c.post_id, ${score} as score, count(*) over () as total
        from cand c
        join search_documents d on d.post_id = c.post_id
        order by score desc, c.post_id desc
        limit ${page.limit} offset ${page.offset}
      )
      ${pageSql()}`.execute(db);
    return toHitPage(res.rows);
  },

  async count(db, f, cap) {
    const res = await sql<{ n: number }>`${sql.raw(PLAN_EACH_TIME)}
      select count(*) as n from (
        select 1 from search_documents d
        join posts p on p.id = d.post_id
        join topics t on t.id = p.topic_id
        where d.tsv @@ ${tsQuery(f)} and ${filterSql(f)}
        limit ${cap + 1}
      ) m`.execute(db);
    return toNum(res.rows[0]?.n ?? 0);
  },
};
