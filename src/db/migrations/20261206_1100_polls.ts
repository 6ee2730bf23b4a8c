import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Polls inside posts: the question and its rules, the options with their counts (kept in step
 * with the votes), and one row per member and chosen option.
 */
export const polls: HirobaMigration = {
  name: "20261206_1100_polls",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("polls")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("post_id", "integer", (c) => c.notNull().unique().references("posts.id").onDelete("cascade"))
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("multiple", "boolean", (c) => c.notNull().defaultTo(false))
      .addColumn("results", "text", (c) => c.notNull().defaultTo("after_vote"))
      .addColumn("closes_at", T.time)
      .addColumn("closed_at", T.time)
      .addColumn("voter_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("poll_options")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("poll_options_poll").on("poll_options").columns(["poll_id", "position"]).execute();
    await db.schema
      .createTable("poll_votes")
      .addColumn("poll_id", "integer", (c) => c.notNull().references("polls.id").onDelete("cascade"))
      .addColumn("option_id", "integer", (c) => c.notNull().references("poll_options.id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addPrimaryKeyConstraint("poll_votes_pk", ["option_id", "user_id"])
      .execute();
    await db.schema.createIndex("poll_votes_poll_user").on("poll_votes").columns(["poll_id", "user_id"]).execute();
  },
  async down(db) {
    await db.schema.dropTable("poll_votes").execute();
    await db.schema.dropTable("poll_options").execute();
    await db.schema.dropTable("polls").execute();
  },
};
