import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/**
 * Notifications of other kinds than "a new post concerns you" (an idea's status changed, an
 * answer was accepted…) may come more than once per post, so the one-per-user-and-post rule now
 * holds for the post kinds only.
 */
export const notificationKinds: HirobaMigration = {
  name: "20261124_0701_notification_kinds",
  async up(db) {
    await db.schema.dropIndex("notifications_user_post").execute();
    await db.schema
      .createIndex("notifications_user_post")
      .on("notifications")
      .unique()
      .columns(["user_id", "post_id"])
      .where(sql.ref("kind"), "in", sql`('mention', 'quote', 'reply')`)
      .execute();
  },
};
