import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded on its first use instead of at startup. The embedded mode never touches the
 * PostgreSQL, Redis, BullMQ or SMTP clients, and image and password work is occasional; loaded
 * eagerly they cost every process about 30 MB of memory before it serves a page.
 */
export function onDemand<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
