import type { Actor } from "../../actor.js";
import type { TopicListItem } from "../../content/types.js";
import { type TopicList, listTopics } from "../../content/queries/listTopics.js";
import type { Ctx } from "../../ctx.js";
import { dayIn } from "../../../lib/timezone.js";
import { byStart, eventsBetween } from "../repo.js";

export const EVENT_LISTS = ["upcoming", "past"] as const;
export type EventListKind = (typeof EVENT_LISTS)[number];

/**
 * Events the reader may see: upcoming (not yet over, soonest first; running ones too) or past
 * (latest first), a page at a time.
 */
export async function listEvents(ctx: Ctx, actor: Actor, q: { when: EventListKind; page?: number; perPage?: number }): Promise<TopicList> {
  const now = ctx.clock();
  return listTopics(ctx, actor, {
    sort: "new",
    type: "event",
    where: q.when === "upcoming" ? eventsBetween({ from: now }) : eventsBetween({ endedBefore: now }),
    orderBy: [byStart(q.when === "upcoming" ? "asc" : "desc")],
    page: q.page,
    perPage: q.perPage ?? 20,
  });
}

/** A calendar month, `YYYY-MM`. */
export interface Month {
  year: number;
  month: number;
}

export const parseMonth = (text: string | undefined): Month | null => {
  const m = /^(\d{4})-(\d{2})$/.exec(text ?? "");
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1970 && year <= 9999 && month >= 1 && month <= 12 ? { year, month } : null;
};
export const monthKey = (m: Month) => `${String(m.year).padStart(4, "0")}-${String(m.month).padStart(2, "0")}`;
export const shiftMonth = (m: Month, by: number): Month => {
  const i = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
};

export interface MonthView {
  month: Month;
  /** Each day of the month (`YYYY-MM-DD`) with the events on it, in each event's own time zone. */
  days: Array<{ day: string; events: TopicListItem[] }>;
  /** How many events fall in the month. */
  total: number;
}

/** The most events a month view gathers. */
const MONTH_LIMIT = 300;

/**
 * The events of one month for a calendar: an event shows on every day it spans, reckoned in the
 * zone it was planned in (a 19:00 Tokyo meetup is on its Tokyo date wherever the reader is).
 */
export async function eventMonth(ctx: Ctx, actor: Actor, month: Month): Promise<MonthView> {
  const first = Date.UTC(month.year, month.month - 1, 1);
  const next = Date.UTC(month.year, month.month, 1);
  // Zones run from UTC-12 to UTC+14: widen the window, then place each event by its own dates.
  const where = eventsBetween({ from: new Date(first - 14 * 3600_000), to: new Date(next + 14 * 3600_000) });
  const found: TopicListItem[] = [];
  for (let page = 1; found.length < MONTH_LIMIT; page++) {
    const list = await listTopics(ctx, actor, { sort: "new", type: "event", where, orderBy: [byStart("asc")], page, perPage: 100 });
    found.push(...list.topics);
    if (!list.hasMore) break;
  }
  const key = monthKey(month);
  const daysInMonth = new Date(next - 86_400_000).getUTCDate();
  const days = Array.from({ length: daysInMonth }, (_, i) => ({ day: `${key}-${String(i + 1).padStart(2, "0")}`, events: [] as TopicListItem[] }));
  let total = 0;
  for (const t of found) {
    const s = t.typeSummary;
    if (s?.type !== "event") continue;
    const from = dayIn(s.startsAt, s.timeZone);
    const to = dayIn(new Date(s.endsAt.getTime() - 1), s.timeZone);
    let placed = false;
    for (const d of days) {
      if (d.day >= from && d.day <= to) {
        d.events.push(t);
        placed = true;
      }
    }
    if (placed) total++;
  }
  return { month, days, total };
}
