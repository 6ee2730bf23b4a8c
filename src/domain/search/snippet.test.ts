import { describe, expect, it } from "vitest";
import { SNIPPET_CHARS, escapeHtml, highlightHtml, highlightsFor, snippetHtml } from "./snippet.js";
import { queryTerms } from "./tokenize.js";

const hl = (q: string) => highlightsFor(queryTerms(q));
/** The snippet's visible text: marks removed and entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<\/?mark>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("highlightsFor", () => {
  it("turns query terms into strings to mark", () => {
    expect(highlightsFor(queryTerms("コミュニティ Hiroba 問 x"))).toEqual([
      { text: "コミュニティ", prefix: false },
      { text: "hiroba", prefix: false },
      { text: "問", prefix: true },
      { text: "x", prefix: true },
    ]);
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("highlightHtml", () => {
  it("marks every match and escapes the rest", () => {
    expect(highlightHtml("設定 <b>と</b> 設定", hl("設定"))).toBe("<mark>設定</mark> &lt;b&gt;と&lt;/b&gt; <mark>設定</mark>");
  });

  it("matches English case-insensitively, whole words only", () => {
    expect(highlightHtml("Setup, setups and SETUP", hl("setup"))).toBe("<mark>Setup</mark>, setups and <mark>SETUP</mark>");
  });

  it("runs a one-letter prefix on to the end of its word", () => {
    expect(highlightHtml("an xml file", hl("x"))).toBe("an <mark>xml</mark> file");
  });

  it("maps matches back through NFKC: half-width kana and full-width Latin stay as written", () => {
    expect(highlightHtml("ｺﾐｭﾆﾃｨの設定", hl("コミュニティ"))).toBe("<mark>ｺﾐｭﾆﾃｨ</mark>の設定");
    expect(highlightHtml("ｶﾞｲﾄﾞを読む", hl("ガイド"))).toBe("<mark>ｶﾞｲﾄﾞ</mark>を読む");
    expect(highlightHtml("ＨＩＲＯＢＡの使い方", hl("hiroba"))).toBe("<mark>ＨＩＲＯＢＡ</mark>の使い方");
    expect(highlightHtml("コミュニティ", hl("ｺﾐｭﾆﾃｨ"))).toBe("<mark>コミュニティ</mark>");
  });

  it("merges overlapping matches", () => {
    expect(highlightHtml("設定義", hl("設定 定義"))).toBe("<mark>設定義</mark>");
  });

  it("marks Latin words next to Japanese text (adjacent marks become one)", () => {
    expect(highlightHtml("Hiroba設定です", hl("hiroba 設定"))).toBe("<mark>Hiroba設定</mark>です");
  });
});

describe("snippetHtml", () => {
  it("returns short texts whole", () => {
    expect(snippetHtml("短い本文で問題が起きました", hl("問題"))).toBe("短い本文で<mark>問題</mark>が起きました");
  });

  it("starts a Japanese snippet a few characters before the first match, cutting anywhere", () => {
    const text = "あ".repeat(300) + "問題" + "い".repeat(300);
    const html = snippetHtml(text, hl("問題"));
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).toContain("<mark>問題</mark>");
    const shown = visible(html).slice(1, -1);
    expect(shown.length).toBe(SNIPPET_CHARS);
    expect(shown.indexOf("問題")).toBeGreaterThan(20);
  });

  it("cuts an English snippet at spaces", () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    words[70] = "target";
    const html = snippetHtml(words.join(" "), hl("target"));
    const shown = visible(html);
    expect(html).toContain("<mark>target</mark>");
    expect(shown).toMatch(/^…word\d+ /);
    expect(shown).toMatch(/ word\d+…$/);
    expect(shown.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
  });

  it("shows the beginning when nothing matches (a title-only match)", () => {
    const text = "Begin here. " + "filler ".repeat(100);
    const html = snippetHtml(text, hl("absent"));
    expect(html.startsWith("Begin here.")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).not.toContain("<mark>");
  });

  it("keeps a match near the end of a long text inside the window", () => {
    const text = "x ".repeat(300) + "the end is near";
    const html = snippetHtml(text, hl("near"));
    expect(html).toContain("<mark>near</mark>");
    expect(html.endsWith("…")).toBe(false);
  });

  it("escapes markup from the post, in and around matches", () => {
    const html = snippetHtml(`<script>alert('設定')</script> "quoted" & 設定`, hl("設定 script"));
    expect(html).toBe("&lt;<mark>script</mark>&gt;alert(&#39;<mark>設定</mark>&#39;)&lt;/<mark>script</mark>&gt; &quot;quoted&quot; &amp; <mark>設定</mark>");
    expect(html).not.toMatch(/<(?!\/?mark>)/);
  });

  it("never splits a surrogate pair at the window's edges", () => {
    const text = "😀".repeat(200) + "問題" + "😀".repeat(200);
    const html = snippetHtml(text, hl("問題"));
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(html).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("collapses whitespace", () => {
    expect(snippetHtml("one\n\n  two\tthree", hl("two"))).toBe("one <mark>two</mark> three");
  });
});
