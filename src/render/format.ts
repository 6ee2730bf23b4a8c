import type { Locale } from "../domain/community/types.js";

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function get<F>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()) as never);
  return f;
}

/** Dates, numbers and relative times in the reader's language (Intl formatters, cached). */
export interface Formatter {
  date(d: Date): string;
  dateTime(d: Date): string;
  number(n: number): string;
  /** "3 hours ago" / "3 時間前", relative to `now`; absolute date after a month. */
  relative(d: Date, now?: Date): string;
  /** An event's start to end in its own zone ("Sun, Dec 20, 2026, 7:00 – 9:00 PM"; one date when it is one day). */
  range(start: Date, end: Date, zone: string): string;
  /** A short date and time in a zone, for lists ("Dec 20, 7:00 PM"). */
  shortInZone(d: Date, zone: string): string;
  /** The time of day in a zone ("7:00 PM" / "19:00"). */
  timeInZone(d: Date, zone: string): string;
  /** "December 2026" / "2026年12月". */
  month(year: number, month: number): string;
  /** Short weekday names, Sunday first. */
  weekdays(): string[];
}

export function formatter(locale: Locale, timeZone = "UTC"): Formatter {
  const date = get(`d:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }));
  const dateTime = get(`dt:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }));
  const number = get(`n:${locale}`, () => new Intl.NumberFormat(locale));
  const rel = get(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  const dayIn = (zone: string) => get(`dz:${locale}:${zone}`, () => new Intl.DateTimeFormat(locale, { weekday: "short", year: "numeric", month: locale === "ja" ? "long" : "short", day: "numeric", timeZone: zone }));
  const timeIn = (zone: string) => get(`tz:${locale}:${zone}`, () => new Intl.DateTimeFormat(locale, { hour: locale === "ja" ? "2-digit" : "numeric", minute: "2-digit", timeZone: zone }));
  const dash = locale === "ja" ? "～" : " – ";
  const shortIn = (zone: string) =>
    get(`sz:${locale}:${zone}`, () => new Intl.DateTimeFormat(locale, { month: locale === "ja" ? "long" : "short", day: "numeric", weekday: "short", hour: locale === "ja" ? "2-digit" : "numeric", minute: "2-digit", timeZone: zone }));
  const monthName = get(`m:${locale}`, () => new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }));
  const weekday = get(`wd:${locale}`, () => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }));
  return {
    range(a, b, zone) {
      const [da, db] = [dayIn(zone).format(a), dayIn(zone).format(b)];
      const [ta, tb] = [timeIn(zone).format(a), timeIn(zone).format(b)];
      return da === db ? `${da} ${ta}${dash}${tb}` : `${da} ${ta}${dash}${db} ${tb}`;
    },
    shortInZone: (d, zone) => shortIn(zone).format(d),
    timeInZone: (d, zone) => timeIn(zone).format(d),
    month: (y, m) => monthName.format(new Date(Date.UTC(y, m - 1, 1))),
    // 2023-01-01 was a Sunday.
    weekdays: () => Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2023, 0, 1 + i)))),
    date: (d) => date.format(d),
    dateTime: (d) => dateTime.format(d),
    number: (n) => number.format(n),
    relative(d, now = new Date()) {
      const s = Math.round((d.getTime() - now.getTime()) / 1000);
      const a = Math.abs(s);
      if (a < 45) return rel.format(0, "second");
      if (a < 3600) return rel.format(Math.round(s / 60), "minute");
      if (a < 86400) return rel.format(Math.round(s / 3600), "hour");
      if (a < 30 * 86400) return rel.format(Math.round(s / 86400), "day");
      return date.format(d);
    },
  };
}
