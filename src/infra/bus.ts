import { Redis } from "ioredis";

/**
 * Live fan-out between the parts of one community: in-process in the embedded mode,
 * Redis pub/sub when several processes serve one community. Messages are small JSON values;
 * receivers re-check permissions before showing anything.
 */
export interface Bus {
  publish(channel: string, data: unknown): void;
  subscribe(channel: string, fn: (data: unknown) => void): () => void;
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

export function createLocalBus(): Bus {
  const local = new LocalDispatch();
  return {
    publish: (channel, data) => queueMicrotask(() => local.deliver(channel, data)),
    subscribe: (channel, fn) => local.subscribe(channel, fn),
    close: async () => {},
  };
}

/** One Redis channel carries every message; each process dispatches to its own subscribers. */
export function createRedisBus(url: string, prefix: string): Bus {
  const REDIS_CHANNEL = `${prefix}:bus`;
  const local = new LocalDispatch();
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
  void sub.subscribe(REDIS_CHANNEL);
  sub.on("message", (_ch: string, raw: string) => {
    const { c, d } = JSON.parse(raw) as { c: string; d: unknown };
    local.deliver(c, d);
  });
  return {
    publish: (channel, data) => void pub.publish(REDIS_CHANNEL, JSON.stringify({ c: channel, d: data })),
    subscribe: (channel, fn) => local.subscribe(channel, fn),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
