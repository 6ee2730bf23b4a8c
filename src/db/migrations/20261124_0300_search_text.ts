import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/**
 * The plain text of every indexed post, for search snippets: cooking Markdown at query time costs
 * far more than a search may spend. Both engines end up with `search_documents(post_id, text)`;
 * PostgreSQL keeps its tsvector in the same row, SQLite its tokens in the FTS5 table `search_fts`.
 */
export const searchText: HirobaMigration = {
  name: "20261124_0300_search_text",
  async up(db, engine) {
    if (engine === "sqlite") {
      await db.schema
        .createTable("search_documents")
        .addColumn("post_id", "integer", (c) => c.primaryKey().references("posts.id").onDelete("cascade"))
        .addColumn("text", "text", (c) => c.notNull())
        .execute();
    } else {
      await sql`alter table search_documents add column text text not null default ''`.execute(db);
    }
  },
  async down(db, engine) {
    if (engine === "sqlite") await db.schema.dropTable("search_documents").execute();
    else await sql`alter table search_documents drop column text`.execute(db);
  },
};
