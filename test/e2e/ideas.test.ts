import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, HttpSession, artifactPath, completeSetup, launchBrowser, queryDb, startServer, runCli, signIn } from "./support.js";

/**
 * Ideas as people use them in Chromium: a member finds an idea on the board and votes for it,
 * staff move it to planned with a response, the member sees the status on the roadmap; a visitor
 * without JavaScript reads the board in English and is sent to log in to vote.
 */
describe("ideas, votes and the roadmap", () => {
  let server: E2EServer;
  let browser: Browser;
  let ideaUrl = "";

  const cli = (...args: string[]) => runCli(server, ...args);

  const login = (page: Page, username: string, password: string) => signIn(page, server.baseUrl, username, password);

  beforeAll(async () => {
    server = await startServer({ database: "sqlite" });
    const admin = await completeSetup(server.baseUrl, { locale: "ja" });
    const made = await admin.form("/admin/categories", { name: "アイデア", slug: "ideas", description: "", color: "#0891b2", parentId: "", position: "", contentType: "idea" });
    expect(made.status).toBe(303);
    cli("user:create", "--username", "member", "--email", "member@example.com", "--password", "member password 1");
    cli("user:create", "--username", "pm", "--email", "pm@example.com", "--password", "pm password 1", "--staff");
    const [category] = await queryDb<{ id: number }>(server, "select id from categories where slug = 'ideas'");
    const author = new HttpSession(server.baseUrl);
    await author.login("pm", "pm password 1");
    const topic = await author.json("POST", "/api/v1/topics", { categoryId: Number(category.id), title: "CSV で一括インポートしたい", body: "顧客リストを CSV からまとめて登録できると助かります。" });
    expect(topic.status).toBe(201);
    ideaUrl = ((await topic.json()) as { url: string }).url;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets a member vote from the idea page, and staff set planned with a response that shows on the roadmap", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, "member", "member password 1");
    await page.goto(`${server.baseUrl}/ideas`);
    await Promise.all([page.waitForURL((u) => u.pathname === ideaUrl), page.click(".idea-card-title a")]);
    await Promise.all([page.waitForLoadState("load"), page.click(".idea-vote-button")]);
    await expect.poll(() => page.locator(".idea-box .idea-vote-count strong").innerText()).toBe("1");
    expect(await page.locator(".flash").innerText()).toContain("投票しました");

    const staff = await browser.newContext({ locale: "ja-JP", viewport: { width: 390, height: 844 } });
    const pm = await staff.newPage();
    await login(pm, "pm", "pm password 1");
    await pm.goto(server.baseUrl + ideaUrl);
    await pm.click(".idea-status-form summary");
    await pm.selectOption(".idea-status-form select[name=status]", "planned");
    await pm.fill(".idea-status-form textarea[name=response]", "次のリリースで**対応予定**です。");
    await Promise.all([pm.waitForLoadState("load"), pm.click(".idea-status-form button[type=submit]")]);
    await expect.poll(() => pm.locator(".idea-response").innerText()).toContain("対応予定");
    await pm.screenshot({ path: artifactPath("ideas-planned-ja-phone.png"), fullPage: true });
    await staff.close();

    await page.goto(`${server.baseUrl}/roadmap`);
    expect(await page.locator(".roadmap-planned").innerText()).toContain("CSV で一括インポートしたい");
    await page.goto(`${server.baseUrl}/notifications`);
    expect(await page.locator("body").innerText()).toContain("CSV で一括インポートしたい");
    await page.screenshot({ path: artifactPath("ideas-roadmap-ja.png") });
    await context.close();
  });

  it("shows the board to a visitor without JavaScript in English and asks them to log in to vote", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/ideas?status=planned`);
    expect(await page.locator(".idea-card").count()).toBe(1);
    expect(await page.locator(".idea-card .idea-status").innerText()).toContain("Planned");
    await page.goto(server.baseUrl + ideaUrl);
    await Promise.all([page.waitForURL(/\/login/), page.click("a:has-text('Log in to vote')")]);
    await page.screenshot({ path: artifactPath("ideas-login-en-nojs.png") });
    await context.close();
  });
});
