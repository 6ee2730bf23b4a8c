import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { anonymous, system } from "../actor.js";
import type { UserActor } from "../actor.js";
import { createCategory } from "../community/commands/createCategory.js";
import { setCategoryPermissions } from "../community/commands/setCategoryPermissions.js";
import { createTopic } from "../content/commands/createTopic.js";
import { lockTopic } from "../content/commands/lockTopic.js";
import { getTopicPage } from "../content/queries/getTopicPage.js";
import { editEvent } from "./commands/editEvent.js";
import { rsvp, withdrawRsvp } from "./commands/rsvp.js";
import { eventCalendarFile } from "./queries/eventCalendar.js";
import { eventMonth, listEvents } from "./queries/listEvents.js";

describe("events", () => {
  let now = new Date("2026-12-07T03:00:00Z");
  let t: TestApp;
  let m: UserActor[];
  let organiser: UserActor;
  let moderator: UserActor;
  let events: number;
  let n = 0;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" }, clock: () => now });
    m = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser(t.ctx)));
    organiser = await makeUser(t.ctx, { staff: true });
    moderator = await makeUser(t.ctx, { role: "moderator" });
    const cat = await createCategory(t.ctx, system, { name: "Events", contentType: "event" });
    if (!cat.ok) throw new Error("category");
    events = cat.value.id;
  });
  afterAll(() => t.close());

  const fields = (over: Record<string, unknown> = {}) => ({ startsAt: "2026-12-20T19:00", endsAt: "2026-12-20T21:00", timeZone: "Asia/Tokyo", place: "Shibuya office, 5F", onlineUrl: "", capacity: "", ...over });
  const create = async (over: Record<string, unknown> = {}, actor = organiser, categoryId = events) => {
    const res = await createTopic(t.ctx, actor, { categoryId, title: `Meetup number ${++n}`, body: "Talks, then drinks.", event: fields(over) });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.value.id;
  };
  const page = async (actor: Parameters<typeof getTopicPage>[1], id: number) => {
    const res = await getTopicPage(t.ctx, actor, id);
    if (!res.ok || res.value.typeData?.type !== "event") throw new Error("no event");
    return res.value.typeData;
  };

  it("stores the time in the event's own zone as instants, and refuses bad times and places", async () => {
    const id = await create();
    const ev = await page(anonymous, id);
    expect(ev).toMatchObject({ timeZone: "Asia/Tokyo", place: "Shibuya office, 5F", capacity: null, online: false, canRsvp: false, over: false, started: false });
    expect(ev.startsAt.toISOString()).toBe("2026-12-20T10:00:00.000Z");
    expect(ev.endsAt.toISOString()).toBe("2026-12-20T12:00:00.000Z");

    const bad = (over: Record<string, unknown>) => createTopic(t.ctx, organiser, { categoryId: events, title: "A broken event", body: "Text.", event: fields(over) });
    expect(await bad({ startsAt: "" })).toMatchObject({ ok: false, code: "invalid", fields: { "event.startsAt": { key: "validation.required" } } });
    expect(await bad({ startsAt: "2026-02-30T10:00" })).toMatchObject({ ok: false, fields: { "event.startsAt": { key: "validation.dateTime" } } });
    expect(await bad({ endsAt: "2026-12-20T18:00" })).toMatchObject({ ok: false, fields: { "event.endsAt": { key: "validation.eventEndsBeforeStart" } } });
    expect(await bad({ endsAt: "2027-04-01T18:00" })).toMatchObject({ ok: false, fields: { "event.endsAt": { key: "validation.eventTooLong" } } });
    expect(await bad({ timeZone: "Mars/Base" })).toMatchObject({ ok: false, fields: { "event.timeZone": { key: "validation.timeZone" } } });
    expect(await bad({ place: "", onlineUrl: "" })).toMatchObject({ ok: false, fields: { "event.place": { key: "validation.eventWhere" } } });
    expect(await bad({ onlineUrl: "javascript:alert(1)" })).toMatchObject({ ok: false, fields: { "event.onlineUrl": { key: "validation.url" } } });
    expect(await bad({ capacity: "0" })).toMatchObject({ ok: false, fields: { "event.capacity": { key: "validation.capacity" } } });
    expect(await bad({ startsAt: "2026-12-01T10:00", endsAt: "2026-12-01T12:00" })).toMatchObject({ ok: false, fields: { "event.endsAt": { key: "validation.eventInPast" } } });
    // The API may send instants with an offset instead of wall-clock times.
    const api = await createTopic(t.ctx, organiser, { categoryId: events, title: "Webinar in UTC", body: "Online.", event: { startsAt: "2026-12-21T09:00:00Z", endsAt: "2026-12-21T10:00:00+00:00", timeZone: "Europe/London", onlineUrl: "https://meet.example.com/abc" } });
    expect(api.ok).toBe(true);
  });

  it("gives seats first come first, then a waiting list in order; a freed seat goes to the next in line, who is told", async () => {
    const id = await create({ capacity: "2" });
    expect(await rsvp(t.ctx, m[0], { topicId: id, status: "going" })).toMatchObject({ ok: true, value: { status: "going", position: null } });
    now = new Date(now.getTime() + 1000);
    expect(await rsvp(t.ctx, m[1], { topicId: id, status: "going" })).toMatchObject({ ok: true, value: { status: "going" } });
    now = new Date(now.getTime() + 1000);
    expect(await rsvp(t.ctx, m[2], { topicId: id, status: "going" })).toMatchObject({ ok: true, value: { status: "waitlist", position: 1 } });
    now = new Date(now.getTime() + 1000);
    expect(await rsvp(t.ctx, m[3], { topicId: id, status: "going" })).toMatchObject({ ok: true, value: { status: "waitlist", position: 2 } });
    // Saying going again keeps one's place in line.
    expect(await rsvp(t.ctx, m[2], { topicId: id, status: "going" })).toMatchObject({ ok: true, value: { status: "waitlist", position: 1 } });
    expect(await rsvp(t.ctx, m[4], { topicId: id, status: "maybe" })).toMatchObject({ ok: true, value: { status: "maybe" } });

    const full = await page(m[3], id);
    expect(full).toMatchObject({ counts: { going: 2, maybe: 1, waitlist: 2, notGoing: 0 }, seatsLeft: 0, myRsvp: "waitlist", myWaitlistPosition: 2, waitlist: [] });
    expect(full.going.map((u) => u.id)).toEqual([m[0].id, m[1].id]);
    expect((await page(organiser, id)).waitlist.map((u) => u.id)).toEqual([m[2].id, m[3].id]);

    // m[1] cannot come after all: m[2] takes the seat and gets a notification.
    expect(await rsvp(t.ctx, m[1], { topicId: id, status: "not_going" })).toMatchObject({ ok: true, value: { status: "not_going", promoted: [m[2].id] } });
    const notes = await t.ctx.db.selectFrom("notifications").select(["user_id", "kind"]).where("topic_id", "=", id).execute();
    expect(notes).toEqual([{ user_id: m[2].id, kind: "events.promoted" }]);
    expect(await page(m[3], id)).toMatchObject({ counts: { going: 2, waitlist: 1, notGoing: 1 }, myWaitlistPosition: 1 });
    // Withdrawing a seat frees it too; withdrawing from the line does not move anyone.
    expect(await withdrawRsvp(t.ctx, m[0], { topicId: id })).toMatchObject({ ok: true, value: { status: null, promoted: [m[3].id] } });
    expect(await page(m[3], id)).toMatchObject({ counts: { going: 2, waitlist: 0 }, myRsvp: "going" });
    const row = await t.ctx.db.selectFrom("events").select("going_count").where("topic_id", "=", id).executeTakeFirstOrThrow();
    expect(Number(row.going_count)).toBe(2);
  });

  it("moves people up when the organiser adds seats, keeps those going when seats are cut, and lets only the organiser and moderators edit", async () => {
    const id = await create({ capacity: "1" });
    for (const member of [m[0], m[1], m[2]]) {
      now = new Date(now.getTime() + 1000);
      await rsvp(t.ctx, member, { topicId: id, status: "going" });
    }
    expect(await editEvent(t.ctx, m[0], { topicId: id, event: fields({ capacity: "5" }) })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await editEvent(t.ctx, organiser, { topicId: id, event: fields({ capacity: "2" }) })).toMatchObject({ ok: true, value: { promoted: [m[1].id] } });
    expect(await editEvent(t.ctx, moderator, { topicId: id, event: fields({ capacity: "", startsAt: "2026-12-20T18:30" }) })).toMatchObject({ ok: true, value: { promoted: [m[2].id] } });
    const ev = await page(anonymous, id);
    expect(ev).toMatchObject({ capacity: null, counts: { going: 3 } });
    expect(ev.startsAt.toISOString()).toBe("2026-12-20T09:30:00.000Z");
    expect(await editEvent(t.ctx, organiser, { topicId: id, event: fields({ capacity: "1" }) })).toMatchObject({ ok: true, value: { promoted: [] } });
    expect(await page(anonymous, id)).toMatchObject({ capacity: 1, seatsLeft: 0, counts: { going: 3 } });
    expect(await editEvent(t.ctx, organiser, { topicId: id, event: fields({ endsAt: "2026-12-20T10:00" }) })).toMatchObject({ ok: false, code: "invalid", fields: { "event.endsAt": { key: "validation.eventEndsBeforeStart" } } });
    const audited = await t.ctx.db.selectFrom("audit_log").select("action").where("target_id", "=", id).execute();
    expect(audited.map((a) => a.action)).toEqual(["event.edit"]);
  });

  it("refuses answers from visitors, to locked or finished events, and answers that are not answers", async () => {
    const id = await create();
    expect(await rsvp(t.ctx, anonymous, { topicId: id, status: "going" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await rsvp(t.ctx, m[0], { topicId: id, status: "sure" })).toMatchObject({ ok: false, code: "invalid", fields: { status: { key: "validation.rsvp" } } });
    const locked = await create();
    await lockTopic(t.ctx, moderator, { topicId: locked, locked: true });
    expect(await rsvp(t.ctx, m[0], { topicId: locked, status: "going" })).toMatchObject({ ok: false, code: "forbidden", messageKey: "errors:topicLocked" });
    const soon = await create({ startsAt: "2026-12-07T13:00", endsAt: "2026-12-07T14:00" });
    await rsvp(t.ctx, m[0], { topicId: soon, status: "going" });
    const saved = now;
    now = new Date("2026-12-07T06:00:00Z");
    expect(await rsvp(t.ctx, m[1], { topicId: soon, status: "going" })).toMatchObject({ ok: false, code: "invalid", messageKey: "events:errors.over" });
    expect(await page(m[0], soon)).toMatchObject({ over: true, started: true, canRsvp: false, myRsvp: "going" });
    now = saved;
  });

  it("shows the online link to those coming, the organiser and staff, and to nobody else — in the page and the calendar file", async () => {
    const id = await create({ onlineUrl: "https://meet.example.com/secret-room", place: "" });
    expect(await page(anonymous, id)).toMatchObject({ online: true, onlineUrl: null });
    expect(await page(m[0], id)).toMatchObject({ onlineUrl: null });
    expect(await page(organiser, id)).toMatchObject({ onlineUrl: "https://meet.example.com/secret-room" });
    await rsvp(t.ctx, m[0], { topicId: id, status: "maybe" });
    expect(await page(m[0], id)).toMatchObject({ onlineUrl: "https://meet.example.com/secret-room" });
    await rsvp(t.ctx, m[0], { topicId: id, status: "not_going" });
    expect(await page(m[0], id)).toMatchObject({ onlineUrl: null });

    const visitor = await eventCalendarFile(t.ctx, anonymous, id);
    if (!visitor.ok) throw new Error("ics");
    expect(visitor.value.body).not.toContain("secret-room");
    expect(visitor.value.body).toContain("DTSTART:20261220T100000Z\r\n");
    expect(visitor.value.body).toContain("DTEND:20261220T120000Z\r\n");
    expect(visitor.value.body).toMatch(/SUMMARY:Meetup number \d+\r\n/);
    expect(visitor.value.body.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    await rsvp(t.ctx, m[0], { topicId: id, status: "going" });
    const member = await eventCalendarFile(t.ctx, m[0], id);
    expect(member.ok && member.value.body.replace(/\r\n /g, "")).toContain("https://meet.example.com/secret-room");
  });

  it("lists upcoming and past events and a month, only from categories the reader may see", async () => {
    const hidden = await createCategory(t.ctx, system, { name: "Partner events", contentType: "event" });
    if (!hidden.ok) throw new Error("category");
    const groups = (await t.ctx.cache.groups()).builtin;
    expect((await setCategoryPermissions(t.ctx, system, { id: hidden.value.id, permissions: [{ groupId: groups.staff, level: "create" }] })).ok).toBe(true);
    const secret = await create({ startsAt: "2026-12-24T10:00", endsAt: "2026-12-24T12:00" }, organiser, hidden.value.id);
    const late = await create({ startsAt: "2026-12-31T23:00", endsAt: "2027-01-01T01:00" });

    const upcoming = await listEvents(t.ctx, anonymous, { when: "upcoming", perPage: 100 });
    const ids = upcoming.topics.map((x) => x.id);
    expect(ids).not.toContain(secret);
    expect(ids).toContain(late);
    const starts = upcoming.topics.map((x) => (x.typeSummary?.type === "event" ? x.typeSummary.startsAt.getTime() : 0));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect((await listEvents(t.ctx, organiser, { when: "upcoming", perPage: 100 })).topics.map((x) => x.id)).toContain(secret);

    now = new Date("2027-01-02T00:00:00Z");
    const past = await listEvents(t.ctx, anonymous, { when: "past", perPage: 100 });
    expect(past.topics[0].id).toBe(late);
    expect((await listEvents(t.ctx, anonymous, { when: "upcoming" })).topics).toEqual([]);
    now = new Date("2026-12-07T03:00:00Z");

    // 23:00–01:00 Tokyo on New Year's Eve: on the 31st (Tokyo dates), not on 2027-01-01 UTC's 14:00.
    const dec = await eventMonth(t.ctx, anonymous, { year: 2026, month: 12 });
    expect(dec.days).toHaveLength(31);
    expect(dec.days[30].events.map((x) => x.id)).toContain(late);
    expect(dec.days[23].events.map((x) => x.id)).not.toContain(secret);
    const jan = await eventMonth(t.ctx, anonymous, { year: 2027, month: 1 });
    expect(jan.days[0].events.map((x) => x.id)).toContain(late);
  });
});
