import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/** Topics remember their content type (questions, ideas, events…); existing topics take their category's. */
export const contentTypes: HirobaMigration = {
  name: "20261124_0700_content_types",
  async up(db) {
    await db.schema.alterTable("topics").addColumn("type", "text", (c) => c.notNull().defaultTo("discussion")).execute();
    await sql`update topics set type = (select c.content_type from categories c where c.id = topics.category_id)`.execute(db);
    await db.schema.createIndex("topics_type_bumped").on("topics").columns(["type", "last_posted_at"]).execute();
  },
};
