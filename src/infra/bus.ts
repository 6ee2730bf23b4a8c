import type * as IORedis from "ioredis";
import { onDemand } from "../lib/onDemand.js";
import type { Logger } from "pino";

/** The Redis client, loaded only by the scaled mode. */
export const ioredis = onDemand<typeof IORedis>("ioredis");

/**
 * Live fan-out between the parts of one community: in-process in the embedded mode,
 * Redis pub/sub when several processes serve one community. Messages are small JSON values;
 * receivers re-check permissions before showing anything.
 */
export interface Bus {
  publish(channel: string, data: unknown): void;
  subscribe(channel: string, fn: (data: unknown) => void): () => void;
  /** Resolves once messages published by other processes are being received. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

class LocalDispatch {
  private readonly subs = new Map<string, Set<(data: unknown) => void>>();

  subscribe(channel: string, fn: (data: unknown) => void): () => void {
    let set = this.subs.get(channel);
    if (!set) this.subs.set(channel, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
      if (set!.size === 0) this.subs.delete(channel);
    };
  }

  deliver(channel: string, data: unknown): void {
    const set = this.subs.get(channel);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(data);
      } catch {
        // A subscriber's failure must not stop delivery to the others.
      }
    }
  }
}

/** The embedded mode's bus: delivery within this process, after the current task. */
export function createLocalBus(): Bus {
  const local = new LocalDispatch();
  return {
    publish: (channel, data) => queueMicrotask(() => local.deliver(channel, data)),
    subscribe: (channel, fn) => local.subscribe(channel, fn),
    ready: async () => {},
    close: async () => {},
  };
}

/**
 * The scaled mode's bus: one Redis channel (`<prefix>:bus`) carries every message, and each
 * process dispatches to its own subscribers, so a message reaches every process once, including
 * the one that published it. Delivery is at most once: a process that is disconnected misses
 * messages (pages fall back to a reload), which suits live updates.
 */
export function createRedisBus(url: string, prefix: string, log?: Logger): Bus {
  const REDIS_CHANNEL = `${prefix}:bus`;
  const local = new LocalDispatch();
  const { Redis } = ioredis();
  const pub = new Redis(url, { maxRetriesPerRequest: null });
  const sub = new Redis(url, { maxRetriesPerRequest: null });
  for (const conn of [pub, sub]) conn.on("error", (e: Error) => log?.warn({ err: e }, "redis bus connection error"));
  const subscribed = sub.subscribe(REDIS_CHANNEL).then(() => undefined);
  // A failed first subscribe surfaces through ready(); ioredis re-subscribes after reconnects.
  subscribed.catch(() => {});
  sub.on("message", (_ch: string, raw: string) => {
    let message: { c: string; d: unknown };
    try {
      message = JSON.parse(raw) as { c: string; d: unknown };
    } catch {
      log?.warn("ignored a malformed bus message");
      return;
    }
    if (typeof message?.c === "string") local.deliver(message.c, message.d);
  });
  return {
    publish: (channel, data) => {
      pub.publish(REDIS_CHANNEL, JSON.stringify({ c: channel, d: data })).catch((e: unknown) => log?.warn({ err: e }, "bus publish failed"));
    },
    subscribe: (channel, fn) => local.subscribe(channel, fn),
    ready: () => subscribed,
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
