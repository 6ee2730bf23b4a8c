import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, HttpSession, artifactPath, completeSetup, launchBrowser, queryDb, root, startServer } from "./support.js";

/**
 * A question answered and solved, as people do it in Chromium: the asker opens their question,
 * accepts the reply that helped, sees it under the question and the question marked solved in
 * the category; a visitor without JavaScript sees the same in English.
 */
describe("questions and accepted answers", () => {
  let server: E2EServer;
  let browser: Browser;
  let topicUrl = "";

  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(root, "dist", "cli.js"), ...args], { env: { ...process.env, DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir, BASE_URL: server.baseUrl } });

  beforeAll(async () => {
    server = await startServer({ database: "postgres" });
    const admin = await completeSetup(server.baseUrl, { locale: "ja" });
    const made = await admin.form("/admin/categories", { name: "質問", slug: "qa", description: "", color: "#16a34a", parentId: "", position: "", contentType: "question" });
    expect(made.status).toBe(303);
    cli("user:create", "--username", "asker", "--email", "asker@example.com", "--password", "asker password 1");
    cli("user:create", "--username", "helper", "--email", "helper@example.com", "--password", "helper password 1");
    const [category] = await queryDb<{ id: number }>(server, "select id from categories where slug = 'qa'");
    const asker = new HttpSession(server.baseUrl);
    await asker.login("asker", "asker password 1");
    const topic = await asker.json("POST", "/api/v1/topics", { categoryId: Number(category.id), title: "請求書の PDF がダウンロードできません", body: "請求書の画面でダウンロードを押しても何も起きません。" });
    expect(topic.status).toBe(201);
    const created = (await topic.json()) as { id: number; url: string };
    topicUrl = created.url;
    const helper = new HttpSession(server.baseUrl);
    await helper.login("helper", "helper password 1");
    expect((await helper.json("POST", `/api/v1/topics/${created.id}/posts`, { body: "ポップアップのブロックを解除するとダウンロードできます。" })).status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets the asker accept the reply that helped, and shows the question as solved", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill("#f-login", "asker");
    await page.fill("#f-password", "asker password 1");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.press("#f-password", "Enter")]);
    await page.goto(server.baseUrl + topicUrl);
    await expect.poll(() => page.locator(".question-unsolved").count()).toBe(1);
    await Promise.all([page.waitForURL(/#post-2$/), page.click("#post-2 button:has-text('ベストアンサーに選ぶ')")]);
    await expect.poll(() => page.locator(".question-solved").innerText()).toContain("ポップアップのブロックを解除すると");
    expect(await page.locator("#post-2 .accepted-mark").innerText()).toContain("ベストアンサー");
    await page.screenshot({ path: artifactPath("questions-accepted-ja.png") });
    await page.goto(`${server.baseUrl}/c/qa?status=solved`);
    expect(await page.locator(".badge-solved").count()).toBe(1);
    await context.close();
  });

  it("shows the answer and the solved mark to a visitor without JavaScript", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(server.baseUrl + topicUrl);
    expect(await page.locator(".question-solved h2").innerText()).toContain("Accepted answer");
    expect(await page.locator("button:has-text('Accept as answer')").count()).toBe(0);
    await page.goto(`${server.baseUrl}/c/qa`);
    expect(await page.locator(".badge-solved").innerText()).toContain("Solved");
    await page.screenshot({ path: artifactPath("questions-list-en-nojs.png") });
    await context.close();
  });
});
