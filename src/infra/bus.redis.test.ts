import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { deleteRedisPrefix, testRedisUrl } from "../../test/harness.js";
import { type Bus, createRedisBus } from "./bus.js";

/** Collects what a subscriber receives and lets the test wait for it. */
function inbox(bus: Bus, channel: string) {
  const got: unknown[] = [];
  const waiters: Array<() => void> = [];
  bus.subscribe(channel, (d) => {
    got.push(d);
    for (const w of waiters.splice(0)) w();
  });
  const until = async (n: number, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (got.length < n) {
      if (Date.now() > deadline) throw new Error(`got ${got.length} of ${n} messages`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  return { got, until };
}

describe("Redis bus", () => {
  const url = testRedisUrl();
  const prefix = `hiroba-test-${crypto.randomBytes(6).toString("hex")}`;
  const buses: Bus[] = [];
  const bus = async (p = prefix) => {
    const b = createRedisBus(url, p);
    buses.push(b);
    await b.ready();
    return b;
  };
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await deleteRedisPrefix(url, prefix);
  });

  it("delivers a message published on one instance to subscribers on every instance, once each", async () => {
    const a = await bus();
    const b = await bus();
    const onA = inbox(a, "topic:1");
    const onB = inbox(b, "topic:1");
    const otherChannel = inbox(b, "topic:2");
    a.publish("topic:1", { postId: 7, text: "こんにちは" });
    await onB.until(1);
    await onA.until(1);
    expect(onB.got).toEqual([{ postId: 7, text: "こんにちは" }]);
    expect(onA.got).toEqual([{ postId: 7, text: "こんにちは" }]);
    b.publish("topic:1", { postId: 8 });
    await onA.until(2);
    await onB.until(2);
    expect(onA.got).toEqual([{ postId: 7, text: "こんにちは" }, { postId: 8 }]);
    expect(onB.got).toHaveLength(2);
    expect(otherChannel.got).toEqual([]);
  });

  it("keeps communities with different prefixes apart", async () => {
    const here = await bus();
    const elsewhere = await bus(`${prefix}-other`);
    const local = inbox(here, "activity");
    const foreign = inbox(elsewhere, "activity");
    elsewhere.publish("activity", { n: 1 });
    here.publish("activity", { n: 2 });
    await local.until(1);
    await foreign.until(1);
    expect(local.got).toEqual([{ n: 2 }]);
    expect(foreign.got).toEqual([{ n: 1 }]);
  });

  it("stops delivering to a subscriber that unsubscribed", async () => {
    const a = await bus();
    const b = await bus();
    const got: unknown[] = [];
    const off = b.subscribe("topic:3", (d) => got.push(d));
    const still = inbox(b, "topic:3");
    off();
    a.publish("topic:3", { n: 1 });
    await still.until(1);
    expect(got).toEqual([]);
  });
});
