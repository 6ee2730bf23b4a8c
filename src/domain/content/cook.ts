import { sql } from "kysely";
import type { Ctx, Tx } from "../ctx.js";
import { type Cooked, cookMarkdown } from "./markdown.js";

/**
 * Cooks a post body for storage: Markdown to sanitized HTML, mentions linked only for users
 * that exist, then the `post.cooked` filter.
 */
export async function cookPost(ctx: Ctx, db: Tx, body: string): Promise<Cooked> {
  let cooked = cookMarkdown(body);
  if (cooked.mentions.length > 0) {
    const rows = await db
      .selectFrom("users")
      .select(sql<string>`lower(username)`.as("u"))
      .where(sql`lower(username)`, "in", cooked.mentions)
      .execute();
    const existing = new Set(rows.map((r) => r.u));
    if (existing.size < cooked.mentions.length) cooked = cookMarkdown(body, { mentionExists: (u) => existing.has(u) });
  }
  const { html } = await ctx.hooks.apply("post.cooked", { html: cooked.html });
  return { ...cooked, html };
}
