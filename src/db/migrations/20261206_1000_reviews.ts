import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Reviews: the products admins define, and one row per review topic with its product, reviewer
 * and 1–5 star rating. A review removed by moderation keeps its row with the reason, who and when.
 */
export const reviews: HirobaMigration = {
  name: "20261206_1000_reviews",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("products")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("archived_at", T.time)
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("reviews")
      .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id").onDelete("cascade"))
      .addColumn("product_id", "integer", (c) => c.notNull().references("products.id").onDelete("restrict"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("rating", "integer", (c) => c.notNull())
      .addColumn("rated_at", T.time, (c) => c.notNull())
      .addColumn("removal_reason", "text")
      .addColumn("removed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("removed_at", T.time)
      .execute();
    await db.schema.createIndex("reviews_product_rating").on("reviews").columns(["product_id", "rating"]).execute();
    await db.schema.createIndex("reviews_user_product").on("reviews").columns(["user_id", "product_id"]).execute();
  },
  async down(db) {
    await db.schema.dropTable("reviews").execute();
    await db.schema.dropTable("products").execute();
  },
};
