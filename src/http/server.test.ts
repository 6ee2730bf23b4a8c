import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../test/harness.js";
import { PASSWORD, makeCategory, makeUser } from "../../test/factories.js";
import { createApiKey } from "../domain/accounts/commands/createApiKey.js";
import { system } from "../domain/actor.js";

describe("a fresh community", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ setup: false });
  });
  afterAll(() => t.close());

  it("answers health checks with the engine", async () => {
    const res = await t.server.inject("/healthz");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", db: t.ctx.engine });
  });

  it("sends every page to setup, which keeps input on errors and then creates the admin", async () => {
    const c = new Client(t.server);
    const home = await c.get("/");
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe("/setup");
    const bad = await c.form("/setup", { siteName: "ひろば", locale: "ja", username: "x", email: "not-an-email", password: "short" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="ひろば"');
    expect(bad.body).toContain("not-an-email");
    expect(bad.body).not.toContain("short");
    const ok = await c.form("/setup", { siteName: "ひろば", locale: "ja", username: "founder", email: "founder@example.com", password: PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(c.cookies.get("hiroba_session")).toBeTruthy();
    const page = await c.get("/", { "accept-language": "en" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ひろば");
    // The founder chose Japanese as the default; the starter categories are Japanese.
    const cats = await c.json("GET", "/api/v1/categories");
    expect(cats.json().categories.map((x: { name: string }) => x.name)).toContain("一般");
    const again = await c.get("/setup");
    expect(again.statusCode).toBe(303);
  });
});

describe("topics and replies over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("lets a member start a topic and reply through forms, and shows it to visitors", async () => {
    const cat = await makeCategory(t.ctx, { name: "Help" });
    const member = await makeUser(t.ctx);
    const c = new Client(t.server);
    await c.login(member.username, PASSWORD);
    const empty = await c.form("/new-topic", { categoryId: String(cat.id), title: "", body: "本文はここに", tags: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("本文はここに");
    expect(empty.body).toContain("This field is required.");
    const created = await c.form("/new-topic", { categoryId: String(cat.id), title: "設定の方法を教えてください", body: "**太字** と <script>alert(1)</script>", tags: "setup, 質問" });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location as string;
    expect(url).toMatch(/^\/t\/\d+\//);
    const visitor = new Client(t.server);
    const page = await visitor.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("設定の方法を教えてください");
    expect(page.body).toContain("<strong>太字</strong>");
    expect(page.body).not.toContain("<script>alert(1)</script>");
    expect(page.body).toContain("&lt;script&gt;");
    expect(page.body).toContain('<link rel="canonical" href="http://hiroba.test/t/');
    expect(page.body).toContain("DiscussionForumPosting");
    const topicId = Number(url.split("/")[2]);
    const reply = await c.form(`/t/${topicId}/reply`, { body: "自己解決しました" });
    expect(reply.statusCode).toBe(303);
    const after = await visitor.get(url);
    expect(after.body).toContain("自己解決しました");
  });

  it("sends the security headers on pages, cached pages, the API and assets", async () => {
    const visitor = new Client(t.server);
    const first = await visitor.get("/");
    const cached = await visitor.get("/");
    const api = await t.server.inject("/api/v1/categories");
    const missing = await t.server.inject("/api/v1/topics/999999");
    for (const res of [first, cached, api, missing]) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    }
    expect(missing.statusCode).toBe(404);
  });

  it("rejects a form without the CSRF token", async () => {
    const member = await makeUser(t.ctx);
    const c = new Client(t.server);
    await c.login(member.username, PASSWORD);
    const res = await c.form("/new-topic", { categoryId: "1", title: "No token here", body: "x" }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });

  it("serves the JSON API with an API key, with the contract's shapes and errors", async () => {
    const cat = await makeCategory(t.ctx);
    const staff = await makeUser(t.ctx, { staff: true });
    const key = await createApiKey(t.ctx, system, { userId: staff.id });
    if (!key.ok) throw new Error("key");
    const auth = { authorization: `Bearer ${key.value.key}` };
    const c = new Client(t.server, auth);
    const bad = await c.json("POST", "/api/v1/topics", { categoryId: cat.id, title: "", body: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid");
    expect(bad.json().error.fields.title).toBeTruthy();
    const missing = await c.json("POST", "/api/v1/topics", { categoryId: 999999, title: "Valid title", body: "x" });
    expect(missing.statusCode).toBe(404);
    const res = await c.json("POST", "/api/v1/topics", { categoryId: cat.id, title: "API topic", body: "From the API" });
    expect(res.statusCode).toBe(201);
    const { id, url } = res.json();
    expect(url).toContain(`/t/${id}/`);
    const reply = await c.json("POST", `/api/v1/topics/${id}/posts`, { body: "A reply from the API" });
    expect(reply.statusCode).toBe(201);
    const topic = await new Client(t.server).json("GET", `/api/v1/topics/${id}`);
    expect(topic.statusCode).toBe(200);
    const body = topic.json();
    expect(body.title).toBe("API topic");
    expect(body.posts).toHaveLength(2);
    expect(body.posts[0]).toMatchObject({ body: "From the API", author: { username: staff.username, staff: true } });
    expect(body.posts[0].cooked).toContain("<p>From the API</p>");
    const anon = await new Client(t.server).json("POST", `/api/v1/topics/${id}/posts`, { body: "anon" });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe("unauthenticated");
    const nope = await new Client(t.server).json("GET", "/api/v1/topics/99999999");
    expect(nope.statusCode).toBe(404);
    expect(nope.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("publishes an OpenAPI document for the API", async () => {
    const res = await t.server.inject("/api/openapi.json");
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.paths["/api/v1/topics"]).toBeTruthy();
    expect(doc.paths["/api/v1/topics/{id}/posts"].post).toBeTruthy();
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith("/api/v1"))).toBe(true);
  });
});
