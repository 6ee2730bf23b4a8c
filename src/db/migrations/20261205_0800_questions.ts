import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/** Questions: the reply the asker (or staff) accepted as the answer, at most one per topic. */
export const questions: HirobaMigration = {
  name: "20261205_0800_questions",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("question_answers")
      .addColumn("topic_id", "integer", (c) => c.primaryKey().references("topics.id").onDelete("cascade"))
      .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      .addColumn("accepted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("accepted_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("question_answers_post").on("question_answers").column("post_id").execute();
  },
  async down(db) {
    await db.schema.dropTable("question_answers").execute();
  },
};
