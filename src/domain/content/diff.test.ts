import { describe, expect, it } from "vitest";
import { diffHunks, diffLines } from "./diff.js";

const ops = (before: string, after: string) => diffLines(before, after).map((l) => `${l.op === "same" ? " " : l.op === "add" ? "+" : "-"}${l.text}`);

describe("diffLines", () => {
  it("marks unchanged, removed and added lines in order", () => {
    expect(ops("a\nb\nc", "a\nB\nc\nd")).toEqual([" a", "-b", "+B", " c", "+d"]);
  });

  it("handles empty sides and identical texts", () => {
    expect(ops("", "x\ny")).toEqual(["+x", "+y"]);
    expect(ops("x", "")).toEqual(["-x"]);
    expect(ops("same\ntext", "same\ntext")).toEqual([" same", " text"]);
  });

  it("aligns moved blocks on the longest common run, with Japanese text", () => {
    expect(ops("設定\n問題\n回答", "問題\n回答\n設定")).toEqual(["-設定", " 問題", " 回答", "+設定"]);
  });

  it("treats CRLF like LF", () => {
    expect(ops("a\r\nb", "a\nb")).toEqual([" a", " b"]);
  });

  it("stays bounded on very large changes", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 3000 }, (_, i) => `new ${i}`).join("\n");
    const lines = diffLines(before, after);
    expect(lines).toHaveLength(6000);
    expect(lines[0].op).toBe("del");
    expect(lines[5999].op).toBe("add");
  });
});

describe("diffHunks", () => {
  it("keeps three lines of context and folds the rest", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 10", "line ten");
    const hunks = diffHunks(diffLines(before, after));
    expect(hunks.map((h) => (h.kind === "skip" ? `skip ${h.count}` : `lines ${h.lines.length}`))).toEqual(["skip 7", "lines 8", "skip 6"]);
  });

  it("returns one skip when nothing changed", () => {
    expect(diffHunks(diffLines("a\nb", "a\nb"))).toEqual([{ kind: "skip", count: 2 }]);
  });
});
