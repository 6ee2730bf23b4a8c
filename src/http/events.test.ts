import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import { system } from "../domain/actor.js";
import type { UserActor } from "../domain/actor.js";
import { createCategory } from "../domain/community/commands/createCategory.js";

describe("events over HTTP", () => {
  const now = new Date("2026-12-07T03:00:00Z");
  let t: TestApp;
  let organiser: UserActor;
  let members: UserActor[];
  let categoryId: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" }, clock: () => now });
    organiser = await makeUser(t.ctx, { staff: true });
    members = await Promise.all([makeUser(t.ctx), makeUser(t.ctx), makeUser(t.ctx)]);
    const cat = await createCategory(t.ctx, system, { name: "Meetups", contentType: "event" });
    if (!cat.ok) throw new Error("category");
    categoryId = cat.value.id;
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);

  it("creates an event with the form in Japanese; a bad time keeps everything typed", async () => {
    const client = await signedIn(organiser, "ja");
    const form = await client.get(`/new-topic?category=${categoryId}`);
    expect(form.body).toContain('type="datetime-local"');
    expect(form.body).toContain('<option value="Asia/Tokyo" selected>');
    const fields = { categoryId: String(categoryId), title: "年末もくもく会", body: "各自の作業を持ち寄りましょう。", tags: "", "event.startsAt": "2026-12-26T14:00", "event.endsAt": "2026-12-26T13:00", "event.timeZone": "Asia/Tokyo", "event.place": "大阪オフィス", "event.onlineUrl": "", "event.capacity": "1" };
    const bad = await client.form("/new-topic", fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("終了は開始より後にしてください。");
    expect(bad.body).toContain("各自の作業を持ち寄りましょう。");
    expect(bad.body).toContain('value="大阪オフィス"');
    expect(bad.body).toContain('value="2026-12-26T13:00"');
    const ok = await client.form("/new-topic", { ...fields, "event.endsAt": "2026-12-26T18:00" });
    expect(ok.statusCode).toBe(303);
    const page = await client.get(ok.headers.location as string);
    expect(page.body).toContain("2026年12月26日(土) 14:00～18:00");
    expect(page.body).toContain("Asia/Tokyo（GMT+9）の時刻");
    expect(page.body).toContain("定員 1 名中 0 名参加");
  });

  it("answers with the form: a seat, then the waiting list when full; the organiser sees who waits; the .ics downloads", async () => {
    const client = await signedIn(organiser);
    const created = await client.json("POST", "/api/v1/topics", { categoryId, title: "Customer advisory board", body: "Tell us what to build.", event: { startsAt: "2026-12-15T18:00", endsAt: "2026-12-15T20:00", timeZone: "Europe/London", place: "London office", capacity: 1 } });
    expect(created.statusCode).toBe(201);
    const { id: topicId, url } = created.json() as { id: number; url: string };
    const first = await signedIn(members[0]);
    const second = await signedIn(members[1]);
    expect((await first.form(`/t/${topicId}/rsvp`, { status: "going", next: url })).headers.location).toBe(url);
    const mine = await first.get(url);
    expect(mine.body).toContain("You're going. See you there!");
    expect(mine.body).toContain('aria-pressed="true"');
    const full = await second.get(url);
    expect(full.body).toContain("Join the waiting list");
    await second.form(`/t/${topicId}/rsvp`, { status: "going", next: url });
    const waiting = await second.get(url);
    expect(waiting.body).toContain("The event is full, so you're on the waiting list.");
    expect(waiting.body).toContain("You're number 1 on the waiting list.");
    expect((await client.get(url)).body).toContain("Waiting list (1)");
    expect(waiting.body).not.toContain("Only you (the organiser) and moderators see these names.");

    // The API: the same answers; a seat freed by withdrawing goes to the next in line.
    const api = await first.json("DELETE", `/api/v1/topics/${topicId}/rsvp`);
    expect(api.json()).toMatchObject({ status: null, promoted: [members[1].id] });
    const topic = await second.json("GET", `/api/v1/topics/${topicId}`);
    expect(topic.json().typeData).toMatchObject({ type: "event", myRsvp: "going", capacity: 1, seatsLeft: 0, timeZone: "Europe/London", startsAt: "2026-12-15T18:00:00.000Z" });
    expect((await first.json("PUT", `/api/v1/topics/${topicId}/rsvp`, { status: "perhaps" })).statusCode).toBe(400);
    expect((await new Client(t.server).json("PUT", `/api/v1/topics/${topicId}/rsvp`, { status: "going" })).statusCode).toBe(401);
    const visitor = await new Client(t.server).form(`/t/${topicId}/rsvp`, { status: "going", next: url });
    expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    const notes = await second.json("GET", "/api/v1/notifications");
    expect(JSON.stringify(notes.json())).toContain("events.promoted");

    const ics = await second.get(`/t/${topicId}/event.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.headers["content-disposition"]).toMatch(/attachment; filename=".*\.ics"/);
    expect(ics.body).toContain("DTSTART:20261215T180000Z");
    expect(ics.body).toContain("LOCATION:London office");
    expect((await second.get("/t/99999999/event.ics")).statusCode).toBe(404);

    // Lists: the page and the API, upcoming and the month.
    const list = await new Client(t.server).get("/events");
    expect(list.body).toContain("Customer advisory board");
    const month = await new Client(t.server).get("/events/calendar?month=2026-12");
    expect(month.body).toContain("December 2026");
    expect(month.body).toContain("Customer advisory board");
    const cal = await new Client(t.server).json("GET", "/api/v1/events/calendar?month=2026-12");
    expect(cal.json().days[14]).toEqual({ day: "2026-12-15", topicIds: [topicId] });
    expect((await new Client(t.server).json("GET", "/api/v1/events/calendar?month=2026-13")).statusCode).toBe(400);
    const upcoming = await new Client(t.server).json("GET", "/api/v1/events");
    expect(upcoming.json().topics.map((x: { id: number }) => x.id)).toContain(topicId);
  });

  it("lets the organiser change the event with the form; a bad change comes back with what was typed; others may not", async () => {
    const client = await signedIn(organiser);
    const created = await client.json("POST", "/api/v1/topics", { categoryId, title: "Release party", body: "Cake.", event: { startsAt: "2026-12-18T18:00", endsAt: "2026-12-18T20:00", timeZone: "Asia/Tokyo", onlineUrl: "https://meet.example.com/party" } });
    const { id: topicId, url } = created.json() as { id: number; url: string };
    const form = { "event.startsAt": "2026-12-18T19:00", "event.endsAt": "2026-12-18T21:00", "event.timeZone": "Asia/Tokyo", "event.place": "", "event.onlineUrl": "not a link", "event.capacity": "" };
    const bad = await client.form(`/t/${topicId}/event`, form);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Enter a web address starting with http:// or https://.");
    expect(bad.body).toContain('value="not a link"');
    const ok = await client.form(`/t/${topicId}/event`, { ...form, "event.onlineUrl": "https://meet.example.com/party2" });
    expect(ok.headers.location).toBe(url);
    expect((await client.get(url)).body).toContain("The event was updated.");
    const other = await signedIn(members[2]);
    const denied = await other.json("PUT", `/api/v1/topics/${topicId}/event`, { startsAt: "2026-12-18T19:00", endsAt: "2026-12-18T21:00", timeZone: "Asia/Tokyo", place: "Mine" });
    expect(denied.statusCode).toBe(403);
    // The link shows to those coming only.
    expect((await other.get(url)).body).not.toContain("meet.example.com/party2");
    await other.json("PUT", `/api/v1/topics/${topicId}/rsvp`, { status: "maybe" });
    expect((await other.get(url)).body).toContain("https://meet.example.com/party2");
  });
});
