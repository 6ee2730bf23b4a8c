// An example plugin, and the one the plugin guide (docs/plugins.md) walks through.
// It turns a few emoji shortcodes into emoji before a post is saved (a filter), invites visitors
// to join in the footer (a slot), remembers each member's first post in its own table (an event
// job with a migration — where a CRM sync would start) and lists those to admins (a route).
// Load it with PLUGINS=./plugins/welcome/index.js
import { h } from "preact";

const EMOJI = { ":wave:": "👋", ":tada:": "🎉", ":thumbsup:": "👍", ":bow:": "🙇" };
const replaceShortcodes = (text) => text.replace(/:(wave|tada|thumbsup|bow):/g, (m) => EMOJI[m]);

/** @type {import("../../src/plugins/plugin.js").HirobaPlugin} */
export default {
  name: "welcome",
  setup(api) {
    api.migrations([
      {
        name: "0001_first_posts",
        async up(db, engine) {
          await db.schema
            .createTable("welcome_first_posts")
            .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
            .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
            .addColumn("topic_id", "integer", (c) => c.notNull())
            .addColumn("created_at", engine === "postgres" ? "timestamptz" : "text", (c) => c.notNull())
            .execute();
        },
      },
    ]);

    api.locales({
      en: { invite: "New here? Sign up and say hello — questions of every size are welcome.", listTitle: "First posts" },
      ja: { invite: "はじめての方へ：登録して気軽に質問してください。どんな小さな疑問も歓迎です。", listTitle: "初めての投稿" },
    });

    api.hooks.filter("post.beforeCreate", (post) => ({ ...post, body: replaceShortcodes(post.body) }));
    api.hooks.filter("topic.beforeCreate", (topic) => ({ ...topic, body: replaceShortcodes(topic.body) }));

    api.hooks.slot("layout.footer", (_props, ui) =>
      ui.viewer ? null : h("p", { class: "plugin-welcome-invite" }, h("a", { href: "/signup" }, ui.t("plugin.welcome:invite"))),
    );

    // After a post commits: remember the author's first post. Jobs run later and may be retried,
    // so decide from the data (is this their earliest post?) rather than from counters that moved on.
    api.on("post.created", "remember-first-post", async (ctx, payload) => {
      const userId = Number(payload.userId);
      const earliest = await ctx.db
        .selectFrom("posts")
        .select("id")
        .where("user_id", "=", userId)
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      if (!earliest || earliest.id !== Number(payload.postId)) return;
      await ctx.db
        .insertInto("welcome_first_posts")
        .values({ user_id: userId, post_id: Number(payload.postId), topic_id: Number(payload.topicId), created_at: new Date() })
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
    });

    // Admins read the newest first posts as JSON.
    api.routes((app, ctx) => {
      app.get("/api/v1/plugins/welcome/first-posts", async (req, reply) => {
        if (req.actor.kind !== "user" || req.actor.role !== "admin") {
          return reply.status(403).send({ error: { code: "forbidden", message: req.t("errors:forbidden") } });
        }
        const rows = await ctx.db
          .selectFrom("welcome_first_posts as w")
          .innerJoin("users as u", "u.id", "w.user_id")
          .select(["u.username", "w.post_id", "w.topic_id"])
          .orderBy("w.post_id", "desc")
          .limit(50)
          .execute();
        return { title: req.t("plugin.welcome:listTitle"), firstPosts: rows.map((r) => ({ username: r.username, postId: r.post_id, topicId: r.topic_id })) };
      });
    });
  },
};
