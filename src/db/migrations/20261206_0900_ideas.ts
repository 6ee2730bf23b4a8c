import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Ideas: each idea's status and vote count (kept in step with its votes, for sorting), one vote
 * per member and idea, and every status change with staff's public response.
 */
export const ideas: HirobaMigration = {
  name: "20261206_0900_ideas",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("ideas")
      .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
      .addColumn("vote_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("status_changed_at", T.time)
      .execute();
    await db.schema.createIndex("ideas_status_votes").on("ideas").columns(["status", "vote_count"]).execute();
    await db.schema.createIndex("ideas_votes").on("ideas").column("vote_count").execute();
    await db.schema
      .createTable("idea_votes")
      .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addPrimaryKeyConstraint("idea_votes_pk", ["topic_id", "user_id"])
      .execute();
    await db.schema.createIndex("idea_votes_user").on("idea_votes").column("user_id").execute();
    await db.schema
      .createTable("idea_status_changes")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("previous_status", "text", (c) => c.notNull())
      .addColumn("response", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("response_html", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("changed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("idea_status_changes_topic").on("idea_status_changes").columns(["topic_id", "id"]).execute();
    // Ideas started before this migration (in categories of ideas) start out new, without votes.
    await db
      .insertInto("ideas")
      .columns(["topic_id"])
      .expression((eb) => eb.selectFrom("topics").select("id").where("type", "=", "idea"))
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("idea_status_changes").execute();
    await db.schema.dropTable("idea_votes").execute();
    await db.schema.dropTable("ideas").execute();
  },
};
