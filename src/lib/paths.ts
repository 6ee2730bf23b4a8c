import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (where package.json is), both from `src/` under vitest and from the `dist/` bundle. */
export const rootDir: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
})();
