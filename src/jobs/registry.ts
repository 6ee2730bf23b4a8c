import type { Ctx } from "../domain/ctx.js";

/** Runs one job. Throwing marks the attempt failed; the job is retried until `maxAttempts`. */
export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>) => Promise<void>;

/** Runs several jobs of one kind together; see `JobRegistry.onBatch`. */
export type BatchJobHandler = (ctx: Ctx, payloads: Array<Record<string, unknown>>) => Promise<void>;

interface Definition {
  kind: string;
  handler: JobHandler;
  /** Set for kinds registered with `onBatch`. */
  batch?: BatchJobHandler;
  maxAttempts: number;
}

/**
 * Job kinds and which of them run when an event is emitted. Each area registers its handlers
 * at start-up (see jobs/handlers.ts); plugins add theirs through the plugin API.
 */
export class JobRegistry {
  private readonly defs = new Map<string, Definition>();
  private readonly subs = new Map<string, string[]>();

  /** Declares a job kind. */
  define(kind: string, handler: JobHandler, opts: { maxAttempts?: number } = {}): this {
    if (this.defs.has(kind)) throw new Error(`job kind ${kind} defined twice`);
    this.defs.set(kind, { kind, handler, maxAttempts: opts.maxAttempts ?? 5 });
    return this;
  }

  /** Declares a job kind that runs once for every `event` emitted. */
  on(event: string, kind: string, handler: JobHandler, opts: { maxAttempts?: number } = {}): this {
    this.define(kind, handler, opts);
    this.subs.set(event, [...(this.subs.get(event) ?? []), kind]);
    return this;
  }

  /**
   * Like `on`, for work that is cheaper done for many events at once (one query for many posts).
   * A worker that claimed several jobs of this kind hands their payloads over together; when that
   * throws, it runs each job on its own, so only the job at fault fails. One job is a list of one.
   * Kinds registered with the same handler function are batched together.
   */
  onBatch(event: string, kind: string, batch: BatchJobHandler, opts: { maxAttempts?: number } = {}): this {
    this.on(event, kind, (ctx, payload) => batch(ctx, [payload]), opts);
    this.defs.get(kind)!.batch = batch;
    return this;
  }

  get(kind: string): Definition | undefined {
    return this.defs.get(kind);
  }

  subscribersOf(event: string): Definition[] {
    return (this.subs.get(event) ?? []).map((k) => this.defs.get(k)!);
  }
}
