import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories.js";
import { actorOf } from "../../test/audit.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";
import { system } from "../domain/actor.js";
import { createCategory } from "../domain/community/commands/createCategory.js";
import { createTopic } from "../domain/content/commands/createTopic.js";
import { createProduct } from "../domain/reviews/commands/products.js";

const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]);

describe("reviews over HTTP", () => {
  let t: TestApp;
  let reviewer: UserActor;
  let other: UserActor;
  let staff: UserActor;
  let moderator: UserActor;
  let categoryId: number;
  let n = 0;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [reviewer, other] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    staff = await makeUser(t.ctx, { staff: true, name: "Sato (Support)" });
    moderator = await makeUser(t.ctx, { role: "moderator" });
    const cat = await createCategory(t.ctx, system, { name: "Reviews", slug: "reviews", contentType: "review" });
    if (!cat.ok) throw new Error("category");
    categoryId = cat.value.id;
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor | "admin", lang = "en") => clientFor(t, user === "admin" ? "admin" : user.username, lang);
  const product = async (name?: string) => {
    const k = ++n;
    const res = await createProduct(t.ctx, await actorOf(t.ctx, t.adminId), { name: name ?? `Gadget ${k}`, slug: `gadget-${k}` });
    if (!res.ok) throw new Error("product");
    return res.value;
  };
  const review = async (user: UserActor, productId: number, rating: number, title = `Review ${++n} of the gadget`) => {
    const res = await createTopic(t.ctx, user, { categoryId, title, body: "Honest words about it.", review: { productId, rating } });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.value;
  };

  it("writes a review with the form in Japanese; a second one is refused with the text kept", async () => {
    const p = await product("クラウド版");
    const client = await signedIn(reviewer, "ja");
    const form = await client.get(`/new-topic?category=${categoryId}&review.productId=${p.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${p.id}" selected>クラウド版</option>`);
    expect(form.body).toContain('name="review.rating"');
    const noStars = await client.form("/new-topic", { categoryId: String(categoryId), title: "星を付け忘れた", body: "本文はちゃんと書きました。", tags: "", "review.productId": String(p.id), "review.rating": "" });
    expect(noStars.statusCode).toBe(400);
    expect(noStars.body).toContain("星 1〜5 の中から選んでください。");
    expect(noStars.body).toContain("本文はちゃんと書きました。");
    const posted = await client.form("/new-topic", { categoryId: String(categoryId), title: "とても使いやすい", body: "毎日使っています。", tags: "", "review.productId": String(p.id), "review.rating": "4" });
    expect(posted.statusCode).toBe(303);
    const page = await client.get(posted.headers.location as string);
    expect(page.body).toContain("4 / 5");
    expect(page.body).toContain(`action="/t/`);
    expect(page.body).toContain("評価を変更");
    const ld = jsonLd(page.body);
    expect(ld).toMatchObject({ "@type": "Review", reviewRating: { ratingValue: 4 }, itemReviewed: { "@type": "Product", name: "クラウド版", aggregateRating: { ratingValue: 4, reviewCount: 1 } } });

    const second = await client.form("/new-topic", { categoryId: String(categoryId), title: "二回目のレビュー", body: "もう一度書きたい。", tags: "", "review.productId": String(p.id), "review.rating": "5" });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("クラウド版 はすでにレビュー済みです。");
    expect(second.body).toContain("もう一度書きたい。");
  });

  it("shows a product page with the average, the distribution, sorting, star filter and Product JSON-LD", async () => {
    const p = await product("Hiroba Cloud Max");
    await review(reviewer, p.id, 5, "Fast and reliable every day");
    await review(other, p.id, 2, "Slow exports ruin it for me");
    const visitor = new Client(t.server, { "accept-language": "en" });
    const page = await visitor.get(`/products/${p.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong class="rating-average-value">3.5</strong>');
    expect(page.body).toContain("2 reviews");
    expect(page.body).toContain("Log in to write a review");
    expect(page.body.indexOf("Slow exports")).toBeLessThan(page.body.indexOf("Fast and reliable"));
    const highest = await visitor.get(`/products/${p.slug}?sort=highest`);
    expect(highest.body.indexOf("Fast and reliable")).toBeLessThan(highest.body.indexOf("Slow exports"));
    const twoStars = await visitor.get(`/products/${p.slug}?rating=2`);
    expect(twoStars.body).toContain("Slow exports");
    expect(twoStars.body).not.toContain("Fast and reliable");
    expect(jsonLd(page.body)).toMatchObject({ "@type": "Product", name: "Hiroba Cloud Max", aggregateRating: { ratingValue: 3.5, reviewCount: 2, bestRating: 5 }, review: [{ reviewRating: { ratingValue: 2 } }, { reviewRating: { ratingValue: 5 } }] });
    expect((await visitor.get("/products/no-such-product")).statusCode).toBe(404);
    const list = await new Client(t.server, { "accept-language": "ja" }).get("/products");
    expect(list.body).toContain("Hiroba Cloud Max");
    expect(list.body).toContain("レビュー 2 件");
    const mine = await (await signedIn(reviewer)).get(`/products/${p.slug}`);
    expect(mine.body).toContain("Your review");
    expect(mine.body).not.toContain("Write a review");
  });

  it("lets the reviewer change the stars; a bad rating comes back with a message; others may not", async () => {
    const p = await product();
    const r = await review(reviewer, p.id, 3);
    const client = await signedIn(reviewer);
    const bad = await client.form(`/t/${r.id}/rating`, { rating: "7" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Choose from 1 to 5 stars.");
    const ok = await client.form(`/t/${r.id}/rating`, { rating: "1" });
    expect(ok.statusCode).toBe(303);
    expect((await client.get(r.url)).body).toContain("1 / 5");
    expect((await (await signedIn(other)).form(`/t/${r.id}/rating`, { rating: "5" })).statusCode).toBe(403);
    const api = await client.json("PUT", `/api/v1/topics/${r.id}/rating`, { rating: 2 });
    expect(api.json()).toEqual({ topicId: r.id, rating: 2, previousRating: 1 });
    const apiBad = await client.json("PUT", `/api/v1/topics/${r.id}/rating`, { rating: "lots" });
    expect(apiBad.statusCode).toBe(400);
    expect(apiBad.json().error).toMatchObject({ code: "invalid", fields: { rating: "Choose from 1 to 5 stars." } });
    expect((await new Client(t.server).json("PUT", `/api/v1/topics/${r.id}/rating`, { rating: 2 })).statusCode).toBe(401);
  });

  it("lets staff reply under a review and not other members; moderators remove with a reason", async () => {
    const p = await product();
    const r = await review(reviewer, p.id, 1, "Terrible support experience");
    const member = await signedIn(other);
    const page = await member.get(r.url);
    expect(page.body).toContain("Staff and the reviewer can reply under a review.");
    expect(page.body).not.toContain(`action="/t/${r.id}/remove-review"`);
    expect((await member.json("POST", `/api/v1/topics/${r.id}/posts`, { body: "You are wrong about this." })).statusCode).toBe(403);
    const staffClient = await signedIn(staff);
    expect((await staffClient.json("POST", `/api/v1/topics/${r.id}/posts`, { body: "We are sorry; we have called you back." })).statusCode).toBe(201);

    const mod = await signedIn(moderator, "ja");
    const modPage = await mod.get(r.url);
    expect(modPage.body).toContain(`action="/t/${r.id}/remove-review"`);
    const noReason = await mod.form(`/t/${r.id}/remove-review`, { reason: "dup" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("dup");
    expect(noReason.body).toContain("5 文字以上");
    const removed = await mod.form(`/t/${r.id}/remove-review`, { reason: "個人情報（電話番号）を含むため（規約 3 条）" });
    expect(removed.statusCode).toBe(303);
    expect((await mod.get(r.url)).body).toContain("モデレーションにより削除：個人情報（電話番号）を含むため（規約 3 条）");
    expect((await member.get(r.url)).statusCode).toBe(404);
    const productJson = await member.json("GET", `/api/v1/products/${p.slug}`);
    expect(productJson.json()).toMatchObject({ stats: { count: 0, average: null }, reviews: [] });
    const again = await mod.json("POST", `/api/v1/topics/${r.id}/remove-review`, { reason: "Once more, please." });
    expect(again.statusCode).toBe(409);
    expect((await member.json("POST", `/api/v1/topics/${r.id}/remove-review`, { reason: "I dislike it a lot" })).statusCode).toBe(404);
  });

  it("serves products over the API and lets admins define them; members may not", async () => {
    const admin = await signedIn("admin");
    const created = await admin.json("POST", "/api/v1/products", { name: "API Product", description: "Made through the API", url: "https://example.com/api-product" });
    expect(created.statusCode).toBe(201);
    const { id, slug } = created.json();
    expect(slug).toBe("api-product");
    const dup = await admin.json("POST", "/api/v1/products", { name: "Again", slug: "api-product" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.slug).toBe("Another product already uses this slug.");
    expect((await (await signedIn(other)).json("POST", "/api/v1/products", { name: "Mine" })).statusCode).toBe(403);
    expect((await admin.json("PUT", `/api/v1/products/${id}`, { name: "API Product 2", archived: true })).statusCode).toBe(200);
    const list = await new Client(t.server).json("GET", "/api/v1/products");
    // Archived without reviews: nothing to read, so not listed.
    expect(list.json().products.find((x: { product: { id: number } }) => x.product.id === id)).toBeUndefined();
    const one = await new Client(t.server).json("GET", `/api/v1/products/${slug}`);
    expect(one.json()).toMatchObject({ product: { name: "API Product 2", archived: true }, stats: { count: 0 }, myReview: null });

    const viaApi = await (await signedIn(other)).json("POST", "/api/v1/topics", { categoryId, title: "Review through the API", body: "Works for me.", review: { productId: (await product()).id, rating: 6 } });
    expect(viaApi.statusCode).toBe(400);
    expect(viaApi.json().error.fields["review.rating"]).toBe("Choose from 1 to 5 stars.");
    const good = await (await signedIn(other)).json("POST", "/api/v1/topics", { categoryId, title: "Review through the API", body: "Works for me.", review: { productId: (await product()).id, rating: 4 } });
    expect(good.statusCode).toBe(201);
    const shown = await new Client(t.server).json("GET", `/api/v1/topics/${good.json().id}`);
    expect(shown.json().typeData).toMatchObject({ type: "review", rating: 4, stats: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0] }, canRate: false });
  });

  it("lets admins manage products in the admin area; an invalid form keeps what was typed", async () => {
    const admin = await signedIn("admin", "ja");
    const page = await admin.get("/admin/products");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("製品を追加");
    const bad = await admin.form("/admin/products", { name: "管理画面の製品", slug: "", description: "説明文", url: "ftp://example.com", position: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("http:// または https:// で始まるアドレスを入力してください。");
    expect(bad.body).toContain("説明文");
    const ok = await admin.form("/admin/products", { name: "管理画面の製品", slug: "admin-made", description: "説明文", url: "", position: "" });
    expect(ok.statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom("products").select(["id", "name"]).where("slug", "=", "admin-made").executeTakeFirstOrThrow();
    const edit = await admin.form(`/admin/products/${row.id}`, { name: "名前を変えた製品", slug: "admin-made", description: "", url: "", position: "3", archived: "on" });
    expect(edit.statusCode).toBe(303);
    expect(await t.ctx.db.selectFrom("products").select(["name", "position"]).where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual({ name: "名前を変えた製品", position: 3 });
    expect((await (await signedIn(other)).get("/admin/products")).statusCode).toBe(403);
  });
});
