import { registerAccountsJobs } from "../domain/accounts/jobs.js";
import { registerContentJobs } from "../domain/content/live.js";
import { registerSearchJobs } from "../domain/search/jobs.js";
import { registerNotificationJobs } from "../domain/notifications/jobs.js";
import { registerMediaJobs } from "../domain/media/jobs.js";
import type { JobRegistry } from "./registry.js";

/**
 * Every area's jobs and event subscriptions, registered once per process.
 * Areas export a `registerXJobs(registry)` function; add it here.
 */
export function registerJobs(registry: JobRegistry): JobRegistry {
  registerContentJobs(registry);
  registerSearchJobs(registry);
  registerAccountsJobs(registry);
  registerNotificationJobs(registry);
  registerMediaJobs(registry);
  return registry;
}
