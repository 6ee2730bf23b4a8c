import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2EServer, artifactPath, completeSetup, launchBrowser, queryDb, startServer, runCli, signIn } from "./support.js";

/**
 * Events as people use them in Chromium, on PostgreSQL: staff create a meetup with one seat (an
 * end before the start is refused with everything typed kept), a member in New York takes the
 * seat on a phone and sees the time in her own zone, a second member joins the waiting list and
 * gets the seat (and a notification) when the first cancels, the calendar file downloads, and a
 * visitor without JavaScript reads the lists and the month in English.
 */
describe("events", () => {
  let server: E2EServer;
  let browser: Browser;
  let categoryId: number;
  let eventUrl = "";

  const cli = (...args: string[]) => runCli(server, ...args);

  const login = (page: Page, username: string, password: string) => signIn(page, server.baseUrl, username, password);

  /** A day ten days from now, as the datetime-local input takes it. */
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const month = day.slice(0, 7);

  beforeAll(async () => {
    server = await startServer({ database: "postgres" });
    const admin = await completeSetup(server.baseUrl, { locale: "ja" });
    const made = await admin.form("/admin/categories", { name: "イベント", slug: "events", description: "", color: "#db2777", parentId: "", position: "", contentType: "event" });
    expect(made.status).toBe(303);
    [{ id: categoryId }] = await queryDb<{ id: number }>(server, "select id from categories where slug = 'events'");
    cli("user:create", "--username", "organiser", "--email", "organiser@example.com", "--password", "organiser password 1", "--staff");
    cli("user:create", "--username", "olivia", "--email", "olivia@example.com", "--password", "olivia password 1");
    cli("user:create", "--username", "kenta", "--email", "kenta@example.com", "--password", "kenta password 1");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lets staff create an event in Tokyo time; an end before the start is refused and nothing typed is lost", async () => {
    const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, "organiser", "organiser password 1");
    await page.goto(`${server.baseUrl}/new-topic?category=${categoryId}`);
    // The browser's own zone is chosen for the organiser.
    expect(await page.locator("select[name='event.timeZone']").inputValue()).toBe("Asia/Tokyo");
    await page.fill("#f-title", "ユーザー会 東京 — レポート自動化の事例");
    await page.fill("#f-body", "新機能のデモと事例紹介のあと、懇親会があります。");
    await page.fill("input[name='event.startsAt']", `${day}T19:00`);
    await page.fill("input[name='event.endsAt']", `${day}T18:00`);
    await page.fill("input[name='event.place']", "東京オフィス 8F セミナールーム");
    await page.fill("input[name='event.capacity']", "1");
    await Promise.all([page.waitForLoadState("load"), page.click("button:has-text('イベントを作成')")]);
    expect(await page.locator("[id='f-event.endsAt-error']").innerText()).toContain("終了は開始より後にしてください。");
    expect(await page.locator("#f-body").inputValue()).toBe("新機能のデモと事例紹介のあと、懇親会があります。");
    expect(await page.locator("input[name='event.place']").inputValue()).toBe("東京オフィス 8F セミナールーム");
    expect(await page.locator("select[name='event.timeZone']").inputValue()).toBe("Asia/Tokyo");
    await page.screenshot({ path: artifactPath("events-bad-time-ja.png"), fullPage: true });
    await page.fill("input[name='event.endsAt']", `${day}T21:00`);
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.click("button:has-text('イベントを作成')")]);
    eventUrl = page.url();
    const box = await page.locator(".event-box").innerText();
    expect(box).toContain("19:00～21:00");
    expect(box).toContain("Asia/Tokyo（GMT+9）の時刻");
    expect(box).toContain("定員 1 名中 0 名参加");
    // Same zone as the event: no second line.
    expect(await page.locator(".event-local-time").count()).toBe(0);
    await page.screenshot({ path: artifactPath("events-created-ja.png"), fullPage: true });
    await context.close();
  });

  it("gives the one seat to the first member, puts the second on the waiting list, and moves her up when the first cancels", async () => {
    const nyContext = await browser.newContext({ locale: "en-US", timezoneId: "America/New_York", viewport: { width: 390, height: 844 } });
    const olivia = await nyContext.newPage();
    await login(olivia, "olivia", "olivia password 1");
    await olivia.goto(eventUrl);
    // Her own time, from her browser's zone: 19:00 in Tokyo is 05:00 in New York.
    expect(await olivia.locator(".event-local-time").innerText()).toMatch(/Your time: .*5:00/);
    await Promise.all([olivia.waitForLoadState("load"), olivia.click(".rsvp-buttons .rsvp-going")]);
    expect(await olivia.locator(".flash").innerText()).toContain("You're going. See you there!");
    expect(await olivia.locator(".rsvp-going").getAttribute("aria-pressed")).toBe("true");
    await olivia.screenshot({ path: artifactPath("events-going-en-phone.png"), fullPage: true });

    const jaContext = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 900 } });
    const kenta = await jaContext.newPage();
    await login(kenta, "kenta", "kenta password 1");
    await kenta.goto(eventUrl);
    expect(await kenta.locator(".event-box").innerText()).toContain("満席です");
    await Promise.all([kenta.waitForLoadState("load"), kenta.click("button:has-text('キャンセル待ちに登録')")]);
    expect(await kenta.locator(".rsvp-position").innerText()).toContain("キャンセル待ち 1 番目です。");
    await kenta.screenshot({ path: artifactPath("events-waitlist-ja.png"), fullPage: true });

    // The organiser sees who waits.
    const staffContext = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
    const organiser = await staffContext.newPage();
    await login(organiser, "organiser", "organiser password 1");
    await organiser.goto(eventUrl);
    expect(await organiser.locator(".event-people-grid").innerText()).toContain("キャンセル待ち（1）");
    expect(await organiser.locator(".event-people-grid").innerText()).toContain("kenta");
    await staffContext.close();

    await olivia.goto(eventUrl);
    await Promise.all([olivia.waitForLoadState("load"), olivia.click(".rsvp-buttons .rsvp-not_going")]);
    expect(await olivia.locator(".flash").innerText()).toContain("Saved: not going.");
    await kenta.goto(`${server.baseUrl}/notifications`);
    expect(await kenta.locator("main").innerText()).toContain("席が空きました");
    await kenta.goto(eventUrl);
    expect(await kenta.locator(".rsvp-going").getAttribute("aria-pressed")).toBe("true");
    const [row] = await queryDb<{ going_count: number }>(server, "select going_count from events");
    expect(Number(row.going_count)).toBe(1);

    // The calendar file.
    const [download] = await Promise.all([kenta.waitForEvent("download"), kenta.click(".event-calendar a")]);
    const ics = fs.readFileSync(await download.path(), "utf8");
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(`DTSTART:${day.replace(/-/g, "")}T100000Z`);
    expect(ics).toContain("LOCATION:東京オフィス 8F セミナールーム");
    await nyContext.close();
    await jaContext.close();
  });

  it("shows the lists and the month to a visitor without JavaScript, in English, on a phone and a desktop", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/events`);
    expect(await page.locator(".event-cards").innerText()).toContain("ユーザー会 東京");
    expect(await page.locator(".event-cards").innerText()).toContain("1 / 1 going");
    await page.screenshot({ path: artifactPath("events-list-en-phone.png"), fullPage: true });
    await page.goto(`${server.baseUrl}/events/calendar?month=${month}`);
    expect(await page.locator(".month-grid").innerText()).toContain("ユーザー会 東京");
    await page.screenshot({ path: artifactPath("events-month-en-phone.png"), fullPage: true });
    await page.goto(eventUrl);
    expect(await page.locator(".event-box").innerText()).toContain("Log in to answer");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/events/calendar?month=${month}`);
    expect(await page.locator(".month-day.has-events").count()).toBe(1);
    await page.screenshot({ path: artifactPath("events-month-en.png"), fullPage: true });
    await context.close();
  });
});
