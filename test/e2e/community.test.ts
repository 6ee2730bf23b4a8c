import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, type HttpSession, artifactPath, completeSetup, launchBrowser, readMail, startServer, waitFor } from "./support.js";

/**
 * What a person does, in Chromium, against the built server on a fresh database, once per theme:
 * sign up → confirm the e-mail from the mail that arrived → ask a question → someone else replies
 * in another browser → the asker sees the reply appear without reloading → Japanese search finds
 * it; then the same pages with JavaScript turned off.
 */
const THEMES = ["support", "social", "bbs"] as const;

async function signUp(page: Page, base: string, server: E2EServer, user: { username: string; email: string; password: string }): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.fill("input[name=username]", user.username);
  await page.fill("input[name=email]", user.email);
  await page.fill("input[name=password]", user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/signup")), page.click("form[action='/signup'] button[type=submit]")]);
  const mail = await waitFor(`verification mail to ${user.email}`, () => readMail(server.dataDir).find((m) => m.to.includes(user.email)));
  const link = /https?:\/\/\S+\/verify-email\?token=[\w%.-]+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  await expect.poll(() => page.locator("[role=status], .alert-success").count()).toBeGreaterThan(0);
}

for (const theme of THEMES) {
  describe(`the ${theme} theme, as people use it`, () => {
    let server: E2EServer;
    let admin: HttpSession;
    let browser: Browser;
    let asker: BrowserContext;
    let helper: BrowserContext;
    let topicUrl = "";
    const title = `プリンターの設定がうまくいきません（${theme}）`;
    /** The new-topic form: through the category chooser when the member may post in several. */
    const openComposer = async (page: Page) => {
      await page.goto(`${server.baseUrl}/new-topic`);
      if ((await page.locator(".category-choices a").count()) > 0) await Promise.all([page.waitForURL(/\/new-topic\?category=/), page.click(".category-choices a >> nth=0")]);
    };

    beforeAll(async () => {
      server = await startServer({ env: { RATE_LIMIT_FACTOR: "20" } });
      admin = await completeSetup(server.baseUrl, { locale: "ja" });
      const res = await admin.form("/admin/settings", { name: "E2E コミュニティ", description: "製品のサポートコミュニティです。", defaultLocale: "ja", theme });
      expect(res.status).toBe(303);
      browser = await launchBrowser();
      asker = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
      helper = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("lets a visitor sign up, confirm the e-mail and ask a question", async () => {
      const page = await asker.newPage();
      await signUp(page, server.baseUrl, server, { username: `asker_${theme}`, email: `asker-${theme}@example.com`, password: "asker password 1" });
      await page.goto(`${server.baseUrl}/`);
      expect(await page.getAttribute("html", "data-theme")).toBe(theme);
      expect(await page.getAttribute("html", "lang")).toBe("ja");
      // First where the topic belongs (each category holds one kind of topic), then the form; a
      // member who may post in one category only (Announcements is for staff) gets the form at once.
      await openComposer(page);
      await page.fill("input[name=title]", title);
      await page.fill("textarea[name=body]", "複合機のネットワーク設定を変更したら、印刷できなくなりました。どこを確認すればよいでしょうか？");
      await page.fill("input[name=tags]", "printer");
      await Promise.all([page.waitForURL(/\/t\/\d+\//), page.click("form[action='/new-topic'] button[type=submit]")]);
      topicUrl = page.url();
      await expect.poll(() => page.locator("h1").first().textContent()).toContain("プリンターの設定");
      await page.screenshot({ path: artifactPath(`community-${theme}-topic-ja.png`), fullPage: true });
    });

    it("shows another member's reply on the asker's open page without a reload", async () => {
      const askerPage = asker.pages()[0];
      await askerPage.goto(topicUrl);
      await askerPage.evaluate(() => Object.assign(window, { __notReloaded: true }));
      const page = await helper.newPage();
      await signUp(page, server.baseUrl, server, { username: `helper_${theme}`, email: `helper-${theme}@example.com`, password: "helper password 1" });
      await page.goto(topicUrl);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.fill("textarea[name=body]", "Check the printer's IP address in the network 設定 page, then print a test page.");
      await Promise.all([page.waitForURL(/#post-2$/), page.click("form.composer button[type=submit]")]);
      const reply = askerPage.locator("#post-2");
      await reply.waitFor({ timeout: 20_000 });
      expect(await reply.textContent()).toContain("Check the printer's IP address");
      expect(await askerPage.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
      await page.screenshot({ path: artifactPath(`community-${theme}-topic-phone-en.png`), fullPage: true });
    });

    it("finds the question by a two-character Japanese word from the header search", async () => {
      const page = asker.pages()[0];
      await page.goto(`${server.baseUrl}/latest`);
      const box = page.locator("form[role=search] input[name=q]").first();
      if (!(await box.isVisible())) await page.goto(`${server.baseUrl}/search`);
      await page.locator("input[name=q]:visible").first().fill("設定");
      await Promise.all([page.waitForURL(/\/search\?/), page.locator("input[name=q]:visible").first().press("Enter")]);
      await expect.poll(() => page.locator(`a:has-text("プリンターの設定")`).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.locator("mark").first().textContent()).toBe("設定");
      await page.screenshot({ path: artifactPath(`community-${theme}-search-ja.png`), fullPage: true });
    });

    it("never submits a form while a Japanese IME is composing", async () => {
      const page = asker.pages()[0];
      await openComposer(page);
      await page.fill("input[name=title]", "へんかん");
      // Browsers differ in whether the Enter that confirms a conversion submits a form; the page's
      // script cancels such an Enter everywhere. Check that it does, and leaves a plain Enter alone.
      const cancelled = await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>("input[name=title]")!;
        const press = (init: KeyboardEventInit) => !input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init }));
        return { composing: press({ isComposing: true }), legacyIme: press({ keyCode: 229 } as KeyboardEventInit), plain: press({}) };
      });
      expect(cancelled).toEqual({ composing: true, legacyIme: true, plain: false });
      expect(await page.inputValue("input[name=title]")).toBe("へんかん");
    });

    it("works with JavaScript turned off: read, log in, reply and search", async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false, locale: "ja-JP" });
      const page = await ctx.newPage();
      await page.goto(`${server.baseUrl}/`);
      expect(await page.locator("body").textContent()).toContain(title);
      await page.goto(`${server.baseUrl}/categories`);
      expect(await page.locator("main").textContent()).toContain("一般");
      await page.goto(`${server.baseUrl}/login?next=${encodeURIComponent(new URL(topicUrl).pathname)}`);
      await page.fill("input[name=login]", `asker_${theme}`);
      await page.fill("input[name=password]", "asker password 1");
      await Promise.all([page.waitForURL(/\/t\/\d+\//), page.click("form[action='/login'] button[type=submit]")]);
      await page.fill("textarea[name=body]", "ありがとうございます。IP アドレスを直したら印刷できました。");
      await Promise.all([page.waitForURL(/#post-3$/), page.click("form.composer button[type=submit]")]);
      expect(await page.locator("#post-3").textContent()).toContain("印刷できました");
      await page.goto(`${server.baseUrl}/search?q=${encodeURIComponent("印刷")}`);
      expect(await page.locator("main").textContent()).toContain("プリンターの設定");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.baseUrl}/`);
      await page.screenshot({ path: artifactPath(`community-${theme}-home-nojs-phone.png`), fullPage: true });
      await ctx.close();
    });
  });
}
