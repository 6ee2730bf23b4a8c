// Builds what `npm start` runs: the server and CLI bundles (dependencies stay external), the
// browser bundle and one stylesheet per theme, with content-hashed names in dist/manifest.json.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const assets = path.join(dist, "public", "assets");
fs.mkdirSync(assets, { recursive: true });

await esbuild.build({
  entryPoints: { main: "src/main.ts", cli: "src/cli.ts" },
  absWorkingDir: root,
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  jsx: "automatic",
  jsxImportSource: "preact",
  sourcemap: true,
  logLevel: "warning",
});

const client = await esbuild.build({
  entryPoints: { app: "src/client/app.ts" },
  absWorkingDir: root,
  bundle: true,
  write: false,
  minify: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: assets,
  logLevel: "warning",
});

const css = await esbuild.build({
  entryPoints: { support: "themes/support/theme.css", social: "themes/social/theme.css", bbs: "themes/bbs/theme.css" },
  absWorkingDir: root,
  bundle: true,
  write: false,
  minify: true,
  outdir: assets,
  logLevel: "warning",
});

const manifest = {};
for (const file of [...client.outputFiles, ...css.outputFiles]) {
  const ext = path.extname(file.path);
  const base = path.basename(file.path, ext);
  const hash = crypto.createHash("sha256").update(file.contents).digest("hex").slice(0, 10);
  const name = `${base}-${hash}${ext}`;
  fs.writeFileSync(path.join(assets, name), file.contents);
  manifest[`${base}${ext}`] = `/assets/${name}`;
}
fs.writeFileSync(path.join(dist, "manifest.json"), JSON.stringify(manifest, null, 2));
