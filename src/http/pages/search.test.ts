import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import type { UserActor } from "../../domain/actor.js";

const marker = () => `zq${crypto.randomBytes(4).toString("hex")}`;

describe("search over HTTP", () => {
  let t: TestApp;
  let author: UserActor;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    author = await makeUser(t.ctx, { name: "Hanako" });
  });
  afterAll(() => t.close());

  async function makePrivate(categoryId: number): Promise<void> {
    const groups = await t.ctx.cache.groups();
    await t.ctx.db.insertInto("category_permissions").values({ category_id: categoryId, group_id: groups.builtin.staff, level: "create" }).execute();
    t.ctx.cache.invalidate("categories");
  }

  describe("GET /api/v1/search", () => {
    it("answers with results in the documented shape", async () => {
      const word = marker();
      const cat = await makeCategory(t.ctx, { name: "Help" });
      const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: `Setup ${word}`, body: "管理画面の設定を変更する方法" });
      const reply = await makeReply(t.ctx, author, topic.id, `設定は ${word} から変更できます <script>x</script>`);
      await t.ctx.jobs.drain();
      const res = await new Client(t.server).json("GET", `/api/v1/search?q=${encodeURIComponent(`${word} 設定`)}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 2, totalCapped: false, page: 1, hasMore: false });
      expect(body.results).toHaveLength(2);
      const [first, second] = body.results;
      expect(first).toMatchObject({
        topicId: topic.id,
        postId: topic.postId,
        postNumber: 1,
        title: `Setup ${word}`,
        url: topic.url,
        category: { id: cat.id, slug: cat.slug, name: "Help" },
        author: { username: author.username, name: "Hanako" },
      });
      expect(Object.keys(first).sort()).toEqual(["author", "category", "createdAt", "postId", "postNumber", "snippet", "title", "topicId", "url"]);
      expect(first.snippet).toContain("<mark>設定</mark>");
      expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
      expect(second).toMatchObject({ postId: reply.id, postNumber: 2, url: `${topic.url}#post-2` });
      expect(second.snippet).toContain(`<mark>${word}</mark>`);
      expect(second.snippet).toContain("&lt;script&gt;");
      expect(second.snippet).not.toContain("<script>");
    });

    it("filters by category slug or id, titles only, and pages", async () => {
      const word = marker();
      const cat = await makeCategory(t.ctx);
      const other = await makeCategory(t.ctx);
      const inCat = await makeTopic(t.ctx, author, { categoryId: cat.id, title: `Title ${word}`, body: "body" });
      await makeTopic(t.ctx, author, { categoryId: other.id, title: "Elsewhere", body: `body ${word}` });
      await t.ctx.jobs.drain();
      const c = new Client(t.server);
      for (const ref of [cat.slug, String(cat.id)]) {
        const res = await c.json("GET", `/api/v1/search?q=${word}&category=${ref}`);
        expect(res.json().results.map((r: { postId: number }) => r.postId)).toEqual([inCat.postId]);
      }
      const titles = await c.json("GET", `/api/v1/search?q=${word}&in=title`);
      expect(titles.json().results.map((r: { postId: number }) => r.postId)).toEqual([inCat.postId]);
      const page2 = await c.json("GET", `/api/v1/search?q=${word}&page=2`);
      expect(page2.json()).toMatchObject({ results: [], total: 2, page: 2, hasMore: false });
    });

    it("answers 400 with a translated message for an empty query", async () => {
      const c = new Client(t.server);
      for (const url of ["/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%20%E3%80%80", "/api/v1/search?q=!!!"]) {
        const res = await c.json("GET", url, undefined, { "accept-language": "en" });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ error: { code: "invalid", message: "Enter at least one word to search for.", fields: { q: "Enter at least one word to search for." } } });
      }
      const ja = await c.json("GET", "/api/v1/search?q=", undefined, { "accept-language": "ja" });
      expect(ja.json().error.message).toBe("検索するキーワードを入力してください。");
      const long = await c.json("GET", `/api/v1/search?q=${"a".repeat(501)}`);
      expect(long.statusCode).toBe(400);
      expect(long.json().error.code).toBe("invalid");
    });

    it("answers 404 for a category that does not exist or that the caller may not see", async () => {
      const secret = await makeCategory(t.ctx);
      await makePrivate(secret.id);
      const c = new Client(t.server);
      for (const ref of ["no-such-category", secret.slug, String(secret.id)]) {
        const res = await c.json("GET", `/api/v1/search?q=anything&category=${ref}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe("not_found");
      }
    });

    it("never returns posts from a private category to members or visitors", async () => {
      const word = marker();
      const secret = await makeCategory(t.ctx);
      await makePrivate(secret.id);
      const admin = await makeUser(t.ctx, { role: "admin" });
      await makeTopic(t.ctx, admin, { categoryId: secret.id, title: "Internal", body: `${word} 社外秘` });
      await t.ctx.jobs.drain();
      const member = await makeUser(t.ctx);
      const c = new Client(t.server);
      await c.login(member.username, PASSWORD);
      expect((await c.json("GET", `/api/v1/search?q=${word}`)).json()).toMatchObject({ results: [], total: 0 });
      expect((await new Client(t.server).json("GET", `/api/v1/search?q=${word}`)).json()).toMatchObject({ results: [], total: 0 });
      const a = new Client(t.server);
      await a.login(admin.username, PASSWORD);
      expect((await a.json("GET", `/api/v1/search?q=${word}`)).json().total).toBe(1);
    });

    it("is documented in the OpenAPI document", async () => {
      const doc = (await t.server.inject("/api/openapi.json")).json();
      const op = doc.paths["/api/v1/search"].get;
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["q", "page", "category", "in"]));
      expect(op.responses["200"]).toBeTruthy();
      expect(op.responses["400"]).toBeTruthy();
    });
  });

  describe("the /search page", () => {
    it("shows only the form for an empty query, and is kept out of search engines", async () => {
      const res = await new Client(t.server).get("/search", { "accept-language": "en" });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<meta name="robots" content="noindex"/>');
      expect(res.body).toContain('id="search-q"');
      expect(res.body).toContain("Search every topic and reply you can read.");
      expect(res.body).not.toContain("search-results");
      expect(res.body).not.toContain("alert-error");
    });

    it("lists highlighted results with category, author and a link to the post, keeping the query", async () => {
      const word = marker();
      const cat = await makeCategory(t.ctx, { name: "使い方" });
      const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "コミュニティの設定", body: `最初の投稿 ${word}` });
      const reply = await makeReply(t.ctx, author, topic.id, `コミュニティの <b>設定</b> は ${word} です`);
      await t.ctx.jobs.drain();
      const q = `ｺﾐｭﾆﾃｨ ${word}`;
      const res = await new Client(t.server).get(`/search?q=${encodeURIComponent(q)}`, { "accept-language": "ja" });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<meta name="robots" content="noindex"/>');
      expect(res.body).toContain(`value="${q}"`);
      expect(res.body).toContain(`<title>「${q}」の検索結果 - Test Community</title>`);
      expect(res.body).toContain("2 件");
      expect(res.body).toContain(`href="${topic.url}"`);
      expect(res.body).toContain(`href="${topic.url}#post-2"`);
      expect(res.body).toContain(`data-post-id="${reply.id}"`);
      expect(res.body).toContain("<mark>コミュニティ</mark>の設定");
      expect(res.body).toContain("&lt;b&gt;設定&lt;/b&gt;");
      expect(res.body).not.toContain("<b>設定</b>");
      expect(res.body).toContain("使い方");
      expect(res.body).toContain("Hanako");
      expect(res.body).toContain("返信 #2");
    });

    it("keeps the filters and pages with them", async () => {
      const word = marker();
      const cat = await makeCategory(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "Paging", body: word });
      for (let i = 0; i < 21; i++) await makeReply(t.ctx, author, topic.id, `${word} ${i}`);
      await t.ctx.jobs.drain();
      const c = new Client(t.server);
      const res = await c.get(`/search?q=${word}&category=${cat.id}`, { "accept-language": "en" });
      expect(res.body).toContain("22 results");
      expect(res.body).toContain(`<option value="${cat.id}" selected>`);
      expect(res.body).toContain(`href="/search?q=${word}&amp;category=${cat.id}&amp;page=2"`);
      expect(res.body).toContain("Page 1 of 2");
      const page2 = await c.get(`/search?q=${word}&category=${cat.id}&page=2`, { "accept-language": "en" });
      expect(page2.body.match(/class="search-result"/g)).toHaveLength(2);
      const titles = await c.get(`/search?q=${word}&in=title`, { "accept-language": "en" });
      expect(titles.body).toMatch(/name="in" value="title" checked/);
    });

    it("explains when nothing matches and suggests what to try", async () => {
      const cat = await makeCategory(t.ctx);
      const c = new Client(t.server);
      const none = await c.get(`/search?q=${marker()}`, { "accept-language": "en" });
      expect(none.statusCode).toBe(200);
      expect(none.body).toContain("No posts match");
      expect(none.body).toContain("Check the spelling");
      expect(none.body).not.toContain("Search all categories, titles and replies");
      const q = marker();
      const filtered = await c.get(`/search?q=${q}&category=${cat.id}&in=title`, { "accept-language": "ja" });
      expect(filtered.body).toContain("に一致するタイトルは見つかりませんでした");
      expect(filtered.body).toContain(`href="/search?q=${q}"`);
    });

    it("shows a translated message for a query without searchable words, and for an unknown category", async () => {
      const c = new Client(t.server);
      const bad = await c.get("/search?q=%21%21%21", { "accept-language": "en" });
      expect(bad.statusCode).toBe(200);
      expect(bad.body).toContain("Enter at least one word to search for.");
      expect(bad.body).toContain('value="!!!"');
      const missing = await c.get("/search?q=hello&category=no-such-category", { "accept-language": "en" });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('value="hello"');
    });

    it("escapes the query wherever the page repeats it", async () => {
      const res = await new Client(t.server).get(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
      expect(res.body).not.toContain("<script>alert(1)</script>");
      expect(res.body).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
    });
  });
});
