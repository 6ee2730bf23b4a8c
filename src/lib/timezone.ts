/**
 * Wall-clock times in named time zones (IANA, e.g. `Asia/Tokyo`), with the platform's Intl data
 * only. An event is stored as UTC instants plus the zone it was planned in; forms speak the
 * zone's wall clock (`2026-12-20T19:00`, as `<input type="datetime-local">` sends it).
 */

const zoneCache = new Map<string, boolean>();

/** Whether the platform knows the zone (`UTC` and every IANA name Intl accepts). */
export function isTimeZone(zone: string): boolean {
  const known = zoneCache.get(zone);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    ok = zone.length > 0 && zone.length <= 64;
  } catch {
    ok = false;
  }
  zoneCache.set(zone, ok);
  return ok;
}

/** Every zone the platform lists, for pickers (UTC first). */
export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...list.filter((z) => z !== "UTC")];
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function partsIn(zone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partsFormat.set(zone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock in `zone` at an instant. */
export function wallClock(date: Date, zone: string): WallClock & { second: number } {
  const out: Record<string, number> = {};
  for (const p of partsIn(zone).formatToParts(date)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour === 24 ? 0 : out.hour, minute: out.minute, second: out.second };
}

/** The zone's offset from UTC at an instant, in minutes (Tokyo: +540). */
export function zoneOffsetMinutes(date: Date, zone: string): number {
  const w = wallClock(date, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses `YYYY-MM-DDTHH:MM` into its parts; null when it is not a real date and time. */
export function parseWallClock(text: string): WallClock | null {
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

/**
 * The instant a wall-clock time in `zone` names. In a gap (clocks jump forward) the time after
 * the gap is taken; in an overlap (clocks go back) the earlier of the two.
 */
export function zonedToUtc(w: WallClock, zone: string): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = naive - zoneOffsetMinutes(new Date(naive), zone) * 60000;
  const second = naive - zoneOffsetMinutes(new Date(first), zone) * 60000;
  if (first === second) return new Date(first);
  // The offsets differ around a change: take the candidate whose wall clock matches, else the later.
  const matches = [first, second].filter((t) => sameWallClock(wallClock(new Date(t), zone), w)).sort((a, b) => a - b);
  return new Date(matches[0] ?? Math.max(first, second));
}

const sameWallClock = (a: WallClock, b: WallClock) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `YYYY-MM-DDTHH:MM` in `zone`, as a datetime-local input shows it. */
export function formatWallClock(date: Date, zone: string): string {
  const w = wallClock(date, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** `YYYY-MM-DD` of the day an instant falls on in `zone`. */
export function dayIn(date: Date, zone: string): string {
  const w = wallClock(date, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `GMT+9`, `GMT-4:30`, `GMT` for an offset in minutes. */
export function gmtLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "GMT";
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `GMT${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ""}`;
}
