import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/harness.js";
import { PLAN_EACH_TIME } from "./connect.js";

// Prepared statements are PostgreSQL's; on SQLite every statement is prepared and cached anyway.
describe("PostgreSQL connections", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("prepare each query text once, leave PLAN_EACH_TIME queries and transaction control unnamed, and stop at a bound", async ({ skip }) => {
    if (t.ctx.engine !== "postgres") skip();
    const marker = `m${Date.now()}`;
    // One transaction is one connection, whose prepared statements pg_prepared_statements lists.
    const prepared = await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await sql`select ${i}::int as n, ${marker} as m`.execute(trx);
      await sql`${sql.raw(PLAN_EACH_TIME)} select 1 as planned_each_time, ${marker} as m`.execute(trx);
      const rows = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      return rows.rows.map((r) => r.statement);
    });
    expect(prepared.filter((s) => s.includes("as n, $2 as m"))).toHaveLength(1);
    expect(prepared.some((s) => s.includes("planned_each_time"))).toBe(false);
    expect(prepared.some((s) => /^\s*(begin|commit)/i.test(s))).toBe(false);

    const count = await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1010; i++) await sql`select ${sql.lit(i)} as distinct_text_${sql.raw(String(i))}`.execute(trx);
      const rows = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(trx);
      return rows.rows[0].n;
    });
    expect(count).toBeLessThanOrEqual(1000);
    expect(count).toBeGreaterThan(900);
  });
});
