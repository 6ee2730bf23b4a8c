import type { HirobaMigration } from "../migrate.js";

/**
 * Which post extensions hold data for a post (`posts.extensions`), so a page of posts asks only
 * the extensions that have something for them: most posts have no poll, and the topic page no
 * longer queries polls for every page. Posts that already have a poll are marked here.
 */
export const postExtensionKeys: HirobaMigration = {
  name: "20261207_1600_post_extension_keys",
  async up(db) {
    await db.schema
      .alterTable("posts")
      .addColumn("extensions", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db
      .updateTable("posts")
      .set({ extensions: "poll" })
      .where("id", "in", db.selectFrom("polls").select("post_id"))
      .execute();
  },
  async down(db) {
    await db.schema.alterTable("posts").dropColumn("extensions").execute();
  },
};
