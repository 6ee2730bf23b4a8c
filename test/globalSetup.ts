import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * With HIROBA_TEST_DB=postgres, creates one UTF-8 database for the run; each test file then
 * migrates its own schema in it (see harness.ts), so files run in parallel without sharing data.
 */
export default async function setup(project: TestProject) {
  if (process.env.HIROBA_TEST_DB !== "postgres") {
    project.provide("pgUrl", "");
    return;
  }
  const admin = process.env.HIROBA_TEST_PG_ADMIN ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `hiroba_test_${process.pid}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  project.provide("pgUrl", url.toString());
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
