import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/**
 * Articles: one row per article topic with its kind, its lead and its cover image (an upload).
 * Announcement categories made before articles existed become article categories where only
 * staff start topics and members comment.
 */
export const articles: HirobaMigration = {
  name: "20261207_1400_articles",
  async up(db) {
    await db.schema
      .createTable("articles")
      .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("blog"))
      .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("cover_upload_id", "integer", (c) => c.references("uploads.id").onDelete("set null"))
      .execute();
    // The starter "announcements" category, untouched since setup (no topics, no permissions yet),
    // becomes what it was meant to be: staff write, members comment, everyone reads.
    const starter = await sql<{ id: number }>`select id from categories
      where slug = 'announcements' and content_type = 'discussion' and topic_count = 0
        and not exists (select 1 from category_permissions p where p.category_id = categories.id)`.execute(db);
    for (const { id } of starter.rows) {
      await sql`update categories set content_type = 'article' where id = ${id}`.execute(db);
      for (const [key, level] of [["everyone", "see"], ["members", "reply"], ["staff", "create"]]) {
        await sql`insert into category_permissions (category_id, group_id, level) select ${id}, g.id, ${level} from groups g where g.key = ${key}`.execute(db);
      }
    }
  },
  async down(db) {
    await db.schema.dropTable("articles").execute();
  },
};
