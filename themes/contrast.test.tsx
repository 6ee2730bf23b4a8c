import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { THEMES } from "../src/domain/community/types.js";
import { rootDir } from "../src/lib/paths.js";

// Every theme's colour tokens, light and dark, checked against WCAG 2 contrast: text >= 4.5:1,
// focus rings and control borders >= 3:1. Tokens are read from the CSS itself, so a colour
// change that breaks contrast fails here.

type Scheme = "light" | "dark";
type Tokens = Record<Scheme, Map<string, string>>;

/** `--name: light-dark(#a, #b)`, `--name: #a` and `--name: var(--other)` from the top-level rules. */
function readTokens(file: string, into: Tokens): void {
  const css = fs
    .readFileSync(path.join(rootDir, "themes", file), "utf8")
    // The fallback for browsers without light-dark() repeats light colours; it is not a scheme.
    .replace(/@supports not[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, "")
    .replace(/\/\*[\s\S]*?\*\//g, "");
  for (const m of css.matchAll(/(--[\w-]+):\s*([^;]+);/g)) {
    const [, name, raw] = m;
    const value = raw.trim();
    const ld = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value);
    if (ld) {
      into.light.set(name, ld[1]);
      into.dark.set(name, ld[2]);
    } else if (/^#[0-9a-f]{3,6}$/i.test(value) || /^var\(--[\w-]+\)$/.test(value)) {
      into.light.set(name, value);
      into.dark.set(name, value);
    }
  }
}

function tokensOf(themeId: string): Tokens {
  const tokens: Tokens = { light: new Map(), dark: new Map() };
  readTokens("base.css", tokens);
  readTokens(`${themeId}/theme.css`, tokens);
  return tokens;
}

function resolve(map: Map<string, string>, name: string, depth = 0): string | undefined {
  const v = map.get(name);
  if (v === undefined || depth > 5) return undefined;
  const ref = /^var\((--[\w-]+)\)$/.exec(v);
  return ref ? resolve(map, ref[1], depth + 1) : v;
}

function luminance(hex: string): number {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two #rgb / #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const TEXT = 4.5;
const UI = 3;
/** [foreground, background, minimum]; pairs with a token a theme does not define are skipped. */
const PAIRS: Array<[string, string, number]> = [
  ...["--bg", "--surface", "--surface-2", "--primary-soft", "--row-alt", "--pinned-bg"].flatMap((bg): Array<[string, string, number]> => [
    ["--text", bg, TEXT],
    ["--muted", bg, TEXT],
    ["--link", bg, TEXT],
  ]),
  ["--primary-text", "--primary", TEXT],
  ["--danger", "--surface", TEXT],
  ["--success", "--surface", TEXT],
  ["--warning", "--surface", TEXT],
  ["--warning", "--surface-2", TEXT],
  ["--staff-text", "--staff-bg", TEXT],
  ["--header-text", "--header-bg", TEXT],
  ["--header-muted", "--header-bg", TEXT],
  ["--bar-text", "--bar-bg", TEXT],
  ["--pin-text", "--pin-bg", TEXT],
  ["--focus", "--bg", UI],
  ["--focus", "--surface", UI],
  ["--input-border", "--surface", UI],
];

describe.each(THEMES)("theme %s colours", (themeId) => {
  const tokens = tokensOf(themeId);
  it.each(["light", "dark"] as const)("meet WCAG contrast in the %s scheme", (scheme) => {
    const map = tokens[scheme];
    const failures: string[] = [];
    let checked = 0;
    for (const [fg, bg, min] of PAIRS) {
      const a = resolve(map, fg);
      const b = resolve(map, bg);
      if (!a || !b) continue;
      checked++;
      const ratio = contrast(a, b);
      if (ratio < min) failures.push(`${fg} ${a} on ${bg} ${b}: ${ratio.toFixed(2)} < ${min}`);
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it("defines every core token for both schemes", () => {
    for (const name of ["--bg", "--surface", "--text", "--muted", "--link", "--primary", "--primary-text", "--focus", "--staff-bg", "--staff-text"]) {
      expect(resolve(tokens.light, name), `${name} (light)`).toMatch(/^#/);
      expect(resolve(tokens.dark, name), `${name} (dark)`).toMatch(/^#/);
    }
  });
});

describe("contrast()", () => {
  it("computes the WCAG ratio", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 1);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 1);
  });
});
