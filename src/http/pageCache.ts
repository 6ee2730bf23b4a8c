import zlib from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../domain/ctx.js";
import { FLASH_COOKIE, SCHEME_COOKIE } from "./middleware/requestContext.js";
import { type GzipTemplate, fillGzip, gzipTemplate } from "./gzipTemplate.js";
import { themeFor } from "./render.js";

/** How long a cached response may be served at most (relative times and view counts age meanwhile). */
const TTL_MS = 30_000;
/** Upper bound on what is kept (compressed), so a crawler walking every page cannot grow the process. */
const MAX_BYTES = 24 * 1024 * 1024;

interface Entry {
  generation: number;
  at: number;
  contentType: string;
  /** The body, gzipped, with a hole wherever the reader's CSRF token goes (each reader gets their own). */
  body: GzipTemplate;
}

/**
 * Responses as visitors who are not signed in get them: pages and public JSON. Every such visitor
 * of a URL, in the same language, theme and colour scheme, gets the same body but for their CSRF
 * token, so a response is kept (gzipped around the token, outside the JS heap; about a fifth of
 * its size, so a whole community's topic pages fit) and served again until anything
 * changes: every committed transaction and every successful form or API write moves
 * `ctx.cache.pageGeneration` on — in every process, through the bus — which retires all entries
 * at once. Signed-in readers are never served from here, and routes opt in by calling `serve`.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** The generation each missed request started at: only those responses may be stored. */
  private readonly misses = new WeakMap<FastifyRequest, number>();

  constructor(private readonly ctx: Ctx) {}

  /** The key of this request's response, or null when it must be made for this reader alone. */
  private keyOf(req: FastifyRequest): string | null {
    if (req.method !== "GET" || req.actor.kind !== "anonymous" || req.cookies[FLASH_COOKIE]) return null;
    return `${req.locale}|${themeFor(req).id}|${req.cookies[SCHEME_COOKIE] ?? ""}|${req.url}`;
  }

  /** Sends the cached response for this request when there is a fresh one; null otherwise. */
  serve(req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
    const key = this.keyOf(req);
    if (!key) return null;
    const entry = this.entries.get(key);
    const generation = this.ctx.cache.pageGeneration;
    if (!entry || entry.generation !== generation || Date.now() - entry.at > TTL_MS) {
      if (entry) this.drop(key, entry);
      this.misses.set(req, generation);
      return null;
    }
    // Most recently used last, so eviction takes the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const gzipped = fillGzip(entry.body, req.csrfToken);
    reply.status(200).header("content-type", entry.contentType).header("vary", "Accept-Encoding, Accept-Language, Cookie").header("cache-control", "private, no-cache");
    // Every browser takes gzip; the rare client that does not gets the text back.
    if (acceptsGzip(req)) return reply.header("content-encoding", "gzip").send(gzipped);
    return reply.send(zlib.gunzipSync(gzipped));
  }

  /**
   * Keeps a response (the onSend payload) of a request that `serve` missed, when it is a 200 with
   * a text body and nothing changed while it was being made. Returns the payload to send: such a
   * body is encoded to UTF-8 once, here, and the same bytes are sent and kept. It is compressed
   * once the response is sent, and kept only if still nothing changed by then.
   */
  capture(req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    const generation = this.misses.get(req);
    if (generation === undefined || reply.statusCode !== 200 || typeof payload !== "string") return payload;
    const key = this.keyOf(req);
    if (!key || generation !== this.ctx.cache.pageGeneration || String(reply.getHeader("set-cookie") ?? "").includes(FLASH_COOKIE)) return payload;
    const at = Date.now();
    const contentType = String(reply.getHeader("content-type") ?? "text/html; charset=utf-8");
    const bytes = Buffer.from(payload);
    const parts = req.csrfToken ? splitBytes(bytes, Buffer.from(req.csrfToken)) : [bytes];
    // After the response is on its way, so compressing does not delay it.
    setImmediate(() => {
      if (generation !== this.ctx.cache.pageGeneration) return;
      const body = gzipTemplate(parts);
      const old = this.entries.get(key);
      if (old) this.drop(key, old);
      this.entries.set(key, { generation, at, contentType, body });
      this.bytes += body.bytes;
      for (const [k, e] of this.entries) {
        if (this.bytes <= MAX_BYTES) break;
        this.drop(k, e);
      }
    });
    return bytes;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.bytes;
  }
}

/** The bytes between the occurrences of `separator` (views into `bytes`, not copies). */
function splitBytes(bytes: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(separator); at !== -1; at = bytes.indexOf(separator, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

function acceptsGzip(req: FastifyRequest): boolean {
  const accepted = req.headers["accept-encoding"];
  return typeof accepted === "string" && /\bgzip\b(?!;\s*q=0(?:\.0*)?\s*(?:,|$))/i.test(accepted);
}

declare module "fastify" {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}
