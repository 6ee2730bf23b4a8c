import fs from "node:fs";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, artifactPath, completeSetup, launchBrowser, queryDb, runCli, signIn, startServer } from "./support.js";

/**
 * Articles in Chromium, on PostgreSQL: staff publish a customer story with a cover in the
 * starter Announcements category (a lying cover is refused and the text kept) and later change its
 * lead and cover, a member reads it
 * and comments but is not offered to start one there, and a visitor reads it on a phone in English.
 */
describe("articles and news", () => {
  let server: E2EServer;
  let browser: Browser;
  let articleUrl = "";
  const dir = fs.mkdtempSync(artifactPath("article-files-"));

  beforeAll(async () => {
    server = await startServer({ database: "postgres" });
    await completeSetup(server.baseUrl, { locale: "ja" });
    runCli(server, "user:create", "--username", "sato", "--email", "sato@example.com", "--password", "sato password 1", "--staff");
    runCli(server, "user:create", "--username", "ken", "--email", "ken@example.com", "--password", "ken password 1");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets staff publish a story with a cover in Announcements; a lying cover is refused and nothing typed is lost", async () => {
    const [category] = await queryDb<{ id: number; content_type: string }>(server, "select id, content_type from categories where slug = 'announcements'");
    expect(category.content_type).toBe("article");
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "sato", "sato password 1");
    await page.goto(`${server.baseUrl}/new-topic?category=${category.id}`);
    await page.fill("#f-title", "導入事例：問い合わせを 4 割減らした方法");
    await page.selectOption("select[name='article.kind']", "story");
    await page.fill("textarea[name='article.summary']", "コミュニティで回答を共有した取り組みを紹介します。");
    await page.fill("#f-body", "配送状況の問い合わせが毎日 200 件以上届いていました。");
    const lying = `${dir}/cover.jpg`;
    fs.writeFileSync(lying, "%PDF-1.4 not a picture");
    await page.setInputFiles("input[name='article.cover']", lying);
    await Promise.all([page.waitForLoadState("load"), page.click("form[data-composer] button[type=submit]")]);
    expect(await page.locator(".field-error").allInnerTexts()).toContain("ファイルの中身が .jpg ファイルではありません。");
    expect(await page.locator("#f-body").inputValue()).toBe("配送状況の問い合わせが毎日 200 件以上届いていました。");
    expect(await page.locator("textarea[name='article.summary']").inputValue()).toBe("コミュニティで回答を共有した取り組みを紹介します。");
    expect(await page.locator("select[name='article.kind']").inputValue()).toBe("story");
    const cover = `${dir}/harbour.jpg`;
    fs.writeFileSync(cover, await sharp({ create: { width: 1600, height: 640, channels: 3, background: "#0ea5e9" } }).jpeg().toBuffer());
    await page.setInputFiles("input[name='article.cover']", cover);
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("form[data-composer] button[type=submit]")]);
    articleUrl = page.url();
    expect(await page.locator(".article-cover").getAttribute("width")).toBe("1600");
    expect(await page.locator(".article-byline").innerText()).toContain("導入事例");
    expect(await page.locator(".article-byline").innerText()).toContain("スタッフ");
    await page.screenshot({ path: artifactPath("articles-story-ja.png"), fullPage: true });

    // After publishing, the author changes the lead and replaces the cover from the edit page.
    await page.click(".post-actions a[href$='/edit']");
    expect(await page.locator("textarea[name='article.summary']").inputValue()).toBe("コミュニティで回答を共有した取り組みを紹介します。");
    await page.fill("textarea[name='article.summary']", "回答の共有で問い合わせが 4 割減りました。");
    const wide = `${dir}/wide.png`;
    fs.writeFileSync(wide, await sharp({ create: { width: 1800, height: 600, channels: 3, background: "#f97316" } }).png().toBuffer());
    await page.setInputFiles("input[name='article.cover']", wide);
    await page.screenshot({ path: artifactPath("articles-edit-ja.png"), fullPage: true });
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("form[data-composer] button[type=submit]")]);
    expect(await page.locator(".article-lead").innerText()).toBe("回答の共有で問い合わせが 4 割減りました。");
    expect(await page.locator(".article-cover").getAttribute("width")).toBe("1800");
    await context.close();
  });

  it("lets a member comment but not start an article, and a visitor read it on a phone in English", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "ken", "ken password 1");
    await page.goto(`${server.baseUrl}/c/announcements`);
    expect(await page.locator("main a[href^='/new-topic?category=']").count()).toBe(0);
    await page.goto(articleUrl);
    await page.fill("#reply-body", "参考になりました！");
    await Promise.all([page.waitForURL(/#post-2/), page.click("#reply button[type=submit]")]);
    expect(await page.locator(".cooked").last().innerText()).toContain("参考になりました！");
    await context.close();

    const visitor = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const read = await visitor.newPage();
    await read.goto(articleUrl);
    expect(await read.locator(".article-byline").innerText()).toContain("Customer story");
    expect(await read.locator(".article-lead").innerText()).toBe("回答の共有で問い合わせが 4 割減りました。");
    const loaded = await read.locator(".article-cover").evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);
    expect(loaded).toBe(true);
    await read.screenshot({ path: artifactPath("articles-story-en-phone.png"), fullPage: true });
    await visitor.close();

    // The author's edit page in English on a phone: the article's fields, the kept cover and how to remove it.
    const english = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
    const edit = await english.newPage();
    await signIn(edit, server.baseUrl, "sato", "sato password 1");
    await edit.goto(articleUrl);
    await edit.click(".post-actions a[href$='/edit']");
    expect(await edit.locator("label[for='f-article.summary']").innerText()).toBe("Lead");
    expect(await edit.locator("label.admin-check").innerText()).toContain("Remove the cover image");
    await edit.screenshot({ path: artifactPath("articles-edit-en-phone.png"), fullPage: true });
    await english.close();
  });
});
