import { type ColumnDefinitionBuilder, type CreateTableBuilder, sql } from "kysely";
import type { HirobaMigration } from "../migrate.js";
import { columnTypes } from "../migrate.js";

/** The core community: settings, accounts, groups, categories, topics, posts, jobs, search. */
export const core: HirobaMigration = {
  name: "20261124_0001_core",
  async up(db, engine) {
    const T = columnTypes(engine);
    const pk = (c: ColumnDefinitionBuilder) => (engine === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const withId = (t: CreateTableBuilder<any, any>) => t.addColumn("id", T.id, pk);

    await db.schema
      .createTable("site_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", T.json, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable("users"))
      .addColumn("username", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("password_hash", "text")
      .addColumn("role", "text", (c) => c.notNull().defaultTo("member"))
      .addColumn("staff", "boolean", (c) => c.notNull().defaultTo(false))
      .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("locale", "text")
      .addColumn("theme", "text")
      .addColumn("email_verified_at", T.time)
      .addColumn("suspended_until", T.time)
      .addColumn("post_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("topic_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .addColumn("last_seen_at", T.time)
      .execute();
    await db.schema.createIndex("users_username_lower").on("users").unique().expression(sql`lower(username)`).execute();
    await db.schema.createIndex("users_email_lower").on("users").unique().expression(sql`lower(email)`).execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("expires_at", T.time, (c) => c.notNull())
      .addColumn("last_seen_at", T.time, (c) => c.notNull())
      .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

    await db.schema
      .createTable("user_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("expires_at", T.time, (c) => c.notNull())
      .addColumn("used_at", T.time)
      .execute();
    await db.schema.createIndex("user_tokens_user").on("user_tokens").columns(["user_id", "purpose"]).execute();

    await withId(db.schema.createTable("api_keys"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("last_used_at", T.time)
      .addColumn("revoked_at", T.time)
      .execute();

    await withId(db.schema.createTable("groups"))
      .addColumn("key", "text", (c) => c.unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("group_members")
      .addColumn("group_id", "integer", (c) => c.notNull().references("groups.id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
      .execute();
    await db.schema.createIndex("group_members_user").on("group_members").column("user_id").execute();
    const now = new Date();
    const nowValue = engine === "sqlite" ? now.toISOString() : now;
    for (const key of ["everyone", "members", "staff", "moderators", "admins"]) {
      await db.insertInto("groups").values({ key, name: key, description: "", created_at: nowValue }).execute();
    }

    await withId(db.schema.createTable("categories"))
      .addColumn("parent_id", "integer", (c) => c.references("categories.id").onDelete("restrict"))
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("color", "text", (c) => c.notNull().defaultTo("#3b82f6"))
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("content_type", "text", (c) => c.notNull().defaultTo("discussion"))
      .addColumn("topic_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("post_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_posted_at", T.time)
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("category_permissions")
      .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id").onDelete("cascade"))
      .addColumn("group_id", "integer", (c) => c.notNull().references("groups.id").onDelete("cascade"))
      .addColumn("level", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("category_permissions_pk", ["category_id", "group_id"])
      .execute();

    await withId(db.schema.createTable("tags"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("topic_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("tags_name_lower").on("tags").unique().expression(sql`lower(name)`).execute();

    await withId(db.schema.createTable("topics"))
      .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("pinned", "boolean", (c) => c.notNull().defaultTo(false))
      .addColumn("locked", "boolean", (c) => c.notNull().defaultTo(false))
      .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("highest_post_number", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("view_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_post_user_id", "integer", (c) => c.references("users.id"))
      .addColumn("last_posted_at", T.time, (c) => c.notNull())
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .addColumn("deleted_at", T.time)
      .addColumn("deleted_by", "integer", (c) => c.references("users.id"))
      .execute();
    await db.schema.createIndex("topics_category_bumped").on("topics").columns(["category_id", "last_posted_at"]).execute();
    await db.schema.createIndex("topics_bumped").on("topics").column("last_posted_at").execute();
    await db.schema.createIndex("topics_user").on("topics").column("user_id").execute();

    await db.schema
      .createTable("topic_tags")
      .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
      .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addPrimaryKeyConstraint("topic_tags_pk", ["topic_id", "tag_id"])
      .execute();
    await db.schema.createIndex("topic_tags_tag").on("topic_tags").column("tag_id").execute();

    await withId(db.schema.createTable("posts"))
      .addColumn("topic_id", "integer", (c) => c.notNull().references("topics.id").onDelete("cascade"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
      .addColumn("post_number", "integer", (c) => c.notNull())
      .addColumn("reply_to_post_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("cooked", "text", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("updated_at", T.time, (c) => c.notNull())
      .addColumn("edited_at", T.time)
      .addColumn("deleted_at", T.time)
      .addColumn("deleted_by", "integer", (c) => c.references("users.id"))
      .execute();
    await db.schema.createIndex("posts_topic_number").on("posts").unique().columns(["topic_id", "post_number"]).execute();
    await db.schema.createIndex("posts_user").on("posts").columns(["user_id", "created_at"]).execute();
    await db.schema.createIndex("posts_created").on("posts").column("created_at").execute();

    await withId(db.schema.createTable("post_revisions"))
      .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
      .addColumn("title", "text")
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("post_revisions_post").on("post_revisions").unique().columns(["post_id", "revision"]).execute();

    await withId(db.schema.createTable("notifications"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("actor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("topic_id", "integer", (c) => c.references("topics.id").onDelete("cascade"))
      .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("read_at", T.time)
      .execute();
    await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "created_at"]).execute();

    await withId(db.schema.createTable("jobs"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("payload", T.json, (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
      .addColumn("run_at", T.time, (c) => c.notNull())
      .addColumn("locked_until", T.time)
      .addColumn("last_error", "text")
      .addColumn("created_at", T.time, (c) => c.notNull())
      .addColumn("finished_at", T.time)
      .execute();
    await db.schema.createIndex("jobs_status_run_at").on("jobs").columns(["status", "run_at"]).execute();

    await withId(db.schema.createTable("audit_log"))
      .addColumn("actor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull())
      .addColumn("target_id", "integer")
      .addColumn("data", T.json, (c) => c.notNull())
      .addColumn("created_at", T.time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("audit_log_created").on("audit_log").column("created_at").execute();

    // Search documents: text already split by our tokenizer (see domain/search/tokenize.ts).
    if (engine === "sqlite") {
      await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1, prefix='1', tokenize='unicode61')`.execute(db);
    } else {
      await db.schema
        .createTable("search_documents")
        .addColumn("post_id", "integer", (c) => c.primaryKey().references("posts.id").onDelete("cascade"))
        .addColumn("tsv", sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
    }
  },
};
