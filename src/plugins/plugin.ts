import type { Ctx } from "../domain/ctx.js";
import type { HirobaMigration } from "../db/migrate.js";
import type { BatchJobHandler, JobHandler } from "../jobs/registry.js";
import type { Hooks, RouteRegistrar } from "./hooks.js";

/**
 * The public plugin API. A plugin is an ES module whose default export is a `HirobaPlugin`;
 * list it in `PLUGINS` (comma-separated paths or package names). Plugins extend Hiroba only
 * through what `setup` receives — filters, slots, event handlers, jobs, routes, migrations and
 * strings — never by patching core. docs/plugins.md is the guide.
 */
export interface HirobaPlugin {
  /** Lower-case letters, digits and hyphens; prefixes the plugin's jobs, migrations and strings. */
  name: string;
  setup(api: PluginSetup): void | Promise<void>;
}

export interface PluginSetup {
  readonly name: string;
  /** Filters (`hooks.filter`) and slots (`hooks.slot`); see FilterMap and SlotMap in hooks.ts. */
  readonly hooks: Pick<Hooks, "filter" | "slot">;
  /** Runs `handler` as a job after every commit that emits `event` (retried on failure). */
  on(event: string, key: string, handler: JobHandler, opts?: { maxAttempts?: number }): void;
  /**
   * As `on`, but the worker hands over the payloads of all such jobs it claimed at once (one query
   * for many events); if that throws, each job runs alone, so only the bad one fails.
   */
  onBatch(event: string, key: string, handler: BatchJobHandler, opts?: { maxAttempts?: number }): void;
  /** Declares a job kind `plugin.<name>.<key>` the plugin enqueues itself with `ctx.jobs.enqueue`. */
  job(key: string, handler: JobHandler, opts?: { maxAttempts?: number }): string;
  /** Adds HTTP routes. Keep API routes under `/api/v1/plugins/<name>/` and pages under `/plugins/<name>/`. */
  routes(register: RouteRegistrar): void;
  /** Migrations for the plugin's own tables; they run with core migrations, under the same lock. */
  migrations(list: HirobaMigration[]): void;
  /** UI strings in both languages, used as `t("plugin.<name>:key")`. */
  locales(bundles: { en: Record<string, unknown>; ja: Record<string, unknown> }): void;
}

/** Identity helper that gives a plugin module its types. */
export const definePlugin = (plugin: HirobaPlugin): HirobaPlugin => plugin;

export type { Ctx, JobHandler, BatchJobHandler, HirobaMigration };
