import type { Ctx, Tx } from "../ctx.js";
import { transact } from "../ctx.js";
import { cookMarkdown } from "../content/markdown.js";
import { type SearchDocument, searchIndex } from "./index.js";

/**
 * Keeping the search index in step with posts. Every function here looks at the posts as they
 * are now and makes the index agree (a visible post is indexed, a deleted one or one in a deleted
 * topic is removed), so jobs may run late, twice or out of order and still leave it right.
 */

/** Posts per batch when a whole topic or the whole site is (re)indexed. */
const BATCH = 200;

interface PostSource {
  id: number;
  postNumber: number;
  body: string;
  title: string;
  live: boolean;
}

async function loadSources(db: Tx, where: { ids: number[] } | { topicId: number; afterId: number } | { afterId: number }): Promise<PostSource[]> {
  let q = db
    .selectFrom("posts as p")
    .innerJoin("topics as t", "t.id", "p.topic_id")
    .select(["p.id", "p.post_number", "p.body", "p.deleted_at", "t.title", "t.deleted_at as topic_deleted_at"]);
  if ("ids" in where) q = q.where("p.id", "in", where.ids);
  else {
    if ("topicId" in where) q = q.where("p.topic_id", "=", where.topicId);
    q = q.where("p.id", ">", where.afterId).orderBy("p.id").limit(BATCH);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    postNumber: r.post_number,
    body: r.body,
    title: r.title,
    live: r.deleted_at === null && r.topic_deleted_at === null,
  }));
}

/** What the index stores for a post: the topic title with the first post, and the post's plain text. */
export function searchDocument(p: { id: number; postNumber: number; body: string; title: string }): SearchDocument {
  return { postId: p.id, title: p.postNumber === 1 ? p.title : "", text: cookMarkdown(p.body).text };
}

/** Writes what `sources` say into the index: documents for live posts, removals for the rest. */
async function apply(ctx: Ctx, sources: PostSource[], missing: number[] = []): Promise<void> {
  // Cooking happens before the transaction, so the write lock is held only for the writes.
  const docs = sources.filter((s) => s.live).map(searchDocument);
  const gone = [...missing, ...sources.filter((s) => !s.live).map((s) => s.id)];
  const index = searchIndex(ctx.engine);
  if (gone.length === 0 && index.writeIsOneStatement) {
    // The common case, a new or edited post: one statement, atomic without a transaction.
    await index.write(ctx.db, docs);
  } else {
    await transact(ctx, async (trx) => {
      await index.remove(trx, gone);
      await index.write(trx, docs);
    });
  }
  // After commit: searches ranked before now are retired everywhere.
  ctx.cache.invalidate("search");
}

/** Makes the index agree with these posts (unknown ids are removed from it). */
export async function syncPosts(ctx: Ctx, postIds: number[]): Promise<void> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return;
  const sources = await loadSources(ctx.db, { ids });
  const found = new Set(sources.map((s) => s.id));
  await apply(
    ctx,
    sources,
    ids.filter((id) => !found.has(id)),
  );
}

/** Makes the index agree with every post of a topic, in batches. */
export async function syncTopic(ctx: Ctx, topicId: number): Promise<void> {
  let afterId = 0;
  for (;;) {
    const sources = await loadSources(ctx.db, { topicId, afterId });
    if (sources.length === 0) return;
    await apply(ctx, sources);
    afterId = sources[sources.length - 1].id;
  }
}

/**
 * Rebuilds the whole index from the posts table, in batches by post id: each batch replaces the
 * index entries of its id range, so searches keep working during the rebuild and entries of
 * posts that no longer exist disappear. Returns how many posts are indexed.
 */
export async function reindexAll(ctx: Ctx, opts: { onProgress?: (done: number) => void } = {}): Promise<number> {
  const index = searchIndex(ctx.engine);
  let afterId = 0;
  let indexed = 0;
  for (;;) {
    const sources = await loadSources(ctx.db, { afterId });
    if (sources.length === 0) break;
    const lastId = sources[sources.length - 1].id;
    const docs = sources.filter((s) => s.live).map(searchDocument);
    await transact(ctx, async (trx) => {
      await index.removeRange(trx, afterId + 1, lastId);
      await index.write(trx, docs);
    });
    ctx.cache.invalidate("search");
    indexed += docs.length;
    afterId = lastId;
    opts.onProgress?.(indexed);
  }
  await transact(ctx, (trx) => index.removeRange(trx, afterId + 1, null));
  ctx.cache.invalidate("search");
  return indexed;
}
