import { describe, expect, it } from "vitest";
import { plainExcerpt } from "./repo.js";

describe("plainExcerpt", () => {
  it("drops Markdown markup but keeps the words", () => {
    expect(plainExcerpt("## Setup\n\n- **Open** the _settings_ page\n- then `save`\n\n---\n\n> quoted\n\n[docs](https://x.test) ![img](/u/a.png)")).toBe("Setup Open the settings page then save docs");
    expect(plainExcerpt("~~old~~ new, *really*")).toBe("old new, really");
    expect(plainExcerpt("```\ncode\n```\nafter")).toBe("after");
  });

  it("keeps marks that are part of words and names", () => {
    expect(plainExcerpt("@emma_cs さん、Retry-After を見て 2*3 と snake_case_name を確認")).toBe("@emma_cs さん、Retry-After を見て 2*3 と snake_case_name を確認");
    expect(plainExcerpt("| a | b |\n|---|---|\n| 1 | 2 |")).toBe("a b 1 2");
  });

  it("reads a bounded start of the source, so input built to make its patterns backtrack stays cheap", () => {
    expect(plainExcerpt("_x *y ~~z ".repeat(20_000))).toMatch(/^_x \*y ~~z _x/);
    expect(plainExcerpt("[".repeat(50_000) + "`".repeat(100_000))).toMatch(/^\[+…$/);
  });

  it("cuts long text at max characters (not UTF-16 units) with an ellipsis", () => {
    expect(plainExcerpt("設定".repeat(100), 5)).toBe("設定設定設…");
    expect(plainExcerpt("😀".repeat(4), 3)).toBe("😀😀😀…");
    expect(plainExcerpt("short", 5)).toBe("short");
  });
});
