import { describe, expect, it } from "vitest";
import { dayIn, formatWallClock, gmtLabel, isTimeZone, parseWallClock, zoneOffsetMinutes, zonedToUtc } from "./timezone.js";

describe("time zones", () => {
  it("turns a wall-clock time in a zone into the instant it names, and back", () => {
    const w = parseWallClock("2026-12-20T19:00")!;
    expect(zonedToUtc(w, "Asia/Tokyo").toISOString()).toBe("2026-12-20T10:00:00.000Z");
    expect(zonedToUtc(w, "America/New_York").toISOString()).toBe("2026-12-21T00:00:00.000Z");
    expect(zonedToUtc(w, "UTC").toISOString()).toBe("2026-12-20T19:00:00.000Z");
    expect(formatWallClock(new Date("2026-12-20T10:00:00Z"), "Asia/Tokyo")).toBe("2026-12-20T19:00");
    expect(dayIn(new Date("2026-12-20T20:00:00Z"), "Asia/Tokyo")).toBe("2026-12-21");
  });

  it("follows daylight saving time: summer and winter offsets, the gap and the overlap", () => {
    expect(zoneOffsetMinutes(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(zoneOffsetMinutes(new Date("2026-01-01T12:00:00Z"), "Europe/Berlin")).toBe(60);
    expect(zonedToUtc(parseWallClock("2026-07-01T09:30")!, "Europe/Berlin").toISOString()).toBe("2026-07-01T07:30:00.000Z");
    // 2026-03-08 02:30 does not exist in New York (02:00 → 03:00): the time after the gap.
    expect(zonedToUtc(parseWallClock("2026-03-08T02:30")!, "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    // 2026-11-01 01:30 happens twice: the earlier (EDT).
    expect(zonedToUtc(parseWallClock("2026-11-01T01:30")!, "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedToUtc(parseWallClock("2026-12-20T19:00")!, "Asia/Kolkata").toISOString()).toBe("2026-12-20T13:30:00.000Z");
  });

  it("refuses dates that do not exist and zones nobody knows", () => {
    expect(parseWallClock("2026-02-30T10:00")).toBeNull();
    expect(parseWallClock("2026-12-20T25:00")).toBeNull();
    expect(parseWallClock("tomorrow")).toBeNull();
    expect(parseWallClock("2026-12-20 09:05")).toEqual({ year: 2026, month: 12, day: 20, hour: 9, minute: 5 });
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("labels offsets", () => {
    expect(gmtLabel(540)).toBe("GMT+9");
    expect(gmtLabel(-270)).toBe("GMT-4:30");
    expect(gmtLabel(0)).toBe("GMT");
  });
});
