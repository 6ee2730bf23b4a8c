import type Pg from "pg";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type PostgresCursor, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from "kysely";
import { onDemand } from "../lib/onDemand.js";
import type { DatabaseConfig } from "../config/config.js";
import type { DB } from "./schema.js";

export type Engine = "sqlite" | "postgres";

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

const requirePg = onDemand<typeof Pg>("pg");

/** The pg driver, loaded when a PostgreSQL database is first opened, with our type parsers. */
function loadPg(): typeof Pg {
  const pg = requirePg();
  // COUNT(*) and bigint ids arrive as int8; every number we store fits in a JS number.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));
  // JSON arrives as text on both engines; db/codec parses it (a jsonb string would be ambiguous otherwise).
  pg.types.setTypeParser(114, (v) => v);
  pg.types.setTypeParser(3802, (v) => v);
  return pg;
}

/** Opens the configured database. SQLite runs in WAL mode with foreign keys on. */
export function connect(config: DatabaseConfig, opts: { poolSize?: number } = {}): Database {
  if (config.kind === "postgres") {
    const pool = new (loadPg().Pool)({ connectionString: config.url, max: opts.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  if (config.file !== ":memory:") fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const raw = new SQLite(config.file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  raw.pragma("cache_size = -32000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SqliteAdapter(raw) }) });
  return { db, engine: "sqlite", close: () => db.destroy() };
}

/** Statements one PostgreSQL connection keeps prepared at most; later ones run unnamed. */
const MAX_PREPARED_PER_CONNECTION = 1000;
const DML = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Put first in a query whose best plan depends on its values (a full-text search: a rare word and
 * a common one want different plans), so PostgreSQL plans it anew each time instead of settling on
 * a generic plan.
 */
export const PLAN_EACH_TIME = "/* plan each time */";
const statementNames = new Map<string, string>();

/** The prepared-statement name of a query text: the same text always gets the same name. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `h${crypto.createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (statementNames.size >= 5000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Hands Kysely connections that prepare each query text once, under a name derived from the text,
 * instead of sending it unnamed every time. PostgreSQL then parses a statement once per connection
 * and, after a few runs, reuses a generic plan: planning was the larger part of our small queries'
 * cost in the server. Each connection keeps at most MAX_PREPARED_PER_CONNECTION statements (texts
 * vary with the length of IN lists), so a stream of new texts cannot grow a connection without end.
 * A query that starts with PLAN_EACH_TIME, or is not a plain statement (begin, commit), runs unnamed.
 */
class PreparingPool implements PostgresPool {
  private readonly prepared = new WeakMap<Pg.PoolClient, Set<string>>();
  constructor(private readonly pool: Pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    const known = this.prepared.get(client) ?? new Set<string>();
    this.prepared.set(client, known);
    const query = (text: string | PostgresCursor<unknown>, values?: ReadonlyArray<unknown>) => {
      if (typeof text !== "string") return client.query(text as never);
      if (!DML.test(text)) return client.query(text, values as unknown[]);
      const name = statementName(text);
      if (!known.has(name)) {
        if (known.size >= MAX_PREPARED_PER_CONNECTION) return client.query(text, values as unknown[]);
        known.add(name);
      }
      return client.query({ name, text, values: values as unknown[] });
    };
    return { query: query as unknown as PostgresPoolClient["query"], release: () => client.release() };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * better-sqlite3 binds only numbers, strings, bigints, buffers and null. This adapter turns
 * Dates into ISO-8601 text and booleans into 0/1, so domain code writes the same values on
 * both engines, and it reuses prepared statements (preparing is a large share of a small query).
 * Rows are read as arrays and made into objects here: better-sqlite3 builds each row object
 * through V8's C++ API, property by property, which took about a third of a 21-post read.
 */
class SqliteAdapter {
  private readonly cache = new Map<string, { stmt: SQLite.Statement; columns: string[] }>();
  constructor(private readonly raw: SQLite.Database) {}

  close(): void {
    this.raw.close();
  }

  prepare(sql: string) {
    let entry = this.cache.get(sql);
    if (!entry) {
      const stmt = this.raw.prepare(sql);
      const columns = stmt.reader ? stmt.raw(true).columns().map((c) => c.name) : [];
      entry = { stmt, columns };
      if (this.cache.size >= 1000) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, entry);
    }
    const { stmt: s, columns } = entry;
    return {
      reader: s.reader,
      // Kysely calls `all` and `iterate` only for statements that return rows.
      all: (params: ReadonlyArray<unknown>) => (s.all(...bind(params)) as unknown[][]).map((row) => rowObject(columns, row)),
      run: (params: ReadonlyArray<unknown>) => s.run(...bind(params)),
      iterate: function* (params: ReadonlyArray<unknown>) {
        for (const row of s.iterate(...bind(params)) as IterableIterator<unknown[]>) yield rowObject(columns, row);
      },
    };
  }
}

function rowObject(columns: string[], row: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i]] = row[i];
  return o;
}

function bind(params: ReadonlyArray<unknown>): unknown[] {
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    out[i] = v instanceof Date ? v.toISOString() : typeof v === "boolean" ? (v ? 1 : 0) : v;
  }
  return out;
}
