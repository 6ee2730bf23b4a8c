import { type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import { toJson } from "../db/codec.js";
import type { Engine } from "../db/connect.js";
import type { DB } from "../db/schema.js";
import type { Ctx, Tx } from "../domain/ctx.js";
import type { JobRegistry } from "./registry.js";

/**
 * The durable job queue. Jobs are rows in `jobs`, written in the same transaction as the change
 * that causes them (an outbox), so a job exists exactly when its change committed. A driver
 * then runs them: the in-process worker polls the table; the BullMQ driver relays rows to Redis
 * and any process's BullMQ worker runs them. Failed attempts are retried with backoff and the
 * final failure stays visible to admins.
 */
export interface JobQueue {
  /** Enqueues one job per subscriber of `event`, inside the caller's transaction. */
  emit(trx: Tx, event: string, payload: Record<string, unknown>): Promise<void>;
  /** Enqueues one job of `kind`. */
  enqueue(trx: Tx, kind: string, payload: Record<string, unknown>, opts?: { runAt?: Date }): Promise<void>;
  /** Wakes the driver after a commit. Cheap; calls are coalesced. */
  kick(): void;
  start(ctx: Ctx): void;
  stop(): Promise<void>;
  /** Waits until no job is due or running (tests and the CLI use it). */
  drain(timeoutMs?: number): Promise<void>;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** Retry delay after the n-th failed attempt: 2s, 4s, 8s … capped at 10 minutes. */
export const backoffMs = (attempt: number) => Math.min(600_000, 1000 * 2 ** attempt);

/** Table operations shared by both drivers. */
export class JobStore {
  constructor(
    readonly db: Kysely<DB>,
    readonly engine: Engine,
    readonly registry: JobRegistry,
    readonly clock: () => Date,
  ) {}

  async emit(trx: Tx, event: string, payload: Record<string, unknown>): Promise<void> {
    const subs = this.registry.subscribersOf(event);
    if (subs.length === 0) return;
    const now = this.clock();
    const body = JSON.stringify({ ...payload, event });
    await trx
      .insertInto("jobs")
      .values(subs.map((d) => ({ kind: d.kind, payload: body, status: "pending" as const, max_attempts: d.maxAttempts, run_at: now, created_at: now })))
      .execute();
  }

  async enqueue(trx: Tx, kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<void> {
    const def = this.registry.get(kind);
    if (!def) throw new Error(`unknown job kind ${kind}`);
    const now = this.clock();
    await trx
      .insertInto("jobs")
      .values({ kind, payload: JSON.stringify(payload), status: "pending", max_attempts: def.maxAttempts, run_at: runAt ?? now, created_at: now })
      .execute();
  }

  /** Moves up to `limit` due pending jobs to `status`, returning them. Safe across processes. */
  async claim(limit: number, status: "running" | "queued"): Promise<ClaimedJob[]> {
    const now = this.clock();
    const lockedUntil = new Date(now.getTime() + 5 * 60_000);
    const due = this.db
      .selectFrom("jobs")
      .select("id")
      .where("status", "=", "pending")
      .where("run_at", "<=", now)
      .orderBy("id")
      .limit(limit);
    const rows = await this.db
      .updateTable("jobs")
      .set({ status, locked_until: lockedUntil })
      .where("id", "in", this.engine === "postgres" ? due.forUpdate().skipLocked() : due)
      .where("status", "=", "pending")
      .returning(["id", "kind", "payload", "attempts", "max_attempts"])
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, payload: toJson(r.payload), attempts: r.attempts, maxAttempts: r.max_attempts }));
  }

  /** Runs one claimed job and records the outcome. Returns the error, if any. */
  async run(ctx: Ctx, job: ClaimedJob, log: Logger): Promise<Error | null> {
    const def = this.registry.get(job.kind);
    const attempt = job.attempts + 1;
    await this.db.updateTable("jobs").set({ status: "running", attempts: attempt }).where("id", "=", job.id).execute();
    try {
      if (!def) throw new Error(`no handler for job kind ${job.kind}`);
      await def.handler(ctx, job.payload);
      await this.db.updateTable("jobs").set({ status: "done", finished_at: this.clock(), last_error: null }).where("id", "=", job.id).execute();
      return null;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const final = attempt >= job.maxAttempts;
      log.warn({ job: job.id, kind: job.kind, attempt, err: error.message }, final ? "job failed for good" : "job failed; will retry");
      await this.db
        .updateTable("jobs")
        .set({
          status: final ? "failed" : "pending",
          last_error: (error.stack ?? error.message).slice(0, 4000),
          run_at: new Date(this.clock().getTime() + backoffMs(attempt)),
          finished_at: final ? this.clock() : null,
        })
        .where("id", "=", job.id)
        .execute();
      return error;
    }
  }

  /** Returns jobs whose runner vanished (process crash) to the pending state; drops old finished jobs. */
  async sweep(): Promise<void> {
    const now = this.clock();
    await this.db
      .updateTable("jobs")
      .set({ status: "pending" })
      .where("status", "in", ["running", "queued"])
      .where("locked_until", "<", now)
      .execute();
    await this.db
      .deleteFrom("jobs")
      .where("status", "=", "done")
      .where("finished_at", "<", new Date(now.getTime() - 24 * 3600_000))
      .execute();
  }

  async busy(): Promise<boolean> {
    const row = await this.db
      .selectFrom("jobs")
      .select(sql<number>`count(*)`.as("n"))
      .where((eb) => eb.or([eb("status", "in", ["running", "queued"]), eb.and([eb("status", "=", "pending"), eb("run_at", "<=", this.clock())])]))
      .executeTakeFirst();
    return Number(row?.n ?? 0) > 0;
  }
}

export async function waitUntilIdle(store: JobStore, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await store.busy()) {
    if (Date.now() > deadline) throw new Error("jobs still running after " + timeoutMs + " ms");
    await new Promise((r) => setTimeout(r, 10));
  }
}
