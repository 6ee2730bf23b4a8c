import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/**
 * Surveys built by staff: questions of five kinds, who may answer, and one response per member
 * with an answer per question.
 */
export const surveys: HirobaMigration = {
  name: "20261207_1500_surveys",
  async up(db, engine) {
    const T = columnTypes(engine);
    await db.schema
      .createTable("surveys")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
      .addColumn("group_ids", T.json, (c) => c.notNull())
      .addColumn("response_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("survey_questions")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("prompt", "text", (c) => c.notNull())
      .addColumn("options", T.json, (c) => c.notNull())
      .addColumn("required", "boolean", (c) => c.notNull().defaultTo(true))
      .execute();
    await db.schema.createIndex("survey_questions_survey").on("survey_questions").columns(["survey_id", "position"]).execute();
    await db.schema
      .createTable("survey_responses")
      .addColumn("id", T.id, (c) => c.primaryKey())
      .addColumn("survey_id", "integer", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("survey_responses_once").on("survey_responses").columns(["survey_id", "user_id"]).unique().execute();
    await db.schema.createIndex("survey_responses_time").on("survey_responses").columns(["survey_id", "created_at"]).execute();
    await db.schema
      .createTable("survey_answers")
      .addColumn("response_id", "integer", (c) => c.notNull().references("survey_responses.id").onDelete("cascade"))
      .addColumn("question_id", "integer", (c) => c.notNull().references("survey_questions.id").onDelete("cascade"))
      .addColumn("choices", T.json, (c) => c.notNull())
      .addColumn("number", "integer")
      .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
      .addPrimaryKeyConstraint("survey_answers_pk", ["response_id", "question_id"])
      .execute();
    await db.schema.createIndex("survey_answers_question").on("survey_answers").columns(["question_id"]).execute();
  },
  async down(db) {
    await db.schema.dropTable("survey_answers").execute();
    await db.schema.dropTable("survey_responses").execute();
    await db.schema.dropTable("survey_questions").execute();
    await db.schema.dropTable("surveys").execute();
  },
};
