import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Media: uploaded images and files (the bytes live in storage, re-encoded for images), which
 * posts use each upload (who may fetch it follows those posts), and link previews fetched by a job.
 */
export const media: HirobaMigration = {
  name: "20261207_1300_media",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("uploads")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("key", "text", (c) => c.notNull().unique())
      .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("mime", "text", (c) => c.notNull())
      .addColumn("ext", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .addColumn("width", "integer")
      .addColumn("height", "integer")
      .addColumn("variants", T.json, (c) => c.notNull())
      .addColumn("sha256", "text", (c) => c.notNull())
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("uploads_user").on("uploads").columns(["user_id", "created_at"]).execute();
    await db.schema
      .createTable("upload_refs")
      .addColumn("upload_id", "integer", (c) => c.notNull().references("uploads.id").onDelete("cascade"))
      .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("upload_refs_pk", ["upload_id", "post_id"])
      .execute();
    await db.schema.createIndex("upload_refs_post").on("upload_refs").columns(["post_id"]).execute();
    await db.schema
      .createTable("link_previews")
      .addColumn("url", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("site_name", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("fetched_at", T.time, (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("link_previews").execute();
    await db.schema.dropTable("upload_refs").execute();
    await db.schema.dropTable("uploads").execute();
  },
};
