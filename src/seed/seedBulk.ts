import { sql } from "kysely";
import { type Ctx, transact } from "../domain/ctx.js";
import { categoryType } from "../domain/content/contentTypes.js";
import { cookMarkdown } from "../domain/content/markdown.js";
import { slugify } from "../domain/content/types.js";
import { reindexAll } from "../domain/search/indexing.js";
import { DEMO_THREADS, FILLER } from "./demoText.js";

/** Topics written per transaction. */
const BATCH = 50;
/** Posts per topic: the opening post and 20 replies. */
export const POSTS_PER_TOPIC = 21;

export interface BulkSeedResult {
  topics: number;
  posts: number;
  seconds: number;
}

/** The i-th post's text: a demo body or reply, then filler sentences chosen by i, so posts differ. */
function postBody(lang: "ja" | "en", base: string, i: number): string {
  const f = FILLER[lang];
  return `${base}\n\n${f[i % f.length]} ${f[(i * 7 + 3) % f.length]}`;
}

/**
 * Adds `posts` more posts in topics of 21 posts each (Japanese and English, across the existing
 * categories and members) for load tests. Rows are written in large batches rather than through
 * createTopic (which would take minutes for 50,000 posts); counters are then recomputed and the
 * search index rebuilt, so the result looks exactly as if members had posted it.
 * Needs a community with categories and members (seed the demo first).
 */
export async function seedBulk(ctx: Ctx, opts: { posts: number; onProgress?: (posts: number) => void }): Promise<BulkSeedResult> {
  const started = Date.now();
  // Reviews need a product and a rating each: bulk topics go to the other categories.
  const categories = (await ctx.db.selectFrom("categories").select(["id", "content_type"]).orderBy("id").execute()).filter((c) => !["review", "event"].includes(categoryType(c.content_type)));
  const users = await ctx.db.selectFrom("users").select("id").orderBy("id").execute();
  if (categories.length === 0 || users.length === 0) throw new Error("seedBulk needs categories and users");
  const topicCount = Math.ceil(opts.posts / POSTS_PER_TOPIC);
  const start = Date.now() - topicCount * 60_000;
  let written = 0;
  for (let t0 = 0; t0 < topicCount; t0 += BATCH) {
    await transact(ctx, async (trx) => {
      for (let t = t0; t < Math.min(topicCount, t0 + BATCH); t++) {
        const thread = DEMO_THREADS[t % DEMO_THREADS.length];
        const lang = thread.locale;
        const title = `${thread.title} (${t + 1})`;
        const n = Math.min(POSTS_PER_TOPIC, opts.posts - written);
        const at = (k: number) => new Date(start + t * 60_000 + k * 1000);
        const userAt = (k: number) => users[(t * 5 + k * 3) % users.length].id;
        const topic = await trx
          .insertInto("topics")
          .values({
            category_id: categories[t % categories.length].id,
            user_id: userAt(0),
            type: categoryType(categories[t % categories.length].content_type),
            title,
            slug: slugify(title),
            pinned: false,
            locked: false,
            reply_count: n - 1,
            highest_post_number: n,
            last_post_user_id: userAt(n - 1),
            last_posted_at: at(n - 1),
            created_at: at(0),
            updated_at: at(n - 1),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const rows = Array.from({ length: n }, (_, k) => {
          const base = k === 0 ? thread.body : thread.replies[(k - 1) % thread.replies.length];
          const body = postBody(lang, base, t * POSTS_PER_TOPIC + k);
          return { topic_id: topic.id, user_id: userAt(k), post_number: k + 1, body, cooked: cookMarkdown(body).html, created_at: at(k), updated_at: at(k) };
        });
        await trx.insertInto("posts").values(rows).execute();
        written += n;
      }
    });
    opts.onProgress?.(written);
  }
  await recount(ctx);
  await reindexAll(ctx);
  // Vacuumed and with fresh statistics, as autovacuum (PostgreSQL) would have left a community of
  // this size: without statistics the planner guesses on tables it has never measured, and
  // without the vacuum autovacuum would set about the freshly written tables a minute later, in
  // the middle of whatever runs then (a benchmark scenario, say).
  await sql`${sql.raw(ctx.engine === "postgres" ? "vacuum analyze" : "analyze")}`.execute(ctx.db);
  return { topics: topicCount, posts: written, seconds: (Date.now() - started) / 1000 };
}

/** Recomputes the category and member counters from the rows (after a bulk insert). */
async function recount(ctx: Ctx): Promise<void> {
  await sql`update categories set
      topic_count = (select count(*) from topics t where t.category_id = categories.id and t.deleted_at is null),
      post_count = (select count(*) from posts p join topics t on t.id = p.topic_id where t.category_id = categories.id and p.deleted_at is null and t.deleted_at is null),
      last_posted_at = (select max(t.last_posted_at) from topics t where t.category_id = categories.id and t.deleted_at is null)`.execute(ctx.db);
  await sql`update users set
      topic_count = (select count(*) from topics t where t.user_id = users.id and t.deleted_at is null),
      post_count = (select count(*) from posts p where p.user_id = users.id and p.deleted_at is null)`.execute(ctx.db);
}
