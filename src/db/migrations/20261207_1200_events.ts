import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Events: one row per event topic with its start and end (UTC instants plus the time zone it was
 * planned in), where it happens (an online link, a place, or both) and its capacity; one answer
 * per member (going, maybe, not going, or waiting for a seat).
 */
export const events: HirobaMigration = {
  name: "20261207_1200_events",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("events")
      .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id").onDelete("cascade"))
      .addColumn("starts_at", T.time, (c) => c.notNull())
      .addColumn("ends_at", T.time, (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("online_url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("capacity", "integer")
      .addColumn("going_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("events_starts_at").on("events").columns(["starts_at"]).execute();
    await db.schema.createIndex("events_ends_at").on("events").columns(["ends_at"]).execute();
    await db.schema
      .createTable("event_rsvps")
      .addColumn("topic_id", "integer", (c) => c.notNull().references("events.topic_id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("responded_at", T.time, (c) => c.notNull())
      .addPrimaryKeyConstraint("event_rsvps_pk", ["topic_id", "user_id"])
      .execute();
    await db.schema.createIndex("event_rsvps_status").on("event_rsvps").columns(["topic_id", "status", "responded_at"]).execute();
    await db.schema.createIndex("event_rsvps_user").on("event_rsvps").columns(["user_id"]).execute();
  },
  async down(db) {
    await db.schema.dropTable("event_rsvps").execute();
    await db.schema.dropTable("events").execute();
  },
};
