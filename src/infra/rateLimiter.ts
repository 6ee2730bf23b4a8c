import type { Redis } from "ioredis";

/** Fixed-window counters: in memory for one process, in Redis when processes share limits. */
export interface RateLimiter {
  /** Counts one hit on `key`; `allowed` is false once `limit` hits fall in the current window. */
  hit(key: string, limit: number, windowSec: number): Promise<{ allowed: boolean; retryAfterSec: number }>;
}

/** Windows kept in this process (the embedded mode); old windows are swept once a minute. */
export function createMemoryLimiter(clock: () => Date = () => new Date()): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let lastSweep = 0;
  return {
    async hit(key, limit, windowSec) {
      const now = clock().getTime();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= now) windows.set(key, (w = { count: 0, resetAt: now + windowSec * 1000 }));
      w.count++;
      return { allowed: w.count <= limit, retryAfterSec: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
    },
  };
}

/**
 * Windows shared by every process on one Redis (the scaled mode): one counter key per window,
 * `<prefix>:rl:<key>`, incremented and given its expiry in one MULTI, so hits from all
 * processes count against the same limit.
 */
export function createRedisLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async hit(key, limit, windowSec) {
      const k = `${prefix}:rl:${key}`;
      const res = await redis.multi().incr(k).pexpire(k, windowSec * 1000, "NX").pttl(k).exec();
      const count = Number(res?.[0]?.[1] ?? 0);
      const ttl = Number(res?.[2]?.[1] ?? windowSec * 1000);
      return { allowed: count <= limit, retryAfterSec: Math.max(1, Math.ceil(ttl / 1000)) };
    },
  };
}
