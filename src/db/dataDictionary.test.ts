import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/harness.js";
import type { Engine } from "./connect.js";
import { rootDir } from "../lib/paths.js";

/**
 * docs/data-dictionary.md must describe the schema that the migrations (core and the example
 * plugin's) actually build, on the engine the suite runs on: every table has a heading
 * "### `name`" and every column a row "| `column` | <SQLite type> | <PostgreSQL type> | …" in the
 * column table of that section, and nothing documented for this engine is missing from the
 * database. SQLite's FTS5 shadow tables are named in the section of their virtual table.
 */

const DOC = path.join(rootDir, "docs", "data-dictionary.md");

interface LiveTable {
  name: string;
  columns: string[];
}

interface DocSection {
  name: string;
  /** False when the heading says the table exists on the other engine only. */
  onThisEngine: boolean;
  text: string;
  /** Documented columns, and whether each exists on this engine (its type cell is not "—"). */
  columns: Map<string, boolean>;
}

const OTHER_ONLY: Record<Engine, string> = { sqlite: "PostgreSQL only", postgres: "SQLite only" };

/** The table sections of the dictionary: a heading "## `name`" to "#### `name`", up to the next heading as high. */
function parseDictionary(markdown: string, engine: Engine): Map<string, DocSection> {
  const lines = markdown.split("\n");
  const sections = new Map<string, DocSection>();
  for (let i = 0; i < lines.length; i++) {
    const head = /^(#{2,4}) `([A-Za-z0-9_]+)`(.*)$/.exec(lines[i]);
    if (!head) continue;
    const level = head[1].length;
    let end = i + 1;
    while (end < lines.length && !(/^#{1,6} /.test(lines[end]) && lines[end].indexOf(" ") <= level)) end++;
    const body = lines.slice(i + 1, end);
    sections.set(head[2], {
      name: head[2],
      onThisEngine: !head[3].includes(OTHER_ONLY[engine]),
      text: body.join("\n"),
      columns: columnRows(body, engine),
    });
  }
  return sections;
}

/** Rows of the first table whose header starts with "| column |". */
function columnRows(lines: string[], engine: Engine): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const start = lines.findIndex((l) => /^\|\s*column\s*\|/.test(l));
  if (start < 0) return out;
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const name = /^`([A-Za-z0-9_]+)`$/.exec(cells[0] ?? "");
    if (!name) continue;
    const typeCell = engine === "sqlite" ? cells[1] : cells[2];
    out.set(name[1], typeCell !== undefined && typeCell !== "—" && typeCell !== "");
  }
  return out;
}

/** Everything that differs between the database and the dictionary, as readable lines. */
function differences(doc: Map<string, DocSection>, tables: LiveTable[], shadows: string[], engine: Engine): string[] {
  const problems: string[] = [];
  const live = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables) {
    const section = doc.get(t.name);
    if (!section) {
      problems.push(`table ${t.name} has no "### \`${t.name}\`" section`);
      continue;
    }
    if (!section.onThisEngine) problems.push(`table ${t.name} exists here, but its heading says it does not`);
    for (const c of t.columns) {
      const documented = section.columns.get(c);
      if (documented === undefined) problems.push(`column ${t.name}.${c} has no row in the column table`);
      else if (!documented) problems.push(`column ${t.name}.${c} exists here, but its type cell for this engine is "—"`);
    }
  }
  for (const shadow of shadows) {
    const owner = [...doc.values()].find((s) => shadow.startsWith(`${s.name}_`) && s.text.includes(`\`${shadow}\``));
    if (!owner) problems.push(`FTS5 shadow table ${shadow} is not named in its virtual table's section`);
  }
  for (const s of doc.values()) {
    if (!s.onThisEngine) continue;
    const t = live.get(s.name);
    if (!t) {
      problems.push(`documented table ${s.name} does not exist (engine-specific tables say "${OTHER_ONLY[engine]}" in their heading)`);
      continue;
    }
    for (const [c, here] of s.columns) if (here && !t.columns.includes(c)) problems.push(`documented column ${s.name}.${c} does not exist`);
  }
  return problems;
}

/** Tables and columns as the database reports them (this test's own schema on PostgreSQL). */
async function introspect(t: TestApp): Promise<{ tables: LiveTable[]; shadows: string[] }> {
  const db = t.ctx.db;
  const all = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (t.ctx.engine === "postgres") {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0].s;
    return { tables: all.filter((x) => x.schema === schema).map((x) => ({ name: x.name, columns: x.columns.map((c) => c.name) })), shadows: [] };
  }
  // sqlite_master lists FTS5 virtual tables and their shadow tables as ordinary tables; tell them apart.
  const list = (await sql<{ name: string; type: string }>`select name, type from pragma_table_list where schema = 'main'`.execute(db)).rows;
  const shadows = list.filter((r) => r.type === "shadow").map((r) => r.name);
  const virtual = list.filter((r) => r.type === "virtual").map((r) => r.name);
  const tables = all.filter((x) => !shadows.includes(x.name)).map((x) => ({ name: x.name, columns: x.columns.map((c) => c.name) }));
  for (const v of virtual) if (!tables.some((x) => x.name === v)) throw new Error(`introspection missed the virtual table ${v}`);
  return { tables, shadows };
}

describe("docs/data-dictionary.md", () => {
  let t: TestApp;
  beforeAll(async () => {
    // The example plugin's migration runs too, so its table is checked like core's.
    t = await testApp({ setup: false, startJobs: false, env: { PLUGINS: path.join(rootDir, "plugins/welcome/index.js") } });
  });
  afterAll(() => t.close());

  it("describes every table and column the migrations create, and nothing else", async () => {
    const { tables, shadows } = await introspect(t);
    const names = tables.map((x) => x.name);
    // The introspection itself must see what we know is there, or the comparison proves nothing.
    expect(names).toEqual(expect.arrayContaining(["users", "posts", "kysely_migration", "kysely_migration_lock", "welcome_first_posts", "search_documents"]));
    if (t.ctx.engine === "sqlite") {
      expect(names).toContain("search_fts");
      expect(shadows.length).toBeGreaterThan(0);
    } else {
      expect(tables.find((x) => x.name === "search_documents")?.columns).toContain("tsv");
    }
    const doc = parseDictionary(fs.readFileSync(DOC, "utf8"), t.ctx.engine);
    expect(differences(doc, tables, shadows, t.ctx.engine)).toEqual([]);
  });

  it("fails when a column or a table is added without documentation", async () => {
    await sql`alter table users add column shoe_size integer`.execute(t.ctx.db);
    await sql`create table undocumented_things (id integer primary key)`.execute(t.ctx.db);
    const { tables, shadows } = await introspect(t);
    const doc = parseDictionary(fs.readFileSync(DOC, "utf8"), t.ctx.engine);
    const problems = differences(doc, tables, shadows, t.ctx.engine);
    expect(problems).toContain("column users.shoe_size has no row in the column table");
    expect(problems).toContain('table undocumented_things has no "### `undocumented_things`" section');
  });

  it("fails when a documented column is gone", () => {
    const doc = parseDictionary(fs.readFileSync(DOC, "utf8"), t.ctx.engine);
    const tables: LiveTable[] = [...doc.values()].filter((s) => s.onThisEngine).map((s) => ({ name: s.name, columns: [...s.columns].filter(([, here]) => here).map(([c]) => c) }));
    const users = tables.find((x) => x.name === "users")!;
    users.columns = users.columns.filter((c) => c !== "email");
    expect(differences(doc, tables, [], t.ctx.engine)).toEqual(["documented column users.email does not exist"]);
  });
});
