import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { toJson } from "../db/codec.js";
import type { Engine } from "../db/connect.js";
import type { DB } from "../db/schema.js";
import type { Ctx, Tx } from "../domain/ctx.js";
import type { BatchJobHandler, JobRegistry } from "./registry.js";

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
  /** Starts working (and, in the scaled mode, relaying) jobs for `ctx`. */
  start(ctx: Ctx): void;
  /** Stops taking jobs and waits for the ones running here to finish. Safe to call when not started. */
  stop(): Promise<void>;
  /** Waits until no job is due or running (tests and the CLI use it). */
  drain(timeoutMs?: number): Promise<void>;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  /** The number of this attempt (1 for the first run). */
  attempt: number;
  maxAttempts: number;
}

/** Retry delay after the n-th failed attempt: 2s, 4s, 8s … capped at 10 minutes. */
export const backoffMs = (attempt: number) => Math.min(600_000, 1000 * 2 ** attempt);

/**
 * How long a claimed (`queued` or `running`) job belongs to its claimer. After that, `sweep`
 * assumes the process died and makes the job pending again, so a handler should finish well
 * within it (split long work into several jobs).
 */
export const LEASE_MS = 5 * 60_000;

const RETURNING = ["id", "kind", "payload", "attempts", "max_attempts"] as const;
const toClaimed = (r: { id: number; kind: string; payload: unknown; attempts: number; max_attempts: number }): ClaimedJob => ({
  id: r.id,
  kind: r.kind,
  payload: toJson(r.payload),
  attempt: r.attempts,
  maxAttempts: r.max_attempts,
});

/**
 * Table operations shared by both drivers. A job moves pending → (queued →) running → done, or
 * back to pending with a later `run_at` after a failed attempt, and to failed after the last one.
 * Every move is one conditional UPDATE, so two processes can never both run the same attempt.
 */
export class JobStore {
  constructor(
    readonly db: Kysely<DB>,
    readonly engine: Engine,
    readonly registry: JobRegistry,
    readonly clock: () => Date,
  ) {}

  /** Enqueues one job per subscriber of `event` in the caller's transaction (the outbox). */
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

