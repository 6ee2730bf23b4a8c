import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./serverFlags.js";

describe("server flags", () => {
  it("npm start runs the server with the flags the bench measures", () => {
    const pkg = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${SERVER_NODE_FLAGS.join(" ")} dist/main.js`);
  });

  it("the process-manager example in the operations guide uses them too", () => {
    const ops = fs.readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8");
    expect(ops).toContain(`ExecStart=/usr/bin/node ${SERVER_NODE_FLAGS.join(" ")} dist/main.js`);
  });
});
