import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../test/harness.js";
import { PASSWORD, makeCategory, makeReply, makeTopic, makeUser } from "../../test/factories.js";
import { rootDir } from "../lib/paths.js";
import { JobRegistry } from "../jobs/registry.js";
import { Hooks } from "./hooks.js";
import type { PluginSetup } from "./plugin.js";
import { importPlugins, installPlugins } from "./loadPlugins.js";

describe("the example plugin, loaded through PLUGINS", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { PLUGINS: path.join(rootDir, "plugins/welcome/index.js") } });
  });
  afterAll(() => t.close());

  it("filters post bodies before they are saved", async () => {
    const cat = await makeCategory(t.ctx);
    const member = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, member, { categoryId: cat.id, body: "Hello :wave: everyone" });
    const res = await new Client(t.server).json("GET", `/api/v1/topics/${topic.id}`);
    expect(res.json().posts[0].body).toBe("Hello 👋 everyone");
  });

  it("renders its slot in its own strings, for visitors only", async () => {
    const visitor = await new Client(t.server).get("/", { "accept-language": "ja" });
    expect(visitor.body).toContain("はじめての方へ");
    const member = await makeUser(t.ctx);
    const c = new Client(t.server);
    await c.login(member.username, PASSWORD);
    expect((await c.get("/")).body).not.toContain("plugin-welcome-invite");
  });

  it("runs its event job after commit, writes its own table and serves its route to admins only", async () => {
    const cat = await makeCategory(t.ctx);
    const newcomer = await makeUser(t.ctx);
    const veteran = await makeUser(t.ctx);
    const first = await makeTopic(t.ctx, veteran, { categoryId: cat.id });
    await makeReply(t.ctx, veteran, first.id);
    const reply = await makeReply(t.ctx, newcomer, first.id);
    await t.ctx.jobs.drain();
    const admin = new Client(t.server);
    await admin.login("admin", PASSWORD);
    const res = await admin.json("GET", "/api/v1/plugins/welcome/first-posts");
    expect(res.statusCode).toBe(200);
    const rows = res.json().firstPosts as Array<{ username: string; postId: number }>;
    expect(rows).toContainEqual({ username: newcomer.username, postId: reply.id, topicId: first.id });
    expect(rows.filter((r) => r.username === veteran.username)).toEqual([{ username: veteran.username, postId: first.postId, topicId: first.id }]);
    const member = new Client(t.server);
    await member.login(newcomer.username, PASSWORD);
    expect((await member.json("GET", "/api/v1/plugins/welcome/first-posts")).statusCode).toBe(403);
  });
});

describe("loading plugins", () => {
  it("rejects a module without a plugin", async () => {
    await expect(importPlugins([path.join(rootDir, "src/lib/paths.ts")])).rejects.toThrow(/no default export/);
  });

  it("registers batched event jobs under the plugin's prefix", async () => {
    const seen: unknown[][] = [];
    const registry = new JobRegistry();
    const plugin = { name: "tally", setup: (api: PluginSetup) => api.onBatch("post.created", "count", async (_ctx, payloads) => void seen.push(payloads)) };
    await installPlugins([plugin], registry, new Hooks());
    const [def] = registry.subscribersOf("post.created");
    expect(def.kind).toBe("plugin.tally.count");
    await def.batch!(null as never, [{ postId: 1 }, { postId: 2 }]);
    await def.handler(null as never, { postId: 3 });
    expect(seen).toEqual([[{ postId: 1 }, { postId: 2 }], [{ postId: 3 }]]);
  });

  it("rejects bad names and duplicates", async () => {
    const bad = { name: "Bad Name", setup() {} };
    await expect(installPlugins([bad], new JobRegistry(), new Hooks())).rejects.toThrow(/lower-case/);
    const ok = { name: "twice", setup() {} };
    await expect(installPlugins([ok, ok], new JobRegistry(), new Hooks())).rejects.toThrow(/twice/);
  });
});
