import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, artifactPath, completeSetup, launchBrowser, runCli, signIn, startServer } from "./support.js";

/**
 * Media as people use them in Chromium, on SQLite: a member drops a photo into the composer (it
 * is uploaded and put into the text), a file with a lying extension is refused with the text
 * kept, the posted image keeps its place while loading; without JavaScript the plain file input
 * attaches a file with the post; a video link loads nothing from the video host until played;
 * a link alone on its line gets a preview card fetched by a job from a local page.
 */
describe("media", () => {
  let server: E2EServer;
  let browser: Browser;
  let site: http.Server;
  let siteUrl = "";
  let photoTopic = "";
  const dir = fs.mkdtempSync(artifactPath("media-files-"));
  const file = (name: string, data: Buffer) => {
    const p = `${dir}/${name}`;
    fs.writeFileSync(p, data);
    return p;
  };

  beforeAll(async () => {
    site = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end('<html><head><meta property="og:title" content="Hiroba 4.2 リリースノート"><meta property="og:description" content="レポートの定期配信に対応しました。"><meta property="og:site_name" content="Hiroba Docs"></head></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/notes`;
    server = await startServer({ env: { LINK_PREVIEWS_PRIVATE: "on" } });
    await completeSetup(server.baseUrl, { locale: "ja" });
    runCli(server, "user:create", "--username", "hana", "--email", "hana@example.com", "--password", "hana password 1");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    site?.close();
  });

  it("uploads a dropped-in photo into the text, refuses a lying file with the text kept, and shows the image at its size", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "hana", "hana password 1");
    await page.goto(`${server.baseUrl}/new-topic`);
    const [firstCategory] = await page.locator("a[href^='/new-topic?category=']").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    if (firstCategory) await page.goto(firstCategory);
    await page.fill("#f-title", "ダッシュボードの表示が崩れます");
    await page.fill("#f-body", "ログイン直後の画面です。");
    const png = await sharp({ create: { width: 1400, height: 800, channels: 3, background: "#3b82f6" } }).png().toBuffer();
    await page.setInputFiles("#f-files", file("dashboard.png", png));
    await page.waitForFunction(() => (document.querySelector("#f-body") as HTMLTextAreaElement).value.includes("![dashboard](/uploads/"));
    expect(await page.locator("[data-attach-status]").innerText()).toContain("dashboard.png を本文に追加しました。");
    const typed = await page.locator("#f-body").inputValue();
    await page.setInputFiles("#f-files", file("photo.png", Buffer.from("%PDF-1.7 this is a pdf")));
    await page.waitForFunction(() => document.querySelector("[data-attach-status]")?.classList.contains("is-error"));
    expect(await page.locator("[data-attach-status]").innerText()).toContain("「photo.png」の中身は .png ファイルではないため、アップロードしませんでした。");
    expect(await page.locator("#f-body").inputValue()).toBe(typed);
    await page.screenshot({ path: artifactPath("media-composer-ja.png"), fullPage: true });
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("form[data-composer] button[type=submit]")]);
    photoTopic = page.url();
    const img = page.locator(".cooked img").first();
    expect(await img.getAttribute("width")).toBe("1400");
    expect(await img.getAttribute("height")).toBe("800");
    await page.waitForFunction(() => (document.querySelector(".cooked img") as HTMLImageElement | null)?.complete === true);
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath("media-topic-ja.png"), fullPage: true });
    await context.close();
  });

  it("attaches a file with the plain form when JavaScript is off, and a visitor reads the post in English", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "hana", "hana password 1");
    await page.goto(photoTopic);
    await page.fill("#reply-body", "The log from last night:");
    // .log is not among the types this community allows: refused, the text kept.
    await page.setInputFiles("#reply-files", file("night.log", Buffer.from("02:00 job started\n02:05 job finished\n")));
    await Promise.all([page.waitForLoadState("load"), page.click("#reply button[type=submit]")]);
    expect(await page.locator("#reply .alert-error").innerText()).toContain("“night.log” is not a type you can upload here.");
    expect(await page.locator("#reply-body").inputValue()).toBe("The log from last night:");
    await page.screenshot({ path: artifactPath("media-reply-refused-nojs-en-phone.png"), fullPage: true });
    await page.setInputFiles("#reply-files", file("night.txt", Buffer.from("02:00 job started\n02:05 job finished\n")));
    await Promise.all([page.waitForURL(/#post-2/), page.click("#reply button[type=submit]")]);
    const link = page.locator(".cooked a[href$='/night.txt']");
    expect(await link.innerText()).toBe("night.txt");
    await context.close();

    const visitor = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
    const read = await visitor.newPage();
    await read.goto(photoTopic);
    const src = await read.locator(".cooked img").first().getAttribute("src");
    const res = await read.request.get(`${server.baseUrl}${src}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    await visitor.close();
  });

  it("loads nothing from the video host until the reader plays it, and shows a preview card for a link on its own line", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.baseUrl)) outside.push(r.url());
    });
    // Stand in for the player so the test never leaves this machine.
    await page.route("https://www.youtube-nocookie.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>player</body></html>" }));
    await signIn(page, server.baseUrl, "hana", "hana password 1");
    await page.goto(`${server.baseUrl}/new-topic`);
    const [firstCategory] = await page.locator("a[href^='/new-topic?category=']").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    if (firstCategory) await page.goto(firstCategory);
    await page.fill("#f-title", "新機能の紹介動画とリリースノート");
    await page.fill("#f-body", `動画はこちら:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n${siteUrl}`);
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("form[data-composer] button[type=submit]")]);
    const topicUrl = page.url();
    expect(await page.locator(".video-embed").count()).toBe(1);
    expect(await page.locator(".video-embed iframe").count()).toBe(0);
    expect(outside).toEqual([]);
    // The preview is fetched by a job; the page shows it once it is there.
    await expect.poll(async () => {
      await page.goto(topicUrl);
      return page.locator(".onebox-title").count();
    }, { timeout: 15_000 }).toBe(1);
    expect(await page.locator(".onebox").innerText()).toContain("Hiroba 4.2 リリースノート");
    expect(outside).toEqual([]);
    await page.screenshot({ path: artifactPath("media-video-card-ja.png"), fullPage: true });
    await page.click(".video-embed .video-link");
    const frame = page.locator(".video-embed iframe");
    expect(await frame.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
    await expect.poll(() => outside.some((u) => u.startsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"))).toBe(true);
    expect(outside.every((u) => u.startsWith("https://www.youtube-nocookie.com/"))).toBe(true);
    await context.close();
  });
});
