import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { system } from "../../domain/actor.js";
import { setCategoryPermissions } from "../../domain/community/commands/setCategoryPermissions.js";
import { xml } from "./seo.js";

describe("robots.txt, sitemaps and feeds", () => {
  let t: TestApp;
  let publicTopic: { id: number; url: string };
  let privateTopic: { id: number; url: string };

  beforeAll(async () => {
    t = await testApp();
    const open = await makeCategory(t.ctx, { name: "Open & <public>", slug: "open-seo" });
    const secret = await makeCategory(t.ctx, { name: "Staff only", slug: "staff-seo" });
    const groups = await t.ctx.cache.groups();
    const set = await setCategoryPermissions(t.ctx, system, { id: secret.id, permissions: [{ groupId: groups.builtin.staff, level: "create" }] });
    if (!set.ok) throw new Error(JSON.stringify(set));
    const staff = await makeUser(t.ctx, { staff: true });
    publicTopic = await makeTopic(t.ctx, staff, { categoryId: open.id, title: "Public <b>topic</b> & more", body: "Everyone may read this." });
    privateTopic = await makeTopic(t.ctx, staff, { categoryId: secret.id, title: "Secret roadmap", body: "Staff only." });
  });
  afterAll(() => t.close());

  it("points crawlers at the sitemap and keeps them out of private and form pages", async () => {
    const res = await t.server.inject("/robots.txt");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Sitemap: http://hiroba.test/sitemap.xml");
    expect(res.body).toContain("Disallow: /admin");
  });

  it("lists public topics and categories in the sitemap, never private ones, even for an admin", async () => {
    const admin = new Client(t.server);
    await admin.login("admin", PASSWORD);
    const index = await admin.get("/sitemap.xml");
    expect(index.statusCode).toBe(200);
    expect(index.headers["content-type"]).toContain("application/xml");
    expect(index.body).toContain("http://hiroba.test/sitemap/topics-1.xml");
    const topics = await admin.get("/sitemap/topics-1.xml");
    expect(topics.body).toContain(`http://hiroba.test${publicTopic.url}`);
    expect(topics.body).not.toContain(`/t/${privateTopic.id}/`);
    const pages = await admin.get("/sitemap/pages.xml");
    expect(pages.body).toContain("/c/open-seo");
    expect(pages.body).not.toContain("staff-seo");
    expect((await admin.get("/sitemap/topics-99.xml")).statusCode).toBe(404);
  });

  it("serves Atom feeds of what visitors see, escaped, and no feed for a private category", async () => {
    const member = new Client(t.server);
    await member.login("admin", PASSWORD);
    const latest = await member.get("/latest.atom");
    expect(latest.statusCode).toBe(200);
    expect(latest.headers["content-type"]).toContain("application/atom+xml");
    expect(latest.body).toContain("Public &lt;b&gt;topic&lt;/b&gt; &amp; more");
    expect(latest.body).not.toContain("Secret roadmap");
    const posts = await member.get("/posts.atom");
    expect(posts.body).toContain("Everyone may read this.");
    expect(posts.body).not.toContain("Staff only.");
    expect((await member.get("/c/open-seo.atom")).body).toContain("Open &amp; &lt;public&gt;");
    expect((await member.get("/c/staff-seo.atom")).statusCode).toBe(404);
    expect((await member.get("/c/nope.atom")).statusCode).toBe(404);
    const page = await new Client(t.server).get("/");
    expect(page.body).toContain('type="application/atom+xml"');
  });

  it("escapes XML and drops characters XML cannot carry", () => {
    expect(xml(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});
