import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeCategory, makeReply, makeTopic, makeUser } from "../test/factories.js";
import { Client, type TestApp, testApp } from "../test/harness.js";
import { saveSettings } from "../src/domain/community/repo.js";
import type { ThemeId } from "../src/domain/community/types.js";
import type { UserActor } from "../src/domain/actor.js";
import { theme } from "../src/render/themes.js";
import { supportTheme } from "./support/index.js";
import { CategoriesPage as SupportCategoriesPage, TopicPage as SupportTopicPage } from "./support/pages.js";
import { Shell as SupportShell } from "./support/Shell.js";
import { bbsTheme } from "./bbs/index.js";
import { socialTheme } from "./social/index.js";

// Each theme's pages over HTTP, in Japanese and English: the structure that makes the theme what
// it is (support: search and unanswered first; social: a feed with avatars, newest first; bbs:
// index and thread tables with last posters, numbered posts), and theme inheritance.

const LANGS = { ja: "ja,en;q=0.5", en: "en,ja;q=0.5" } as const;
type Lang = keyof typeof LANGS;

/** Text between a marker and the next `</tag>` of the given name (enough to scope an assertion). */
function section(html: string, marker: string, endTag: string): string {
  const start = html.indexOf(marker);
  expect(start, `missing ${marker}`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf(`</${endTag}>`, start);
  return html.slice(start, end === -1 ? undefined : end);
}

const order = (html: string, ...needles: string[]) => needles.map((n) => html.indexOf(n));

let t: TestApp;
let staff: UserActor;
let member: UserActor;
let parent: { id: number; slug: string };
let child: { id: number; slug: string };
let hidden: { id: number; slug: string };
let pinned: { id: number; url: string };
let answered: { id: number; url: string };
let open: { id: number; url: string };
let longPostBody: string;

async function useTheme(id: ThemeId): Promise<void> {
  await saveSettings(t.ctx.db, { theme: id }, new Date());
  t.ctx.cache.invalidate("settings");
}

const get = (url: string, lang: Lang, client = new Client(t.server)) => client.get(url, { "accept-language": LANGS[lang] });

beforeAll(async () => {
  t = await testApp();
  staff = await makeUser(t.ctx, { staff: true, name: "佐藤 花子" });
  member = await makeUser(t.ctx, { name: "田中 一郎" });
  await t.ctx.db.updateTable("users").set({ title: "サポートチーム" }).where("id", "=", staff.id).execute();
  parent = await makeCategory(t.ctx, { name: "使い方ガイド" });
  child = await makeCategory(t.ctx, { name: "インストール", parentId: parent.id });
  hidden = await makeCategory(t.ctx, { name: "社内限定メモ" });
  // Only staff may see the hidden category; it must not reach anyone else's navigation.
  const groups = await t.ctx.cache.groups();
  await t.ctx.db.insertInto("category_permissions").values({ category_id: hidden.id, group_id: groups.builtin.staff, level: "create" }).execute();
  t.ctx.cache.invalidate("categories");

  pinned = await makeTopic(t.ctx, staff, { categoryId: parent.id, title: "はじめにお読みください", body: "ルールと使い方のまとめです。" });
  await t.ctx.db.updateTable("topics").set({ pinned: true }).where("id", "=", pinned.id).execute();
  open = await makeTopic(t.ctx, member, { categoryId: parent.id, title: "Two-factor login with a hardware key?", body: "Does login support WebAuthn?" });
  answered = await makeTopic(t.ctx, member, { categoryId: child.id, title: "インストーラーが止まります", body: "70% で止まってしまいます。" });
  await makeReply(t.ctx, staff, answered.id, "設定フォルダの名前を変更してください。");
  longPostBody = Array.from({ length: 8 }, (_, i) => `手順 ${i + 1}：画面右上の設定を開き、通知の項目を確認してから保存してください。`).join("\n\n");
  await makeReply(t.ctx, member, answered.id, longPostBody);
});

afterAll(async () => {
  await useTheme("support");
  await t.close();
});

describe("theme inheritance", () => {
  it("fills in what a theme does not override from the theme it extends", () => {
    expect(socialTheme.extends).toBe("support");
    expect(bbsTheme.extends).toBe("support");
    const social = theme("social");
    expect(social.id).toBe("social");
    expect(social.stylesheet).toBe("social.css");
    expect(social.components.CategoriesPage).toBe(SupportCategoriesPage);
    expect(social.components.HomePage).toBe(socialTheme.components.HomePage);
    expect(social.components.PostView).toBe(supportTheme.components.PostView);
    const bbs = theme("bbs");
    expect(bbs.components.Shell).toBe(SupportShell);
    expect(bbs.components.TopicPage).not.toBe(SupportTopicPage);
    expect(bbs.components.PostView).toBe(bbsTheme.components.PostView);
    expect(bbs.homeNeeds).toEqual(["categories"]);
  });

  it("falls back to the default theme for an unknown id", () => {
    expect(theme("no-such-theme").id).toBe("support");
    expect(theme("no-such-theme").components.HomePage).toBe(supportTheme.components.HomePage);
  });
});

describe.each(["ja", "en"] as const)("support theme (%s)", (lang) => {
  const s = {
    ja: { unanswered: "回答を待っている質問", latest: "最近の動き", staff: "スタッフ" },
    en: { unanswered: "Waiting for an answer", latest: "Latest activity", staff: "Staff" },
  }[lang];
  beforeAll(() => useTheme("support"));

  it("leads the home page with the search box, then unanswered questions", async () => {
    const res = await get("/", lang);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-theme="support"');
    expect(res.body).toContain(`lang="${lang}"`);
    const [hero, unanswered, latest] = order(res.body, 'id="hero-q"', s.unanswered, s.latest);
    expect(hero).toBeGreaterThan(0);
    expect(unanswered).toBeGreaterThan(hero);
    expect(latest).toBeGreaterThan(unanswered);
    const panel = section(res.body, 'id="unanswered-title"', "section");
    expect(panel).toContain(open.url);
    expect(panel).not.toContain(answered.url);
    expect(res.body).toContain('<main id="main"');
    expect(res.body).toContain('role="search"');
  });

  it("shows a topic with breadcrumbs, the staff badge and the reply prompt", async () => {
    const res = await get(answered.url, lang);
    expect(res.statusCode).toBe(200);
    const crumbs = section(res.body, 'class="breadcrumbs"', "nav");
    expect(crumbs).toContain(`/c/${parent.slug}`);
    expect(crumbs).toContain(`/c/${child.slug}`);
    expect(res.body).toContain(`class="badge badge-staff"`);
    expect(res.body).toContain(s.staff);
    expect(res.body).toContain('data-posts');
    expect(res.body).toContain('id="post-2"');
  });
});

describe.each(["ja", "en"] as const)("social theme (%s)", (lang) => {
  const s = {
    ja: { started: "を投稿しました", replied: "に返信しました", more: "続きを読む", staff: "スタッフ", feed: "みんなの投稿" },
    en: { started: "started ", replied: "replied to ", more: "Read more", staff: "Staff", feed: "What's happening" },
  }[lang];
  beforeAll(() => useTheme("social"));

  it("makes the home page a feed of posts with avatars, newest first", async () => {
    const res = await get("/", lang);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-theme="social"');
    expect(res.body).toContain(s.feed);
    const feed = section(res.body, '<ol class="feed">', "ol");
    const items = feed.split('<li class="feed-item">').slice(1);
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const item of items) expect(item).toContain('class="avatar"');
    // Newest first: the long reply (the last post made), the staff answer, then the topics they answer.
    const longReply = items.findIndex((i) => i.includes("手順 1"));
    const staffAnswer = items.findIndex((i) => i.includes("設定フォルダの名前を変更してください"));
    const started = items.findIndex((i) => i.includes("Does login support WebAuthn?"));
    expect(longReply).toBe(0);
    expect(staffAnswer).toBe(1);
    expect(started).toBeGreaterThan(staffAnswer);
    expect(items[started]).toContain(s.started);
    expect(items[started]).toContain(open.url);
    expect(items[staffAnswer]).toContain(s.replied);
    expect(items[staffAnswer]).toContain(s.staff);
    expect(items[staffAnswer]).toContain("佐藤 花子");
    // Long posts are clamped with "read more"; short ones are not.
    expect(items[longReply]).toContain("is-clamped");
    expect(items[longReply]).toContain(s.more);
    expect(items[staffAnswer]).not.toContain(s.more);
  });

  it("lists the readable categories in the navigation column, never a restricted one", async () => {
    const res = await get("/", lang);
    const side = section(res.body, 'class="social-sidebar"', "aside");
    expect(side).toContain(`/c/${parent.slug}`);
    expect(side).toContain(`/c/${child.slug}`);
    expect(res.body).not.toContain("社内限定メモ");
    const c = new Client(t.server);
    await c.login(staff.username, PASSWORD);
    const asStaff = await get("/", lang, c);
    expect(section(asStaff.body, 'class="social-sidebar"', "aside")).toContain("社内限定メモ");
  });

  it("shows topic lists as cards and a topic as a conversation", async () => {
    const list = await get(`/c/${parent.slug}`, lang);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('class="topic-cards"');
    expect(list.body.split('<li class="topic-card').length - 1).toBe(3);
    const page = await get(answered.url, lang);
    expect(page.body).toContain("posts conversation");
    expect(page.body).toContain('class="replies-heading"');
    expect(page.body.indexOf('id="post-1"')).toBeLessThan(page.body.indexOf('class="replies-heading"'));
  });
});

