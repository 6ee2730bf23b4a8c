import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/**
 * Content lifecycle (edits, deletes, moderation, notifications):
 * - at most one notification per user and post, so the notify job can be retried safely;
 * - a partial index for the unread count shown in every signed-in page's header.
 */
export const content0200: HirobaMigration = {
  name: "20261124_0200_content",
  async up(db) {
    await db.schema.createIndex("notifications_user_post").on("notifications").unique().columns(["user_id", "post_id"]).execute();
    await db.schema
      .createIndex("notifications_user_unread")
      .on("notifications")
      .column("user_id")
      .where(sql.ref("read_at"), "is", null)
      .execute();
  },
  async down(db) {
    await db.schema.dropIndex("notifications_user_unread").execute();
    await db.schema.dropIndex("notifications_user_post").execute();
  },
};
