import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeUser } from "../../../test/factories.js";
import { actorOf } from "../../../test/audit.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { anonymous, system } from "../actor.js";
import type { UserActor } from "../actor.js";
import { createCategory } from "../community/commands/createCategory.js";
import { setCategoryPermissions } from "../community/commands/setCategoryPermissions.js";
import { createPost } from "../content/commands/createPost.js";
import { createTopic } from "../content/commands/createTopic.js";
import { deletePost } from "../content/commands/deletePost.js";
import { editPost } from "../content/commands/editPost.js";
import { restoreTopic } from "../content/commands/restoreTopic.js";
import { getTopicPage } from "../content/queries/getTopicPage.js";
import { createProduct, updateProduct } from "./commands/products.js";
import { rateReview } from "./commands/rateReview.js";
import { removeReview } from "./commands/removeReview.js";
import { getProductPage, listProducts } from "./queries/products.js";

describe("reviews", () => {
  let t: TestApp;
  let members: UserActor[];
  let staff: UserActor;
  let moderator: UserActor;
  let admin: UserActor;
  let reviews: number;
  let n = 0;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    members = await Promise.all([makeUser(t.ctx), makeUser(t.ctx), makeUser(t.ctx), makeUser(t.ctx)]);
    staff = await makeUser(t.ctx, { staff: true });
    moderator = await makeUser(t.ctx, { role: "moderator" });
    admin = await actorOf(t.ctx, t.adminId);
    const cat = await createCategory(t.ctx, system, { name: "Reviews", contentType: "review" });
    if (!cat.ok) throw new Error("category");
    reviews = cat.value.id;
  });
  afterAll(() => t.close());

  const product = async (name = `Product ${++n}`) => {
    const res = await createProduct(t.ctx, admin, { name, description: "A thing we sell." });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.value;
  };
  const write = (actor: UserActor, productId: number, rating: unknown, categoryId = reviews) =>
    createTopic(t.ctx, actor, { categoryId, title: `My review number ${++n}`, body: "What I think of it, honestly.", review: { productId, rating } });

  it("lets admins define products, with a slug of their own or from the name, audited", async () => {
    expect(await createProduct(t.ctx, members[0], { name: "Nope" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createProduct(t.ctx, anonymous, { name: "Nope" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await createProduct(t.ctx, admin, { name: "" })).toMatchObject({ ok: false, code: "invalid", fields: { name: { key: "validation.required" } } });
    expect(await createProduct(t.ctx, admin, { name: "Bad link", url: "javascript:alert(1)" })).toMatchObject({ ok: false, code: "invalid", fields: { url: { key: "validation.url" } } });
    const made = await createProduct(t.ctx, admin, { name: "Hiroba Cloud Pro", url: "https://example.com/pro" });
    expect(made).toMatchObject({ ok: true, value: { slug: "hiroba-cloud-pro" } });
    expect(await createProduct(t.ctx, admin, { name: "Other", slug: "hiroba-cloud-pro" })).toMatchObject({ ok: false, code: "conflict", fields: { slug: { key: "validation.productSlugTaken" } } });
    const ja = await createProduct(t.ctx, admin, { name: "モバイル版" });
    expect(ja).toMatchObject({ ok: true, value: { slug: "モバイル版" } });
    const audit = await t.ctx.db.selectFrom("audit_log").select("action").where("action", "like", "product.%").execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("takes one review per member and product with 1–5 stars, and refuses a second one", async () => {
    const p = await product();
    const first = await write(members[0], p.id, 4);
    expect(first.ok).toBe(true);
    const again = await write(members[0], p.id, 5);
    expect(again).toMatchObject({ ok: false, code: "conflict", messageKey: "reviews:errors.alreadyReviewed", fields: { "review.productId": { key: "validation.alreadyReviewed" } } });
    expect(await write(members[1], p.id, 6)).toMatchObject({ ok: false, code: "invalid", fields: { "review.rating": { key: "validation.rating" } } });
    expect(await write(members[1], p.id, 0)).toMatchObject({ ok: false, code: "invalid", fields: { "review.rating": { key: "validation.rating" } } });
    expect(await write(members[1], p.id, "")).toMatchObject({ ok: false, code: "invalid", fields: { "review.rating": { key: "validation.rating" } } });
    expect(await write(members[1], p.id, 2.5)).toMatchObject({ ok: false, code: "invalid", fields: { "review.rating": { key: "validation.rating" } } });
    expect(await write(members[1], 99_999, 3)).toMatchObject({ ok: false, code: "invalid", fields: { "review.productId": { key: "validation.productUnavailable" } } });
    const count = await t.ctx.db.selectFrom("reviews").select("topic_id").where("product_id", "=", p.id).execute();
    expect(count).toHaveLength(1);
  });

  it("keeps one review when the same member sends two at once (a double click)", async () => {
    const p = await product();
    const both = await Promise.all([write(members[2], p.id, 5), write(members[2], p.id, 4)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, code: "conflict", messageKey: "reviews:errors.alreadyReviewed" });
    const rows = await t.ctx.db.selectFrom("reviews").select("topic_id").where("product_id", "=", p.id).where("user_id", "=", members[2].id).execute();
    expect(rows).toHaveLength(1);
    // The refused one left no topic behind.
    const topics = await t.ctx.db.selectFrom("topics").select("id").where("category_id", "=", reviews).where("user_id", "=", members[2].id).execute();
    expect(topics.map((r) => r.id)).toEqual(rows.map((r) => r.topic_id));
  });

  it("shows the average and distribution, changes with an edited rating, and lets only the reviewer rate", async () => {
    const p = await product();
    const ids: number[] = [];
    for (const [i, r] of [5, 4, 1].entries()) {
      const res = await write(members[i], p.id, r);
      if (!res.ok) throw new Error(JSON.stringify(res));
      ids.push(res.value.id);
    }
    const page = await getProductPage(t.ctx, anonymous, p.slug, { sort: "new" });
    expect(page.ok && page.value.stats).toEqual({ count: 3, average: 10 / 3, distribution: [1, 0, 0, 1, 1] });
    expect(page.ok && page.value.reviews.topics.map((x) => x.typeSummary)).toEqual([
      { type: "review", rating: 1, product: { id: p.id, slug: p.slug, name: expect.any(String) } },
      { type: "review", rating: 4, product: expect.anything() },
      { type: "review", rating: 5, product: expect.anything() },
    ]);
    expect(await rateReview(t.ctx, members[1], { topicId: ids[0], rating: 1 })).toMatchObject({ ok: false, code: "forbidden", messageKey: "reviews:errors.notYourReview" });
    expect(await rateReview(t.ctx, staff, { topicId: ids[0], rating: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rateReview(t.ctx, members[2], { topicId: ids[2], rating: 9 })).toMatchObject({ ok: false, code: "invalid", fields: { rating: { key: "validation.rating" } } });
    expect(await rateReview(t.ctx, members[2], { topicId: ids[2], rating: "2" })).toMatchObject({ ok: true, value: { rating: 2, previousRating: 1 } });
    const after = await getProductPage(t.ctx, anonymous, p.slug, { sort: "highest" });
    expect(after.ok && after.value.stats.distribution).toEqual([0, 1, 0, 1, 1]);
    expect(after.ok && after.value.reviews.topics.map((x) => x.id)).toEqual([ids[0], ids[1], ids[2]]);
    const low = await getProductPage(t.ctx, anonymous, p.slug, { sort: "lowest", rating: 2 });
    expect(low.ok && low.value.reviews.topics.map((x) => x.id)).toEqual([ids[2]]);
    // The text is edited like any post; the review keeps its product and stars.
    const first = await t.ctx.db.selectFrom("posts").select("id").where("topic_id", "=", ids[0]).where("post_number", "=", 1).executeTakeFirstOrThrow();
    expect((await editPost(t.ctx, members[0], { postId: first.id, body: "Still great after a month." })).ok).toBe(true);
    const topicPage = await getTopicPage(t.ctx, members[0], ids[0]);
    expect(topicPage.ok && topicPage.value.typeData).toMatchObject({ type: "review", rating: 5, canRate: true, canRemove: false, product: { id: p.id } });
    const forOthers = await getTopicPage(t.ctx, members[1], ids[0]);
    expect(forOthers.ok && forOthers.value.typeData).toMatchObject({ canRate: false, canRemove: false });
  });

  it("lets only staff and the reviewer reply under a review", async () => {
    const p = await product();
    const res = await write(members[0], p.id, 2);
    if (!res.ok) throw new Error("review");
    const topicId = res.value.id;
    expect(await createPost(t.ctx, members[1], { topicId, body: "I disagree with this review." })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await createPost(t.ctx, staff, { topicId, body: "Sorry to hear that; here is what we are doing about it." })).ok).toBe(true);
    expect((await createPost(t.ctx, members[0], { topicId, body: "Thanks, that helps a lot." })).ok).toBe(true);
    const asOther = await getTopicPage(t.ctx, members[1], topicId);
    expect(asOther.ok && asOther.value.can.reply).toBe(false);
    const asStaff = await getTopicPage(t.ctx, staff, topicId);
    expect(asStaff.ok && asStaff.value.can.reply).toBe(true);
  });

  it("keeps negative reviews: members cannot remove others' reviews; moderators remove with a reason, recorded", async () => {
    const p = await product();
    const res = await write(members[0], p.id, 1);
    if (!res.ok) throw new Error("review");
    const topicId = res.value.id;
    const firstPost = await t.ctx.db.selectFrom("posts").select("id").where("topic_id", "=", topicId).where("post_number", "=", 1).executeTakeFirstOrThrow();
    expect(await deletePost(t.ctx, members[1], { postId: firstPost.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await removeReview(t.ctx, members[1], { topicId, reason: "I do not like it" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await removeReview(t.ctx, staff, { topicId, reason: "Staff alone may not" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await removeReview(t.ctx, moderator, { topicId, reason: "" })).toMatchObject({ ok: false, code: "invalid", fields: { reason: { key: "validation.required" } } });
    expect(await removeReview(t.ctx, moderator, { topicId, reason: "Contains a customer's phone number (rule 3: personal data)." })).toMatchObject({ ok: true });
    expect(await removeReview(t.ctx, moderator, { topicId, reason: "Twice is not possible." })).toMatchObject({ ok: false, code: "conflict" });
    const row = await t.ctx.db.selectFrom("reviews").select(["removal_reason", "removed_by"]).where("topic_id", "=", topicId).executeTakeFirstOrThrow();
    expect(row).toEqual({ removal_reason: "Contains a customer's phone number (rule 3: personal data).", removed_by: moderator.id });
    const audit = await t.ctx.db.selectFrom("audit_log").select(["actor_id", "data"]).where("action", "=", "review.remove").where("target_id", "=", topicId).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(moderator.id);
    expect(JSON.parse(String(audit.data))).toMatchObject({ reason: expect.stringContaining("rule 3"), rating: 1, productId: p.id });
    // Gone from the product's figures and list, and from the page for members; moderators see why.
    const page = await getProductPage(t.ctx, anonymous, p.slug, { sort: "new" });
    expect(page.ok && [page.value.stats.count, page.value.reviews.topics.length]).toEqual([0, 0]);
    expect(await getTopicPage(t.ctx, members[1], topicId)).toMatchObject({ ok: false, code: "not_found" });
    const asMod = await getTopicPage(t.ctx, moderator, topicId);
    expect(asMod.ok && asMod.value.typeData).toMatchObject({ type: "review", removal: { reason: expect.stringContaining("rule 3") } });
    // After removal the member may write a new review of the product; a restore brings the old one back.
    expect((await write(members[0], p.id, 2)).ok).toBe(true);
    expect((await restoreTopic(t.ctx, moderator, { topicId })).ok).toBe(true);
  });

  it("keeps a private category's reviews out of the figures for readers who cannot see them", async () => {
    const p = await product();
    const secret = await makeCategory(t.ctx, { name: "Beta testers" });
    await t.ctx.db.updateTable("categories").set({ content_type: "review" }).where("id", "=", secret.id).execute();
    t.ctx.cache.invalidate("categories");
    const groups = (await t.ctx.cache.groups()).builtin;
    expect((await setCategoryPermissions(t.ctx, admin, { id: secret.id, permissions: [{ groupId: groups.staff, level: "create" }] })).ok).toBe(true);
    expect((await write(staff, p.id, 1, secret.id)).ok).toBe(true);
    expect((await write(members[0], p.id, 5)).ok).toBe(true);
    const publicPage = await getProductPage(t.ctx, members[1], p.slug, { sort: "new" });
    expect(publicPage.ok && publicPage.value.stats).toMatchObject({ count: 1, average: 5 });
    expect(publicPage.ok && publicPage.value.reviews.topics).toHaveLength(1);
    const staffPage = await getProductPage(t.ctx, staff, p.slug, { sort: "new" });
    expect(staffPage.ok && staffPage.value.stats).toMatchObject({ count: 2, average: 3 });
    const list = await listProducts(t.ctx, members[1]);
    expect(list.products.find((x) => x.product.id === p.id)?.stats.count).toBe(1);
  });

  it("stops new reviews of an archived product but keeps it listed with its reviews", async () => {
    const p = await product("Old gadget");
    expect((await write(members[0], p.id, 3)).ok).toBe(true);
    expect((await updateProduct(t.ctx, admin, { id: p.id, name: "Old gadget", archived: true })).ok).toBe(true);
    expect(await write(members[1], p.id, 4)).toMatchObject({ ok: false, code: "invalid", messageKey: "reviews:errors.productUnavailable" });
    const list = await listProducts(t.ctx, members[1]);
    expect(list.products.find((x) => x.product.id === p.id)).toMatchObject({ product: { archived: true }, stats: { count: 1 } });
    const page = await getProductPage(t.ctx, members[1], p.slug, { sort: "new" });
    expect(page.ok && page.value.reviewCategoryId).toBeNull();
    expect(await updateProduct(t.ctx, admin, { id: 99_999, name: "x" })).toMatchObject({ ok: false, code: "not_found" });
  });
});
