import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type E2EServer, HttpSession, artifactPath, completeSetup, launchBrowser, queryDb, startServer, runCli, signIn } from "./support.js";

/**
 * Reviews as people use them in Chromium, on PostgreSQL: an admin defines a product, a member
 * writes a review from the product page (a missing star rating is refused and nothing typed is
 * lost), a second review of the same product is refused, staff answer under it, a moderator
 * removes another review with a reason; a visitor without JavaScript reads the product page in
 * English on a phone.
 */
describe("reviews of products", () => {
  let server: E2EServer;
  let browser: Browser;

  const cli = (...args: string[]) => runCli(server, ...args);

  const login = (page: Page, username: string, password: string) => signIn(page, server.baseUrl, username, password);

  beforeAll(async () => {
    server = await startServer({ database: "postgres" });
    const admin = await completeSetup(server.baseUrl, { locale: "ja" });
    const made = await admin.form("/admin/categories", { name: "製品レビュー", slug: "reviews", description: "", color: "#d97706", parentId: "", position: "", contentType: "review" });
    expect(made.status).toBe(303);
    cli("user:create", "--username", "member", "--email", "member@example.com", "--password", "member password 1");
    cli("user:create", "--username", "critic", "--email", "critic@example.com", "--password", "critic password 1");
    cli("user:create", "--username", "support", "--email", "support@example.com", "--password", "support password 1", "--staff");
    cli("user:create", "--username", "mod", "--email", "mod@example.com", "--password", "mod password 1", "--moderator");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets an admin add a product and a member review it from its page; a missing rating keeps the text", async () => {
    const adminContext = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await login(admin, ADMIN.username, ADMIN.password);
    await admin.goto(`${server.baseUrl}/admin/products`);
    await admin.fill("#f-name", "Hiroba クラウド");
    await admin.fill("#f-slug", "cloud");
    await admin.fill("#f-description", "ブラウザで使える顧客管理");
    await Promise.all([admin.waitForLoadState("load"), admin.click("form[action='/admin/products'] button[type=submit]")]);
    expect(await admin.locator(".flash").innerText()).toContain("製品を追加しました");
    expect(await admin.locator("table").innerText()).toContain("Hiroba クラウド");
    await adminContext.close();

    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, "member", "member password 1");
    await page.goto(`${server.baseUrl}/products/cloud`);
    await Promise.all([page.waitForURL(/\/new-topic/), page.click("a:has-text('レビューを書く')")]);
    expect(await page.locator("select[name='review.productId']").inputValue()).not.toBe("");
    await page.fill("#f-title", "レポートが速くて助かる");
    await page.fill("#f-body", "毎朝のレポート確認が 1 分で終わるようになりました。");
    // Skip the browser's own check to see the server's message (as an old browser would).
    await page.evaluate(() => document.querySelectorAll("[required]").forEach((el) => el.removeAttribute("required")));
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('レビューを投稿')")]);
    expect(await page.locator(".star-input .field-error").innerText()).toContain("星 1〜5 の中から選んでください。");
    expect(await page.locator("#f-body").inputValue()).toBe("毎朝のレポート確認が 1 分で終わるようになりました。");
    await page.screenshot({ path: artifactPath("reviews-missing-rating-ja.png"), fullPage: true });
    await page.click(".star-input-choice:has(input[value='4'])");
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("button:has-text('レビューを投稿')")]);
    expect(await page.locator(".review-box").innerText()).toContain("4 / 5");
    await page.screenshot({ path: artifactPath("reviews-topic-ja.png"), fullPage: true });

    // A second review of the same product is refused, with the text kept.
    await page.goto(`${server.baseUrl}/products/cloud`);
    expect(await page.locator(".page-head-actions").innerText()).toContain("あなたのレビュー");
    const [category] = await queryDb<{ id: number }>(server, "select id from categories where slug = 'reviews'");
    const [product] = await queryDb<{ id: number }>(server, "select id from products where slug = 'cloud'");
    await page.goto(`${server.baseUrl}/new-topic?category=${category.id}&review.productId=${product.id}`);
    await page.fill("#f-title", "もう一度書きたい");
    await page.fill("#f-body", "二回目の感想です。");
    await page.click(".star-input-choice:has(input[value='5'])");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('レビューを投稿')")]);
    expect(await page.locator(".alert-error").innerText()).toContain("すでにレビュー済みです");
    expect(await page.locator("#f-body").inputValue()).toBe("二回目の感想です。");
    await context.close();
  });

  it("lets staff answer a negative review; a moderator removes an abusive one with a recorded reason", async () => {
    const critic = new HttpSession(server.baseUrl);
    await critic.login("critic", "critic password 1");
    const [category] = await queryDb<{ id: number }>(server, "select id from categories where slug = 'reviews'");
    const [product] = await queryDb<{ id: number }>(server, "select id from products where slug = 'cloud'");
    const bad = await critic.json("POST", "/api/v1/topics", { categoryId: Number(category.id), title: "エクスポートが遅すぎる", body: "大きな CSV の出力に 10 分かかります。", review: { productId: Number(product.id), rating: 1 } });
    expect(bad.status, await bad.clone().text()).toBe(201);
    const badUrl = ((await bad.json()) as { url: string }).url;

    const staffContext = await browser.newContext({ locale: "ja-JP", viewport: { width: 390, height: 844 } });
    const staff = await staffContext.newPage();
    await login(staff, "support", "support password 1");
    await staff.goto(server.baseUrl + badUrl);
    await staff.fill("textarea[name=body]", "ご不便をおかけしています。次のリリースで出力を高速化します。");
    await Promise.all([staff.waitForLoadState("load"), staff.click("form.composer button[type=submit]")]);
    await expect.poll(() => staff.locator(".post").last().innerText()).toContain("高速化します");
    await staff.screenshot({ path: artifactPath("reviews-staff-reply-ja-phone.png"), fullPage: true });
    await staffContext.close();

    const modContext = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const mod = await modContext.newPage();
    await login(mod, "mod", "mod password 1");
    await mod.goto(server.baseUrl + badUrl);
    await mod.click(".review-remove-form summary");
    await mod.fill(".review-remove-form textarea[name=reason]", "担当者の個人名を含むため（規約 3 条）");
    await Promise.all([mod.waitForLoadState("load"), mod.click(".review-remove-form button[type=submit]")]);
    expect(await mod.locator(".review-box").innerText()).toContain("モデレーションにより削除：担当者の個人名を含むため（規約 3 条）");
    const [audit] = await queryDb<{ n: number }>(server, "select count(*)::int as n from audit_log where action = 'review.remove'");
    expect(Number(audit.n)).toBe(1);
    await modContext.close();
  });

  it("shows the product page to a visitor without JavaScript in English on a phone", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/products/cloud`);
    expect(await page.locator(".rating-average-value").innerText()).toBe("4");
    expect(await page.locator(".rating-count").innerText()).toBe("1 review");
    expect(await page.locator(".review-card").count()).toBe(1);
    expect(await page.locator(".review-card").innerText()).toContain("レポートが速くて助かる");
    await Promise.all([page.waitForURL(/\/login/), page.click("a:has-text('Log in to write a review')")]);
    await page.goto(`${server.baseUrl}/products/cloud`);
    await page.screenshot({ path: artifactPath("reviews-product-en-nojs-phone.png"), fullPage: true });
    await context.close();
  });
});
