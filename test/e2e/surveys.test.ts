import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, artifactPath, completeSetup, launchBrowser, runCli, signIn, startServer } from "./support.js";

/**
 * Surveys in Chromium, on SQLite: staff build one with the form (a choice question with one
 * option is refused in its slot), members answer (a missing answer is refused with the others
 * kept; a second response is not offered), staff read the results with NPS and download the CSV;
 * a member answers on a phone in English without JavaScript.
 */
describe("surveys", () => {
  let server: E2EServer;
  let browser: Browser;
  let surveyUrl = "";

  beforeAll(async () => {
    server = await startServer();
    await completeSetup(server.baseUrl, { locale: "ja" });
    runCli(server, "user:create", "--username", "sato", "--email", "sato@example.com", "--password", "sato password 1", "--staff");
    runCli(server, "user:create", "--username", "ken", "--email", "ken@example.com", "--password", "ken password 1");
    runCli(server, "user:create", "--username", "amy", "--email", "amy@example.com", "--password", "amy password 1");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets staff build a survey; a choice question with one option is refused in its own slot", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "sato", "sato password 1");
    await page.goto(`${server.baseUrl}/surveys`);
    await Promise.all([page.waitForURL(/\/surveys\/new/), page.click("a:has-text('アンケートを作成')")]);
    await page.fill("#f-title", "ご利用状況アンケート");
    await page.fill("#f-description", "3 分ほどで終わります。");
    await page.selectOption("#f-status", "open");
    await page.fill("[id='f-q.0.prompt']", "どのくらいの頻度で使いますか？");
    await page.fill("[id='f-q.0.options']", "毎日");
    await page.fill("[id='f-q.1.prompt']", "サポートの満足度は？");
    await page.selectOption("[id='f-q.1.kind']", "rating");
    await page.fill("[id='f-q.2.prompt']", "Hiroba を勧める可能性は？");
    await page.selectOption("[id='f-q.2.kind']", "nps");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('アンケートを保存')")]);
    expect(await page.locator("[id='f-q.0.options-error']").innerText()).toBe("選択肢を 1 行に 1 つずつ、2 つ以上入力してください。");
    expect(await page.locator("[id='f-q.2.prompt']").inputValue()).toBe("Hiroba を勧める可能性は？");
    await page.fill("[id='f-q.0.options']", "毎日\n毎週\nほとんど使わない");
    await Promise.all([page.waitForURL(/\/surveys\/\d+$/), page.click("button:has-text('アンケートを保存')")]);
    surveyUrl = page.url();
    expect(await page.locator(".flash").innerText()).toContain("アンケートを保存しました。");
    await context.close();
  });

  it("takes answers (a missing one is refused and the rest kept), once; staff read NPS and download the CSV", async () => {
    const context = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, "ken", "ken password 1");
    await page.goto(surveyUrl);
    await page.click(".survey-option:has-text('毎週')");
    await page.click(".survey-nps .survey-scale-choice:has-text('10')");
    await page.evaluate(() => document.querySelectorAll("[required]").forEach((el) => el.removeAttribute("required")));
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('回答を送信')")]);
    expect(await page.locator(".survey-rating .field-error").innerText()).toBe("回答を選んでください。");
    expect(await page.locator(".survey-option:has-text('毎週') input").isChecked()).toBe(true);
    expect(await page.locator(".survey-nps input[value='10']").isChecked()).toBe(true);
    await page.click(".survey-rating .survey-scale-choice:has-text('4')");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('回答を送信')")]);
    expect(await page.locator(".flash").innerText()).toContain("ご回答ありがとうございました！");
    expect(await page.locator("form.survey-form").count()).toBe(0);
    await context.close();

    const phone = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const amy = await phone.newPage();
    await signIn(amy, server.baseUrl, "amy", "amy password 1");
    await amy.goto(surveyUrl);
    await amy.click(".survey-option:has-text('毎日')");
    await amy.click(".survey-rating .survey-scale-choice:has-text('5')");
    await amy.click(".survey-nps .survey-scale-choice:has-text('3')");
    await amy.screenshot({ path: artifactPath("surveys-take-en-phone.png"), fullPage: true });
    await Promise.all([amy.waitForLoadState("load"), amy.click("button:has-text('Send my answers')")]);
    expect(await amy.locator(".flash").innerText()).toContain("Thank you for your answers!");
    await phone.close();

    const staff = await browser.newContext({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    const results = await staff.newPage();
    await signIn(results, server.baseUrl, "sato", "sato password 1");
    await results.goto(`${surveyUrl}/results`);
    // One promoter (10), one detractor (3): NPS 0.
    expect(await results.locator("main").innerText()).toContain("NPS 0");
    expect(await results.locator("main").innerText()).toContain("平均 4.5 / 5");
    await results.screenshot({ path: artifactPath("surveys-results-ja.png"), fullPage: true });
    const [download] = await Promise.all([results.waitForEvent("download"), results.click("a:has-text('CSV')")]);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFFresponse_id,submitted_at,member,どのくらいの頻度で使いますか？")).toBe(true);
    expect(csv).toContain(",ken,毎週,4,10");
    expect(csv).toContain(",amy,毎日,5,3");
    await staff.close();
  });
});
