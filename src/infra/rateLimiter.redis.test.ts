import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteRedisPrefix, testRedisUrl } from "../../test/harness.js";
import { createRedisLimiter } from "./rateLimiter.js";

describe("Redis rate limiter", () => {
  const url = testRedisUrl();
  const prefix = `hiroba-test-${crypto.randomBytes(6).toString("hex")}`;
  // Two connections stand for two processes.
  const one = new Redis(url);
  const two = new Redis(url);
  afterAll(async () => {
    one.disconnect();
    two.disconnect();
    await deleteRedisPrefix(url, prefix);
  });

  it("shares one window between instances", async () => {
    const a = createRedisLimiter(one, prefix);
    const b = createRedisLimiter(two, prefix);
    expect((await a.hit("login:id:alice", 3, 60)).allowed).toBe(true);
    expect((await b.hit("login:id:alice", 3, 60)).allowed).toBe(true);
    expect((await a.hit("login:id:alice", 3, 60)).allowed).toBe(true);
    const fourth = await b.hit("login:id:alice", 3, 60);
    expect(fourth.allowed).toBe(false);
    expect(fourth.retryAfterSec).toBeGreaterThanOrEqual(1);
    expect(fourth.retryAfterSec).toBeLessThanOrEqual(60);
    // Other keys have windows of their own.
    expect((await b.hit("login:id:bob", 3, 60)).allowed).toBe(true);
    expect(await one.get(`${prefix}:rl:login:id:alice`)).toBe("4");
    const ttl = await one.pttl(`${prefix}:rl:login:id:alice`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("opens a new window when the old one expires", async () => {
    const a = createRedisLimiter(one, prefix);
    const b = createRedisLimiter(two, prefix);
    expect((await a.hit("post:reply:1", 1, 1)).allowed).toBe(true);
    expect((await b.hit("post:reply:1", 1, 1)).allowed).toBe(false);
    // Later hits do not extend the window (it is fixed, not sliding).
    await new Promise((r) => setTimeout(r, 1100));
    expect((await b.hit("post:reply:1", 1, 1)).allowed).toBe(true);
    expect((await a.hit("post:reply:1", 1, 1)).allowed).toBe(false);
  });
});