describe.each(["ja", "en"] as const)("bbs theme (%s)", (lang) => {
  const s = {
    ja: { heads: ["カテゴリ", "トピック", "投稿", "最終投稿"], threadHeads: ["トピック", "返信", "閲覧", "最終投稿"], pinned: "固定", subs: "サブカテゴリ" },
    en: { heads: ["Forum", "Topics", "Posts", "Last post"], threadHeads: ["Topic", "Replies", "Views", "Last post"], pinned: "Pinned", subs: "Sub-forums" },
  }[lang];
  beforeAll(() => useTheme("bbs"));

  it("makes the home page a category index table with counts and the last post", async () => {
    const res = await get("/", lang);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-theme="bbs"');
    const head = section(res.body, "<thead>", "thead");
    for (const h of s.heads) expect(head).toContain(`>${h}</th>`);
    const row = section(res.body, `href="/c/${parent.slug}"`, "tr");
    // The parent's row rolls up its sub-category: its latest post is the long reply in "インストール".
    expect(row).toContain(answered.url);
    expect(row).toContain(`/u/${member.username}`);
    expect(row).toContain(`href="/c/${child.slug}"`);
    expect(row).toContain(s.subs);
    expect(res.body).not.toContain("社内限定メモ");
  });

  it("lists threads in a table, pinned first with a marker, with the last poster", async () => {
    const res = await get(`/c/${parent.slug}`, lang);
    expect(res.statusCode).toBe(200);
    const table = section(res.body, 'class="bbs-table thread-table"', "table");
    const head = section(table, "<thead>", "thead");
    for (const h of s.threadHeads) expect(head).toContain(`>${h}</th>`);
    const [pin, other] = order(table, pinned.url, answered.url);
    expect(pin).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(pin);
    expect(table).toContain('class="pinned-group"');
    const pinnedRow = section(table, 'class="thread-row is-pinned"', "tr");
    expect(pinnedRow).toContain(`class="pin-label">${s.pinned}<`);
    // Icons are inline SVG shapes (no emoji, no injected markup).
    expect(pinnedRow).toMatch(/<svg class="icon icon-pin"[^>]*aria-hidden="true"[^>]*><path d="M12 17v5"><\/path><path d="M9 10\.8/);
    const row = section(table, `data-topic-id="${answered.id}"`, "tr");
    expect(row).toContain('class="last-poster">田中 一郎<');
    expect(row).toMatch(/data-label="[^"]+">2</);
    // Sub-categories are shown as a small index above the threads.
    expect(res.body).toContain('class="bbs-table forum-table"');
  });

  it("numbers the posts of a thread with the poster's column", async () => {
    const res = await get(answered.url, lang);
    expect(res.statusCode).toBe(200);
    const second = section(res.body, 'id="post-2"', "article");
    expect(second).toContain('class="bbs-post-user"');
    expect(second).toContain(">#2<");
    expect(second).toContain("佐藤 花子");
    expect(second).toContain("badge-staff");
    expect(second).toContain("サポートチーム");
    expect(second).toMatch(/<time datetime="[^"]+">[^<]*\d{1,2}:\d{2}/);
  });

  it("renders a live-update fragment with the theme's own post markup", async () => {
    const post = await t.ctx.db.selectFrom("posts").select("id").where("topic_id", "=", answered.id).where("post_number", "=", 2).executeTakeFirstOrThrow();
    const bbs = await get(`/p/${post.id}/fragment`, lang);
    expect(bbs.statusCode).toBe(200);
    expect(bbs.body.startsWith("<article")).toBe(true);
    expect(bbs.body).toContain("bbs-post");
    await useTheme("support");
    const support = await get(`/p/${post.id}/fragment`, lang);
    expect(support.body).not.toContain("bbs-post");
    expect(support.body).toContain('class="post-header"');
    await useTheme("bbs");
  });
});

describe.each(["support", "social", "bbs"] as const)("every page in the %s theme", (id) => {
  beforeAll(() => useTheme(id));
  it.each(["ja", "en"] as const)("renders home, categories, a category, a topic and latest in %s", async (lang) => {
    for (const url of ["/", "/categories", `/c/${child.slug}`, answered.url, "/latest", "/unanswered?page=2"]) {
      const res = await get(url, lang);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`data-theme="${id}"`);
      expect(res.body).toContain('<main id="main"');
      expect(res.body).toContain('class="skip-link"');
      // Menus open without JavaScript.
      expect(res.body).toContain('<details class="nav-menu">');
      // Every user-visible label went through i18n: no raw keys leak into the page.
      expect(res.body, url).not.toMatch(/>\s*(theme:)?(bbs|social|nav|footer|home|topic|list|feed|category|pager|search|composer|post)\.[a-zA-Z.]+\s*</);
    }
  });

  it("marks the colour scheme chosen in the footer, which overrides the system's", async () => {
    const c = new Client(t.server);
    c.cookies.set("hiroba_scheme", "dark");
    const res = await get("/", "en", c);
    expect(res.body).toContain('data-scheme="dark"');
    const footer = section(res.body, 'class="switcher scheme-switcher"', "form");
    expect(footer).toMatch(/value="dark" aria-pressed="true"/);
    expect(footer).toMatch(/value="light" aria-pressed="false"/);
    const auto = await get("/", "en");
    expect(auto.body).not.toContain("data-scheme=");
    expect(section(auto.body, 'class="switcher scheme-switcher"', "form")).toMatch(/value="auto" aria-pressed="true"/);
  });
});
