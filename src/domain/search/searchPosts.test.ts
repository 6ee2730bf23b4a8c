import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { type Actor, type UserActor, anonymous } from "../actor.js";
import { transact } from "../ctx.js";
import { searchIndex } from "./index.js";
import { reindexAll } from "./indexing.js";
import { SEARCH_COUNT_CAP, searchPosts } from "./queries/searchPosts.js";
import type { SearchResults } from "./types.js";

/** A Latin word no other test uses, so searches stay inside one test's data. */
const marker = () => `zq${crypto.randomBytes(4).toString("hex")}`;

describe("searchPosts", () => {
  let t: TestApp;
  let author: UserActor;
  let member: UserActor;
  let admin: UserActor;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    author = await makeUser(t.ctx);
    member = await makeUser(t.ctx);
    admin = await makeUser(t.ctx, { role: "admin" });
  });
  afterAll(() => t.close());

  async function search(actor: Actor, input: Record<string, unknown>): Promise<SearchResults> {
    const res = await searchPosts(t.ctx, actor, input);
    if (!res.ok) throw new Error("search failed: " + JSON.stringify(res));
    return res.value;
  }
  const postIds = (r: SearchResults) => r.results.map((x) => x.postId).sort((a, b) => a - b);

  /** A fresh category, and a search limited to it, so Japanese words from other tests do not interfere. */
  async function scope() {
    const cat = await makeCategory(t.ctx);
    const topic = async (title: string, body: string) => {
      const created = await makeTopic(t.ctx, author, { categoryId: cat.id, title, body });
      await t.ctx.jobs.drain();
      return created;
    };
    const find = (q: string, actor: Actor = member, extra: Record<string, unknown> = {}) => search(actor, { q, categoryId: cat.id, ...extra });
    return { cat, topic, find };
  }

  async function makePrivate(categoryId: number): Promise<void> {
    const groups = await t.ctx.cache.groups();
    await t.ctx.db.insertInto("category_permissions").values({ category_id: categoryId, group_id: groups.builtin.staff, level: "create" }).execute();
    t.ctx.cache.invalidate("categories");
  }

  it("finds the 2-character words 問題 and 設定 inside longer Japanese text", async () => {
    const s = await scope();
    const a = await s.topic("ログインできません", "昨日からログイン画面で問題が発生していて、パスワードの再設定もできない状態です。");
    const b = await s.topic("通知について", "メール通知の設定はどこから変更できますか。");
    await s.topic("無関係な話題", "今日はいい天気ですね。");
    expect(postIds(await s.find("問題"))).toEqual([a.postId]);
    expect(postIds(await s.find("設定"))).toEqual([a.postId, b.postId]);
  });

  it("finds a katakana word inside a sentence, also when typed in half-width katakana", async () => {
    const s = await scope();
    const a = await s.topic("参加方法", "このコミュニティに参加するにはどうすればよいですか。");
    await s.topic("別の話題", "コミックの話をしましょう。");
    expect(postIds(await s.find("コミュニティ"))).toEqual([a.postId]);
    expect(postIds(await s.find("ｺﾐｭﾆﾃｨ"))).toEqual([a.postId]);
    const hit = (await s.find("ｺﾐｭﾆﾃｨ")).results[0];
    expect(hit.snippetHtml).toContain("<mark>コミュニティ</mark>");
  });

  it("finds a single kanji as a prefix, wherever it stands in a word", async () => {
    const s = await scope();
    const a = await s.topic("質問があります", "初めての質問です。");
    const b = await s.topic("学問のすすめ", "読書の話です。");
    await s.topic("関係ない", "天気の話をします。");
    expect(postIds(await s.find("問"))).toEqual([a.postId, b.postId]);
  });

  it("matches English words case-insensitively and as whole words", async () => {
    const s = await scope();
    const a = await s.topic("Setup guide", "How do I configure Hiroba behind NGINX?");
    await s.topic("Settings", "The settings page moved.");
    expect(postIds(await s.find("nginx"))).toEqual([a.postId]);
    expect(postIds(await s.find("HIROBA Configure"))).toEqual([a.postId]);
    expect(postIds(await s.find("ＮＧＩＮＸ"))).toEqual([a.postId]);
    expect((await s.find("setting")).results).toHaveLength(0);
  });

  it("requires every word of a mixed Japanese and English query (AND)", async () => {
    const s = await scope();
    const both = await s.topic("Hiroba の設定", "Hiroba の設定を変更する方法を教えてください。");
    await s.topic("設定だけ", "別のソフトの設定について。");
    await s.topic("Hiroba only", "Hiroba is nice.");
    expect(postIds(await s.find("hiroba 設定"))).toEqual([both.postId]);
    expect(postIds(await s.find("Hiroba設定"))).toEqual([both.postId]);
  });

  it("finds quoted phrases only in that order", async () => {
    const s = await scope();
    const a = await s.topic("Phrase one", "パスワードを変更する手順と reset password flow");
    const b = await s.topic("Phrase two", "変更したパスワードで password reset はできますか");
    expect(postIds(await s.find("パスワード 変更"))).toEqual([a.postId, b.postId]);
    expect(postIds(await s.find("「パスワードを変更」"))).toEqual([a.postId]);
    expect(postIds(await s.find('"reset password"'))).toEqual([a.postId]);
    expect(postIds(await s.find('"password reset"'))).toEqual([b.postId]);
  });

  it("searches titles only when asked, and ranks a title match above a body match", async () => {
    const s = await scope();
    const word = marker();
    const inBody = await s.topic("An ordinary title", `The word ${word} is only in this body.`);
    const inTitle = await s.topic(`About ${word}`, "Nothing else to say here.");
    const all = await s.find(word);
    expect(all.results.map((r) => r.postId)).toEqual([inTitle.postId, inBody.postId]);
    expect(all.results[0].titleHtml).toBe(`About <mark>${word}</mark>`);
    const titles = await s.find(word, member, { in: "title" });
    expect(postIds(titles)).toEqual([inTitle.postId]);
    // Replies have no title: a reply never matches a titles-only search.
    const reply = await makeReply(t.ctx, author, inTitle.id, `${word} again`);
    await t.ctx.jobs.drain();
    expect(postIds(await s.find(word))).toEqual([inBody.postId, inTitle.postId, reply.id].sort((x, y) => x - y));
    expect(postIds(await s.find(word, member, { in: "title" }))).toEqual([inTitle.postId]);
  });

  it("prefers recent posts when relevance is equal", async () => {
    const s = await scope();
    const word = marker();
    const old = await s.topic("Same text here", `Exactly ${word} the same.`);
    const recent = await s.topic("Same text here", `Exactly ${word} the same.`);
    await t.ctx.db
      .updateTable("posts")
      .set({ created_at: new Date(Date.now() - 400 * 86400_000) })
      .where("id", "=", old.postId)
      .execute();
    expect((await s.find(word)).results.map((r) => r.postId)).toEqual([recent.postId, old.postId]);
  });

  it("never shows a private category's posts to members or visitors, but does to admins", async () => {
    const word = marker();
    const open = await makeCategory(t.ctx);
    const secret = await makeCategory(t.ctx);
    await makePrivate(secret.id);
    const visible = await makeTopic(t.ctx, author, { categoryId: open.id, title: "Public topic", body: `${word} 社内の設定` });
    const hidden = await makeTopic(t.ctx, admin, { categoryId: secret.id, title: "Staff only", body: `${word} 社内の設定` });
    await t.ctx.jobs.drain();
    for (const actor of [member, anonymous]) {
      const r = await search(actor, { q: word });
      expect(postIds(r)).toEqual([visible.postId]);
      expect(r.total).toBe(1);
      const scoped = await searchPosts(t.ctx, actor, { q: word, categoryId: secret.id });
      expect(scoped.ok ? "ok" : scoped.code).toBe("not_found");
    }
    expect(postIds(await search(admin, { q: word }))).toEqual([visible.postId, hidden.postId]);
    expect(postIds(await search(admin, { q: word, categoryId: secret.id }))).toEqual([hidden.postId]);
  });

  it("hides a topic moved into a private category", async () => {
    const word = marker();
    const open = await makeCategory(t.ctx);
    const secret = await makeCategory(t.ctx);
    await makePrivate(secret.id);
    const topic = await makeTopic(t.ctx, author, { categoryId: open.id, title: "Moving soon", body: `${word} です` });
    await t.ctx.jobs.drain();
    expect(postIds(await search(member, { q: word }))).toEqual([topic.postId]);
    await transact(t.ctx, async (trx) => {
      await trx.updateTable("topics").set({ category_id: secret.id }).where("id", "=", topic.id).execute();
      await t.ctx.jobs.emit(trx, "topic.moved", { topicId: topic.id, fromCategoryId: open.id, toCategoryId: secret.id });
    });
    await t.ctx.jobs.drain();
    expect((await search(member, { q: word })).results).toHaveLength(0);
    expect((await search(anonymous, { q: word })).total).toBe(0);
    expect(postIds(await search(admin, { q: word }))).toEqual([topic.postId]);
  });

  it("drops deleted posts and topics from the index once the jobs ran, and brings restored ones back", async () => {
    const word = marker();
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "Deletion test", body: `${word} first` });
    const reply = await makeReply(t.ctx, author, topic.id, `${word} second`);
    await t.ctx.jobs.drain();
    expect(postIds(await search(member, { q: word }))).toEqual([topic.postId, reply.id]);
    const indexed = async () =>
      (await t.ctx.db.selectFrom("search_documents").select("post_id").where("post_id", "in", [topic.postId, reply.id]).orderBy("post_id").execute()).map(
        (r) => r.post_id,
      );
    expect(await indexed()).toEqual([topic.postId, reply.id]);

    const now = new Date();
    await transact(t.ctx, async (trx) => {
      await trx.updateTable("posts").set({ deleted_at: now, deleted_by: admin.id }).where("id", "=", reply.id).execute();
      await t.ctx.jobs.emit(trx, "post.deleted", { postId: reply.id, topicId: topic.id });
    });
    await t.ctx.jobs.drain();
    expect(postIds(await search(admin, { q: word }))).toEqual([topic.postId]);
    expect(await indexed()).toEqual([topic.postId]);

    // A topic event with only the topic id concerns every post of the topic.
    await transact(t.ctx, async (trx) => {
      await trx.updateTable("topics").set({ deleted_at: now, deleted_by: admin.id }).where("id", "=", topic.id).execute();
      await t.ctx.jobs.emit(trx, "topic.deleted", { topicId: topic.id });
    });
    await t.ctx.jobs.drain();
    expect((await search(admin, { q: word })).results).toHaveLength(0);
    expect(await indexed()).toEqual([]);

    await transact(t.ctx, async (trx) => {
      await trx.updateTable("topics").set({ deleted_at: null, deleted_by: null }).where("id", "=", topic.id).execute();
      await t.ctx.jobs.emit(trx, "topic.restored", { topicId: topic.id });
      await trx.updateTable("posts").set({ deleted_at: null, deleted_by: null }).where("id", "=", reply.id).execute();
      await t.ctx.jobs.emit(trx, "post.restored", { postId: reply.id, topicId: topic.id });
    });
    await t.ctx.jobs.drain();
    expect(postIds(await search(member, { q: word }))).toEqual([topic.postId, reply.id]);
    expect(await indexed()).toEqual([topic.postId, reply.id]);
  });

  it("reuses a ranking until the index changes, and never shows a post hidden since from it", async () => {
    const word = marker();
    const open = await makeCategory(t.ctx);
    const secret = await makeCategory(t.ctx);
    await makePrivate(secret.id);
    const first = await makeTopic(t.ctx, author, { categoryId: open.id, title: "Ranked once", body: `${word} one` });
    const second = await makeTopic(t.ctx, author, { categoryId: open.id, title: "Ranked once too", body: `${word} two` });
    const reply = await makeReply(t.ctx, author, first.id, `${word} three`);
    const late = await makeReply(t.ctx, author, first.id, "unrelated words");
    await t.ctx.jobs.drain();
    expect(postIds(await search(member, { q: word }))).toEqual([first.postId, second.postId, reply.id]);

    // Hidden without any job running: the reused ranking is read again through every filter.
    await t.ctx.db.updateTable("posts").set({ deleted_at: new Date(), deleted_by: admin.id }).where("id", "=", reply.id).execute();
    await t.ctx.db.updateTable("topics").set({ category_id: secret.id }).where("id", "=", second.id).execute();
    expect(postIds(await search(member, { q: word }))).toEqual([first.postId]);
    expect(postIds(await search(anonymous, { q: word }))).toEqual([first.postId]);

    // A document written behind the ranking's back shows only once the index generation moves on.
    await searchIndex(t.ctx.engine).write(t.ctx.db, [{ postId: late.id, title: "", text: `${word} four` }]);
    expect(postIds(await search(member, { q: word }))).toEqual([first.postId]);
    t.ctx.cache.invalidate("search");
    expect(postIds(await search(member, { q: word }))).toEqual([first.postId, late.id]);
  });

  it("re-indexes an edited post", async () => {
    const s = await scope();
    const before = marker();
    const after = marker();
    const topic = await s.topic("Edit test", `${before} 古い本文`);
    expect(postIds(await s.find(before))).toEqual([topic.postId]);
    await transact(t.ctx, async (trx) => {
      await trx.updateTable("posts").set({ body: `${after} 新しい本文`, revision: 2, edited_at: new Date() }).where("id", "=", topic.postId).execute();
      await t.ctx.jobs.emit(trx, "post.edited", { postId: topic.postId, topicId: topic.id });
    });
    await t.ctx.jobs.drain();
    expect((await s.find(before)).results).toHaveLength(0);
    expect((await s.find("古い")).results).toHaveLength(0);
    expect(postIds(await s.find(after))).toEqual([topic.postId]);
    expect(postIds(await s.find("新しい"))).toEqual([topic.postId]);
  });

  it("highlights matches in snippets and escapes everything the post contains", async () => {
    const s = await scope();
    const word = marker();
    await s.topic("Escaping <b>title</b>", `<script>alert("x")</script> and <img src=x onerror=alert(1)> then ${word} & more`);
    const [hit] = (await s.find(word)).results;
    expect(hit.snippetHtml).toContain(`<mark>${word}</mark>`);
    expect(hit.snippetHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(hit.snippetHtml).not.toContain("<script");
    expect(hit.snippetHtml).not.toContain("<img");
    expect(hit.snippetHtml).toContain("&amp; more");
    expect(hit.titleHtml).toBe("Escaping &lt;b&gt;title&lt;/b&gt;");
  });

  it("filters by tag and by author", async () => {
    const s = await scope();
    const word = marker();
    const other = await makeUser(t.ctx);
    const tagged = await makeTopic(t.ctx, author, { categoryId: s.cat.id, title: "Tagged", body: word, tags: ["Billing"] });
    const byOther = await makeTopic(t.ctx, other, { categoryId: s.cat.id, title: "Other author", body: word });
    await t.ctx.jobs.drain();
    expect(postIds(await s.find(word, member, { tag: "billing" }))).toEqual([tagged.postId]);
    expect(postIds(await s.find(word, member, { user: other.username.toUpperCase() }))).toEqual([byOther.postId]);
    expect((await s.find(word, member, { tag: "no-such-tag" })).results).toHaveLength(0);
  });

  it("links each result to its exact post", async () => {
    const s = await scope();
    const word = marker();
    const topic = await s.topic("Linking", "first post");
    const reply = await makeReply(t.ctx, author, topic.id, `reply with ${word}`);
    await t.ctx.jobs.drain();
    const [hit] = (await s.find(word)).results;
    expect(hit).toMatchObject({ postId: reply.id, topicId: topic.id, postNumber: 2, url: `${topic.url}#post-2` });
    expect(hit.author.username).toBe(author.username);
    expect(hit.category.id).toBe(s.cat.id);
  });

  it("pages 20 results at a time with the total", async () => {
    const s = await scope();
    const word = marker();
    const topic = await s.topic("Many replies", `${word} 0`);
    for (let i = 1; i < 25; i++) await makeReply(t.ctx, author, topic.id, `${word} ${i}`);
    await t.ctx.jobs.drain();
    const p1 = await s.find(word);
    expect(p1).toMatchObject({ total: 25, totalCapped: false, page: 1, hasMore: true });
    expect(p1.results).toHaveLength(20);
    const p2 = await s.find(word, member, { page: 2 });
    expect(p2).toMatchObject({ total: 25, page: 2, hasMore: false });
    expect(p2.results).toHaveLength(5);
    expect(new Set([...postIds(p1), ...postIds(p2)]).size).toBe(25);
    const p3 = await s.find(word, member, { page: 3 });
    expect(p3).toMatchObject({ total: 25, page: 3, hasMore: false, results: [] });
  });

  it("rejects a query without searchable words", async () => {
    for (const q of ["", "   ", "!!! ？？"]) {
      const res = await searchPosts(t.ctx, member, { q });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res).toMatchObject({ code: "invalid", messageKey: "search:emptyQuery", fields: { q: { key: "search:emptyQuery" } } });
    }
    const long = await searchPosts(t.ctx, member, { q: "x".repeat(501) });
    expect(long.ok ? "ok" : long.code).toBe("invalid");
  });

  it("answers every odd query with results or invalid, never an error", async () => {
    const s = await scope();
    await s.topic("Odd text", "हिन्दी ไทย العربية ﷺ ㍿ Ⅻ café e\u0301 ʻokina 👍🏽 x*y title:foo");
    const odd = ['"', "'", "\\", "NEAR(a b)", "*", "a*", "title:foo", "-foo", "^foo", "foo OR bar", "AND", "👍🏽", "\u0301", "ʻokina", "हिन्दी", "ไทย",
      "العربية", "ﷺ", "㍿", "Ⅻ", "！？", "\u200d", "\u202e", "\u0000", "a\u0000b", "「", "」「", '"" ""', "x".repeat(500), "設".repeat(400)];
    for (const q of odd) {
      const res = await searchPosts(t.ctx, member, { q, categoryId: s.cat.id });
      expect(res.ok || res.code === "invalid", `query ${JSON.stringify(q)}`).toBe(true);
    }
    expect((await s.find("ไทย")).results).toHaveLength(1);
    expect((await s.find("हिन्दी")).results).toHaveLength(1);
  });

  it("rebuilds the whole index, counting at most 1000 matches", async () => {
    const word = marker();
    const cat = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, title: "Bulk", body: `${word} start` });
    const now = new Date();
    // 1,050 replies written straight to the table (no jobs), as an import would: only a rebuild indexes them.
    const rows = Array.from({ length: 1050 }, (_, i) => ({
      topic_id: topic.id,
      user_id: author.id,
      post_number: i + 2,
      body: `${word} bulk ${i}`,
      cooked: `<p>${word} bulk ${i}</p>`,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 200) await t.ctx.db.insertInto("posts").values(rows.slice(i, i + 200)).execute();
    await t.ctx.db.updateTable("topics").set({ highest_post_number: 1051, reply_count: 1050 }).where("id", "=", topic.id).execute();
    await t.ctx.jobs.drain();
    expect((await search(member, { q: word })).total).toBe(1);

    // An entry lost from the index comes back with the rebuild.
    await t.ctx.db.deleteFrom("search_documents").where("post_id", "=", topic.postId).execute();
    const indexed = await reindexAll(t.ctx);
    expect(indexed).toBeGreaterThanOrEqual(1051);
    const r = await search(member, { q: word });
    expect(r).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true, hasMore: true });
    expect(r.results).toHaveLength(20);
    const last = await search(member, { q: word, page: 50 });
    expect(last).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true, hasMore: false });
    expect(last.results).toHaveLength(20);
    const beyond = await search(member, { q: word, page: 51 });
    expect(beyond).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true, hasMore: false, results: [] });
    const docs = await t.ctx.db.selectFrom("search_documents").select((eb) => eb.fn.countAll<number>().as("n")).where("post_id", ">=", topic.postId).executeTakeFirst();
    expect(Number(docs?.n)).toBe(1051);
  });
});