  /** Enqueues one job of a registered `kind`; throws for an unknown kind (a bug, not bad input). */
  async enqueue(trx: Tx, kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<void> {
    const def = this.registry.get(kind);
    if (!def) throw new Error(`unknown job kind ${kind}`);
    const now = this.clock();
    await trx
      .insertInto("jobs")
      .values({ kind, payload: JSON.stringify(payload), status: "pending", max_attempts: def.maxAttempts, run_at: runAt ?? now, created_at: now })
      .execute();
  }

  /** Due pending jobs, oldest first, skipping rows another transaction holds (PostgreSQL). */
  private due(limit: number) {
    const q = this.db.selectFrom("jobs").select("id").where("status", "=", "pending").where("run_at", "<=", this.clock()).orderBy("id").limit(limit);
    return this.engine === "postgres" ? q.forUpdate().skipLocked() : q;
  }

  /** Embedded worker: starts up to `limit` due jobs (pending → running, attempt counted). */
  async claim(limit: number): Promise<ClaimedJob[]> {
    const rows = await this.db
      .updateTable("jobs")
      .set((eb) => ({ status: "running", attempts: eb("attempts", "+", 1), locked_until: this.leaseEnd() }))
      .where("id", "in", this.due(limit))
      .where("status", "=", "pending")
      .returning(RETURNING)
      .execute();
    return rows.map(toClaimed).sort((a, b) => a.id - b.id);
  }

  /** Relay: hands up to `limit` due jobs to the shared queue (pending → queued). */
  async claimForRelay(limit: number): Promise<Array<{ id: number; kind: string }>> {
    const rows = await this.db
      .updateTable("jobs")
      .set({ status: "queued", locked_until: this.leaseEnd() })
      .where("id", "in", this.due(limit))
      .where("status", "=", "pending")
      .returning(["id", "kind"])
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Relay: gives jobs back (queued → pending) when they could not be handed over. */
  async release(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable("jobs").set({ status: "pending", locked_until: null }).where("id", "in", ids).where("status", "=", "queued").execute();
  }

  /**
   * Shared-queue worker: starts one relayed job (queued → running, attempt counted). Null when the
   * job is not queued any more — a duplicate delivery, or already run — so it must not run again.
   */
  async begin(id: number): Promise<ClaimedJob | null> {
    const row = await this.db
      .updateTable("jobs")
      .set((eb) => ({ status: "running", attempts: eb("attempts", "+", 1), locked_until: this.leaseEnd() }))
      .where("id", "=", id)
      .where("status", "=", "queued")
      .returning(RETURNING)
      .executeTakeFirst();
    return row ? toClaimed(row) : null;
  }

  /**
   * Runs one started job and records the outcome: done; or pending again after `backoffMs`;
   * or failed, with `last_error`, after the last attempt. Returns the error, if any.
   */
  async run(ctx: Ctx, job: ClaimedJob, log: Logger): Promise<Error | null> {
    const error = await this.attempt(ctx, job, log);
    if (!error) await this.markDone([job.id]);
    return error;
  }

  /**
   * Runs started jobs side by side and records them as `run` does, except that jobs of a kind
   * registered with `onBatch` run as one call, and the ones that succeed are marked done together
   * in one UPDATE when all have finished (a job that ran but was not yet marked runs again
   * after a crash, as any job may).
   */
  async runAll(ctx: Ctx, jobs: ClaimedJob[], log: Logger): Promise<void> {
    const done: number[] = [];
    const runOne = async (job: ClaimedJob) => {
      if ((await this.attempt(ctx, job, log)) === null) done.push(job.id);
    };
    const single: ClaimedJob[] = [];
    const batches = new Map<BatchJobHandler, ClaimedJob[]>();
    for (const job of jobs) {
      const batch = this.registry.get(job.kind)?.batch;
      if (batch) batches.set(batch, [...(batches.get(batch) ?? []), job]);
      else single.push(job);
    }
    const runBatch = async (batch: BatchJobHandler, group: ClaimedJob[]) => {
      if (group.length > 1) {
        try {
          await batch(ctx, group.map((j) => j.payload));
          done.push(...group.map((j) => j.id));
          return;
        } catch (e) {
          log.warn({ kind: group[0].kind, jobs: group.length, err: e instanceof Error ? e.message : String(e) }, "job batch failed; running its jobs one by one");
        }
      }
      await Promise.all(group.map(runOne));
    };
    await Promise.all([...single.map(runOne), ...[...batches].map(([batch, group]) => runBatch(batch, group))]);
    await this.markDone(done);
  }

  /** Calls the handler; a failure is recorded at once (retry or failed). Returns the error, if any. */
  private async attempt(ctx: Ctx, job: ClaimedJob, log: Logger): Promise<Error | null> {
    const def = this.registry.get(job.kind);
    try {
      if (!def) throw new Error(`no handler for job kind ${job.kind}`);
      await def.handler(ctx, job.payload);
      return null;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const final = job.attempt >= job.maxAttempts;
      log.warn({ job: job.id, kind: job.kind, attempt: job.attempt, err: error.message }, final ? "job failed for good" : "job failed; will retry");
      const now = this.clock();
      await this.db
        .updateTable("jobs")
        .set({
          status: final ? "failed" : "pending",
          last_error: (error.stack ?? error.message).slice(0, 4000),
          run_at: final ? now : new Date(now.getTime() + backoffMs(job.attempt)),
          locked_until: null,
          finished_at: final ? now : null,
        })
        .where("id", "=", job.id)
        .execute();
      return error;
    }
  }

  private async markDone(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable("jobs").set({ status: "done", finished_at: this.clock(), locked_until: null, last_error: null }).where("id", "in", ids).execute();
  }

  /**
   * Returns jobs whose claimer vanished (a crash, or a handler past its lease) to pending, so they
   * run again; drops finished jobs older than a day (failed ones stay for admins).
   * Returns how many jobs were recovered.
   */
  async sweep(): Promise<number> {
    const now = this.clock();
    const recovered = await this.db
      .updateTable("jobs")
      .set({ status: "pending", locked_until: null })
      .where("status", "in", ["running", "queued"])
      .where("locked_until", "<", now)
      .executeTakeFirst();
    await this.db
      .deleteFrom("jobs")
      .where("status", "=", "done")
      .where("finished_at", "<", new Date(now.getTime() - 24 * 3600_000))
      .execute();
    return Number(recovered.numUpdatedRows);
  }

  /** True while some job is queued, running, or pending and due. */
  async busy(): Promise<boolean> {
    const row = await this.db
      .selectFrom("jobs")
      .select("id")
      .where((eb) => eb.or([eb("status", "in", ["running", "queued"]), eb.and([eb("status", "=", "pending"), eb("run_at", "<=", this.clock())])]))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private leaseEnd(): Date {
    return new Date(this.clock().getTime() + LEASE_MS);
  }
}

/** Polls until no job is due or running; throws after `timeoutMs`. */
export async function waitUntilIdle(store: JobStore, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await store.busy()) {
    if (Date.now() > deadline) throw new Error("jobs still running after " + timeoutMs + " ms");
    await new Promise((r) => setTimeout(r, 20));
  }
}
