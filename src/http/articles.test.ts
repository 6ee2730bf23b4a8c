import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import { system } from "../domain/actor.js";
import type { UserActor } from "../domain/actor.js";
import { createCategory } from "../domain/community/commands/createCategory.js";

describe("articles and news over HTTP", () => {
  let t: TestApp;
  let staff: UserActor;
  let member: UserActor;
  let categoryId: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    staff = await makeUser(t.ctx, { staff: true, name: "Sato Misaki" });
    await t.ctx.db.updateTable("users").set({ title: "Customer Success" }).where("id", "=", staff.id).execute();
    member = await makeUser(t.ctx);
    const cat = await createCategory(t.ctx, system, { name: "News", contentType: "article" });
    if (!cat.ok) throw new Error("category");
    categoryId = cat.value.id;
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);
  const cover = () => sharp({ create: { width: 1600, height: 600, channels: 3, background: "#0ea5e9" } }).jpeg().toBuffer();

  it("lets staff publish an article with a cover, a lead and a byline; members comment but cannot start one", async () => {
    const client = await signedIn(staff, "ja");
    const fields = { categoryId: String(categoryId), title: "定期レポート機能をリリースしました", body: "毎週月曜の朝に、先週の数字がメールで届くようになりました。", tags: "", "article.kind": "announcement", "article.summary": "先週の数字を毎週自動でお届けします。" };
    const lying = await client.multipart("/new-topic", fields, [{ field: "article.cover", name: "cover.jpg", data: Buffer.from("%PDF-1.4 not a jpeg") }]);
    expect(lying.statusCode).toBe(400);
    expect(lying.body).toContain("ファイルの中身が .jpg ファイルではありません。");
    expect(lying.body).toContain("先週の数字を毎週自動でお届けします。");
    const ok = await client.multipart("/new-topic", fields, [{ field: "article.cover", name: "cover.jpg", data: await cover() }]);
    expect(ok.statusCode).toBe(303);
    await t.ctx.jobs.drain();
    const page = await new Client(t.server, { "accept-language": "ja" }).get(ok.headers.location as string);
    const img = /<img class="article-cover"[^>]*>/.exec(page.body)?.[0] ?? "";
    expect(img).toMatch(/src="\/uploads\/[^"]+\/cover\.jpg"/);
    expect(img).toContain('width="1600"');
    expect(img).toContain('height="600"');
    expect(img).toContain("cover.jpg?w=480 480w");
    expect(page.body).toContain('<p class="article-lead">先週の数字を毎週自動でお届けします。</p>');
    expect(page.body).toContain("お知らせ</span>");
    expect(page.body).toContain("1 分で読めます");
    expect(page.body).toContain("Customer Success");
    const src = /class="article-cover" src="([^"]+)"/.exec(page.body)![1];
    expect((await new Client(t.server).get(src)).statusCode).toBe(200);

    // Members comment; they cannot start an article.
    const reader = await signedIn(member);
    const topicId = Number(/\/t\/(\d+)/.exec(ok.headers.location as string)![1]);
    expect((await reader.form(`/t/${topicId}/reply`, { body: "Great, thank you!" })).statusCode).toBe(303);
    const denied = await reader.json("POST", "/api/v1/topics", { categoryId, title: "My own news", body: "Text." });
    expect(denied.statusCode).toBe(403);
    const list = await new Client(t.server).json("GET", `/api/v1/topics?categoryId=${categoryId}`);
    expect(list.json().topics[0].typeSummary).toMatchObject({ type: "article", kind: "announcement", summary: "先週の数字を毎週自動でお届けします。", cover: { width: 1600, height: 600 } });
  });

  it("takes a cover uploaded through the API, and refuses someone else's upload as a cover", async () => {
    const client = await signedIn(staff);
    const up = await client.multipart("/api/v1/uploads", {}, [{ field: "file", name: "story.jpg", data: await cover() }]);
    const key = up.json().key as string;
    const other = await makeUser(t.ctx, { staff: true });
    const otherClient = await signedIn(other);
    const refused = await otherClient.json("POST", "/api/v1/topics", { categoryId, title: "Borrowed cover", body: "Text.", article: { kind: "story", coverKey: key } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields["article.cover"]).toBe("Choose an image you uploaded (JPEG, PNG, GIF or WebP).");
    const made = await client.json("POST", "/api/v1/topics", { categoryId, title: "How Acme cut reporting time in half", body: "A customer story.", article: { kind: "story", summary: "Acme's team", coverKey: key } });
    expect(made.statusCode).toBe(201);
    const topic = await new Client(t.server).json("GET", `/api/v1/topics/${made.json().id}`);
    expect(topic.json().typeData).toMatchObject({ type: "article", kind: "story", summary: "Acme's team", readingMinutes: 1, author: { id: staff.id, staff: true }, cover: { width: 1600 } });
  });

  it("edits an article's kind, lead and cover after publishing: a new cover, a kept one, none; refuses a cover that is not theirs and keeps what was typed", async () => {
    const author = await signedIn(staff);
    const made = await author.json("POST", "/api/v1/topics", { categoryId, title: "Release notes for December", body: "What changed this month.", article: { kind: "blog", summary: "The short version." } });
    expect(made.statusCode).toBe(201);
    const { id: topicId, postId } = made.json();
    const form = await author.get(`/p/${postId}/edit`);
    expect(form.body).toContain('name="article.summary"');
    expect(form.body).toContain("The short version.");
    expect(form.body).toMatch(/<option value="blog" selected/);

    // Only the lead and the kind change, and a cover is added: no new text revision, but the page shows it all.
    const base = { title: "Release notes for December", body: "What changed this month.", tags: "", revision: "1" };
    const saved = await author.multipart(`/p/${postId}/edit`, { ...base, "article.kind": "announcement", "article.summary": "Everything new in December." }, [{ field: "article.cover", name: "december.jpg", data: await cover() }]);
    expect(saved.statusCode).toBe(303);
    const page = await author.get(saved.headers.location as string);
    expect(page.body).toContain("Your changes were saved.");
    expect(page.body).toContain('<p class="article-lead">Everything new in December.</p>');
    expect(page.body).toMatch(/class="article-cover" src="\/uploads\/[^"]+\/december\.jpg"/);
    expect(page.body).toContain("Announcement</span>");
    const post = await t.ctx.db.selectFrom("posts").select(["revision"]).where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post.revision).toBe(1);
    const anonymousCover = /class="article-cover" src="([^"]+)"/.exec((await new Client(t.server).get(saved.headers.location as string)).body)![1];
    expect((await new Client(t.server).get(anonymousCover)).statusCode).toBe(200);

    // The form shows the cover as kept; saving the same values again changes nothing.
    const again = await author.get(`/p/${postId}/edit`);
    const coverKey = /name="article.coverKey" value="([^"]+)"/.exec(again.body)![1];
    expect(again.body).toContain("Remove the cover image");
    const same = await author.form(`/p/${postId}/edit`, { ...base, "article.kind": "announcement", "article.summary": "Everything new in December.", "article.coverKey": coverKey });
    expect((await author.get(same.headers.location as string)).body).toContain("Nothing changed, so nothing was saved.");

    // A moderator edits the lead and keeps the author's cover; someone else's upload is refused and the typed lead stays.
    const moderator = await makeUser(t.ctx, { role: "moderator" });
    const mod = await signedIn(moderator);
    const theirs = await mod.multipart("/api/v1/uploads", {}, [{ field: "file", name: "mine.jpg", data: await cover() }]);
    const kept = await mod.form(`/p/${postId}/edit`, { ...base, "article.kind": "announcement", "article.summary": "Edited by a moderator.", "article.coverKey": coverKey });
    expect(kept.statusCode).toBe(303);
    expect((await t.ctx.db.selectFrom("articles").select("summary").where("topic_id", "=", topicId).executeTakeFirstOrThrow()).summary).toBe("Edited by a moderator.");
    const stranger = await signedIn(await makeUser(t.ctx, { staff: true }));
    const borrowed = await author.form(`/p/${postId}/edit`, { ...base, "article.kind": "story", "article.summary": "Typed before the refusal.", "article.coverKey": theirs.json().key });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.body).toContain("Choose an image you uploaded (JPEG, PNG, GIF or WebP).");
    expect(borrowed.body).toContain("Typed before the refusal.");
    expect((await t.ctx.db.selectFrom("articles").select("summary").where("topic_id", "=", topicId).executeTakeFirstOrThrow()).summary).toBe("Edited by a moderator.");
    expect((await stranger.get(`/p/${postId}/edit`)).statusCode).toBe(403);

    // Removing the cover, and the same through the API.
    const removed = await author.form(`/p/${postId}/edit`, { ...base, "article.kind": "announcement", "article.summary": "No picture this time.", "article.coverKey": coverKey, "article.removeCover": "1" });
    expect(removed.statusCode).toBe(303);
    expect((await author.get(removed.headers.location as string)).body).not.toContain('class="article-cover"');
    const api = await author.json("PATCH", `/api/v1/posts/${postId}`, { body: "What changed this month, in detail.", article: { kind: "story", summary: "Through the API.", coverKey } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ changed: true, revision: 2 });
    const json = await new Client(t.server).json("GET", `/api/v1/topics/${topicId}`);
    expect(json.json().typeData).toMatchObject({ type: "article", kind: "story", summary: "Through the API.", cover: { width: 1600 } });
    const reply = await author.json("POST", `/api/v1/topics/${topicId}/posts`, { body: "A comment." });
    const onReply = await author.json("PATCH", `/api/v1/posts/${reply.json().id}`, { body: "A comment.", article: { kind: "blog" } });
    expect(onReply.statusCode).toBe(400);
  });
});
