import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeCategory, makeReply, makeTopic, makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";

const csrfMeta = (html: string) => /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];

describe("pages cached for anonymous readers", () => {
  let t: TestApp;
  let author: UserActor;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    author = await makeUser(t.ctx, { name: "Cache Author" });
  });
  afterAll(() => t.close());

  it("serves each visitor the same page with their own CSRF token", async () => {
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "Cached topic page" });
    const first = await new Client(t.server).get(topic.url);
    const second = await new Client(t.server).get(topic.url);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    const tokens = [first, second].map((r) => r.cookies.find((c) => c.name === "hiroba_csrf")?.value);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(csrfMeta(first.body)).toBe(tokens[0]);
    expect(csrfMeta(second.body)).toBe(tokens[1]);
    expect(second.body.replaceAll(tokens[1]!, "T")).toBe(first.body.replaceAll(tokens[0]!, "T"));
  });

  it("shows a new reply on the next view, in pages and JSON", async () => {
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "A topic that gets a reply" });
    const visitor = new Client(t.server);
    await visitor.get(topic.url);
    await visitor.get(`/c/${cat.slug}`);
    await visitor.json("GET", `/api/v1/topics/${topic.id}`);
    await makeReply(t.ctx, author, topic.id, "A brand new reply zqcachereply");
    expect((await visitor.get(topic.url)).body).toContain("zqcachereply");
    expect((await visitor.json("GET", `/api/v1/topics/${topic.id}`)).body).toContain("zqcachereply");
    const list = await visitor.get(`/c/${cat.slug}`);
    expect(list.body).toContain("A topic that gets a reply");
  });

  it("retires cached pages after a write that commits outside a transaction", async () => {
    const cat = await makeCategory(t.ctx);
    const member = await makeUser(t.ctx, { name: "Old Name" });
    const topic = await makeTopic(t.ctx, member, { categoryId: cat.id, title: "Whose name is shown" });
    const visitor = new Client(t.server);
    expect((await visitor.get(topic.url)).body).toContain("Old Name");
    const client = new Client(t.server);
    await client.login(member.username, PASSWORD);
    const saved = await client.form("/settings/profile", { name: "New Name", bio: "" });
    expect(saved.statusCode).toBeLessThan(400);
    expect((await visitor.get(topic.url)).body).toContain("New Name");
  });

  it("never serves a signed-in reader from the cache, nor caches their page", async () => {
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "Seen by a member" });
    const member = await makeUser(t.ctx, { name: "Signed In Reader" });
    const client = new Client(t.server);
    await client.login(member.username, PASSWORD);
    const mine = await client.get(topic.url);
    expect(mine.body).toContain(member.username);
    const anonymous = await new Client(t.server).get(topic.url);
    expect(anonymous.body).not.toContain(member.username);
    expect((await client.get(topic.url)).body).toContain(member.username);
  });
});

describe("cached pages are sent compressed", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
  });
  afterAll(() => t.close());

  it("gives a gzip-accepting visitor the gzipped page with their own token, others the text", async () => {
    const author = await makeUser(t.ctx, { name: "Gzip Author" });
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "圧縮されたページ" });
    const first = await new Client(t.server).get(topic.url);
    let hit = null;
    for (let i = 0; i < 50 && !hit; i++) {
      const r = await new Client(t.server).get(topic.url, { "accept-encoding": "gzip, deflate, br" });
      if (r.headers["content-encoding"] === "gzip") hit = r;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(hit).not.toBeNull();
    expect(String(hit!.headers.vary)).toContain("Accept-Encoding");
    const html = zlib.gunzipSync(hit!.rawPayload).toString();
    const token = hit!.cookies.find((c) => c.name === "hiroba_csrf")?.value;
    expect(csrfMeta(html)).toBe(token);
    expect(html).toContain(`name="_csrf" value="${token}"`);
    const firstToken = first.cookies.find((c) => c.name === "hiroba_csrf")?.value;
    expect(html.replaceAll(token!, "T")).toBe(first.body.replaceAll(firstToken!, "T"));

    const plain = await new Client(t.server).get(topic.url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toContain("圧縮されたページ");
    const refused = await new Client(t.server).get(topic.url, { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });
});
