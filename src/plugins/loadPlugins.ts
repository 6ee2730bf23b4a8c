import path from "node:path";
import { pathToFileURL } from "node:url";
import type { HirobaMigration } from "../db/migrate.js";
import type { JobRegistry } from "../jobs/registry.js";
import { addLocaleBundle } from "../render/i18n.js";
import type { Hooks } from "./hooks.js";
import type { HirobaPlugin } from "./plugin.js";

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Imports plugin modules named in `PLUGINS`: relative paths resolve from the working directory. */
export async function importPlugins(specs: string[]): Promise<HirobaPlugin[]> {
  const out: HirobaPlugin[] = [];
  for (const spec of specs) {
    const target = spec.startsWith(".") || path.isAbsolute(spec) ? pathToFileURL(path.resolve(spec)).href : spec;
    const mod = (await import(target)) as { default?: HirobaPlugin };
    if (!mod.default || typeof mod.default.setup !== "function") throw new Error(`plugin ${spec} has no default export with setup()`);
    out.push(mod.default);
  }
  return out;
}

/** Runs each plugin's setup against the registry and hooks; returns the migrations they bring. */
export async function installPlugins(plugins: HirobaPlugin[], registry: JobRegistry, hooks: Hooks): Promise<HirobaMigration[]> {
  const migrations: HirobaMigration[] = [];
  const seen = new Set<string>();
  for (const plugin of plugins) {
    if (!NAME.test(plugin.name)) throw new Error(`plugin name "${plugin.name}" must be lower-case letters, digits and hyphens`);
    if (seen.has(plugin.name)) throw new Error(`plugin ${plugin.name} loaded twice`);
    seen.add(plugin.name);
    const prefix = `plugin.${plugin.name}`;
    await plugin.setup({
      name: plugin.name,
      hooks: { filter: hooks.filter.bind(hooks), slot: hooks.slot.bind(hooks) },
      on: (event, key, handler, opts) => void registry.on(event, `${prefix}.${key}`, handler, opts),
      onBatch: (event, key, handler, opts) => void registry.onBatch(event, `${prefix}.${key}`, handler, opts),
      job: (key, handler, opts) => {
        registry.define(`${prefix}.${key}`, handler, opts);
        return `${prefix}.${key}`;
      },
      routes: (register) => hooks.route(register),
      migrations: (list) => migrations.push(...list.map((m) => ({ ...m, name: `${prefix}.${m.name}` }))),
      locales: (bundles) => addLocaleBundle(prefix, bundles),
    });
  }
  return migrations;
}
