import { sql } from "kysely";
import type { Ctx, Tx } from "../ctx.js";
import { linkPreviews, uploadsByKeys } from "../media/repo.js";
import { type CookOptions, type Cooked, cookMarkdown } from "./markdown.js";

/**
 * Cooks a post body for storage: Markdown to sanitized HTML, mentions linked only for users
 * that exist, uploaded images with their sizes, links alone on a line as preview cards once
 * fetched (when the community allows previews), then the `post.cooked` filter.
 */
export async function cookPost(ctx: Ctx, db: Tx, body: string): Promise<Cooked> {
  let cooked = cookMarkdown(body);
  const opts: CookOptions = {};
  if (cooked.mentions.length > 0) {
    const rows = await db
      .selectFrom("users")
      .select(sql<string>`lower(username)`.as("u"))
      .where(sql`lower(username)`, "in", cooked.mentions)
      .execute();
    const existing = new Set(rows.map((r) => r.u));
    if (existing.size < cooked.mentions.length) opts.mentionExists = (u) => existing.has(u);
  }
  if (cooked.uploadKeys.length > 0) {
    const uploads = await uploadsByKeys(db, cooked.uploadKeys);
    if (uploads.size > 0) opts.upload = (key) => uploads.get(key);
  }
  if (cooked.previewUrls.length > 0 && (await ctx.cache.settings()).linkPreviews) {
    const previews = await linkPreviews(db, cooked.previewUrls);
    const ready = new Map([...previews].filter(([, p]) => p.status === "ok"));
    if (ready.size > 0) opts.preview = (url) => ready.get(url);
  }
  if (Object.keys(opts).length > 0) cooked = cookMarkdown(body, opts);
  const { html } = await ctx.hooks.apply("post.cooked", { html: cooked.html });
  return { ...cooked, html };
}
