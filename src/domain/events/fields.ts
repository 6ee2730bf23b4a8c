import { z } from "zod";
import { WebUrl } from "../content/schemas.js";
import { isTimeZone, parseWallClock, zonedToUtc } from "../../lib/timezone.js";
import { MAX_CAPACITY, MAX_EVENT_DAYS } from "./policy.js";
import type { EventDetails } from "./repo.js";

const blank = (v: unknown) => (v === "" || v === undefined ? null : v);
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time as a form sends it (`2026-12-20T19:00`, the wall clock in the event's zone) or as the
 * API may send it (an ISO instant with `Z` or an offset). Null when it is neither.
 */
export function readTime(text: string, zone: string): Date | null {
  const t = text.trim();
  if (ZONED.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const w = parseWallClock(t);
  return w && isTimeZone(zone) ? zonedToUtc(w, zone) : null;
}

/**
 * An event's own fields: start and end in its time zone, an online link and/or a place, and
 * an optional number of seats. Read from `event.*` form fields or an `event` object.
 */
export const EventFields = z
  .object({
    startsAt: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }),
    endsAt: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }),
    timeZone: z.string({ error: "validation.timeZone" }).trim().refine(isTimeZone, { error: "validation.timeZone" }),
    onlineUrl: z.preprocess((v) => v ?? "", WebUrl),
    place: z.preprocess((v) => v ?? "", z.string().trim().max(300)),
    capacity: z.preprocess(blank, z.coerce.number({ error: "validation.capacity" }).int({ error: "validation.capacity" }).min(1, { error: "validation.capacity" }).max(MAX_CAPACITY, { error: "validation.capacity" }).nullable()),
  })
  .transform((v, c): EventDetails => {
    const startsAt = readTime(v.startsAt, v.timeZone);
    const endsAt = readTime(v.endsAt, v.timeZone);
    if (!startsAt) c.addIssue({ code: "custom", path: ["startsAt"], message: "validation.dateTime" });
    if (!endsAt) c.addIssue({ code: "custom", path: ["endsAt"], message: "validation.dateTime" });
    else if (startsAt && endsAt.getTime() <= startsAt.getTime()) c.addIssue({ code: "custom", path: ["endsAt"], message: "validation.eventEndsBeforeStart" });
    else if (startsAt && endsAt.getTime() - startsAt.getTime() > MAX_EVENT_DAYS * 86_400_000) c.addIssue({ code: "custom", path: ["endsAt"], message: "validation.eventTooLong" });
    if (!v.onlineUrl && !v.place) c.addIssue({ code: "custom", path: ["place"], message: "validation.eventWhere" });
    return { startsAt: startsAt ?? new Date(0), endsAt: endsAt ?? new Date(0), timeZone: v.timeZone, onlineUrl: v.onlineUrl, place: v.place, capacity: v.capacity };
  });
export type EventFieldValues = z.output<typeof EventFields>;
