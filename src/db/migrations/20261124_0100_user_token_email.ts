import type { HirobaMigration } from "../migrate.js";

/**
 * Binds each one-time token (e-mail verification, password reset) to the address it was mailed to,
 * so a link sent before an e-mail change cannot confirm or reset the account under its new address.
 */
export const userTokenEmail: HirobaMigration = {
  name: "20261124_0100_user_token_email",
  async up(db) {
    await db.schema.alterTable("user_tokens").addColumn("email", "text").execute();
  },
  async down(db) {
    await db.schema.alterTable("user_tokens").dropColumn("email").execute();
  },
};
