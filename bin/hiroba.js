#!/usr/bin/env node
// The `hiroba` command. Runs the built CLI (npm start and npm run build write dist/).
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "dist", "cli.js"))) execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit" });
await import(join(root, "dist", "cli.js"));
