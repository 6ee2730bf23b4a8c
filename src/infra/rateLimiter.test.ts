import { describe, expect, it } from "vitest";
import { createMemoryLimiter } from "./rateLimiter.js";

describe("memory rate limiter", () => {
  it("allows `limit` hits per fixed window and tells when to retry", async () => {
    let now = Date.parse("2026-11-24T00:00:00Z");
    const limiter = createMemoryLimiter(() => new Date(now));
    expect((await limiter.hit("k", 2, 60)).allowed).toBe(true);
    expect((await limiter.hit("k", 2, 60)).allowed).toBe(true);
    now += 15_000;
    expect(await limiter.hit("k", 2, 60)).toEqual({ allowed: false, retryAfterSec: 45 });
    expect((await limiter.hit("other", 2, 60)).allowed).toBe(true);
    now += 45_000;
    expect((await limiter.hit("k", 2, 60)).allowed).toBe(true);
  });
});
