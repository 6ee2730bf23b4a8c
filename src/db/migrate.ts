import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Database, Engine } from "./connect.js";
import { migrations } from "./migrations/index.js";

/** A migration receives the engine so it can pick column types; it is frozen once landed. */
export interface HirobaMigration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, engine: Engine): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  down?(db: Kysely<any>, engine: Engine): Promise<void>;
}

/**
 * Brings the schema up to date. Safe to call from several processes at once: Kysely's migrator
 * takes a lock row, and each migration runs in a transaction.
 */
export async function migrate(database: Database, extra: HirobaMigration[] = []): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in any schema unless told which one is ours.
  const schema =
    database.engine === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db: database.db,
    migrationTableSchema: schema,
    // Plugin migrations sort after core ones by name; a later core migration must still run.
    allowUnorderedMigrations: true,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const m of [...migrations, ...extra]) {
          out[m.name] = {
            up: (db) => m.up(db, database.engine),
            down: m.down ? (db) => m.down!(db, database.engine) : undefined,
          };
        }
        return out;
      },
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Column types that differ between the engines. */
export function columnTypes(engine: Engine) {
  return {
    id: engine === "postgres" ? ("serial" as const) : ("integer" as const),
    time: engine === "postgres" ? ("timestamptz" as const) : ("text" as const),
    json: engine === "postgres" ? ("jsonb" as const) : ("text" as const),
  };
}
