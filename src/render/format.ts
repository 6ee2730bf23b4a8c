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
}

export function formatter(locale: Locale, timeZone = "UTC"): Formatter {
  const date = get(`d:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }));
  const dateTime = get(`dt:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }));
  const number = get(`n:${locale}`, () => new Intl.NumberFormat(locale));
  const rel = get(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  return {
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
