import { sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";

/** Admin area: group names are unique regardless of case, so admins can tell groups apart. */
export const admin: HirobaMigration = {
  name: "20261124_0400_admin",
  async up(db) {
    await db.schema.createIndex("groups_name_lower").on("groups").unique().expression(sql`lower(name)`).execute();
  },
  async down(db) {
    await db.schema.dropIndex("groups_name_lower").execute();
  },
};
