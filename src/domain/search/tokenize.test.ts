import { describe, expect, it } from "vitest";
import {
  type QueryTerm,
  ftsMatchExpression,
  highlightTerms,
  indexText,
  indexTokens,
  normalize,
  queryTerms,
  tsQueryExpression,
} from "./tokenize.js";

describe("normalize", () => {
  it("applies NFKC and lower-cases", () => {
    expect(normalize("ＡＢＣ")).toBe("abc");
    expect(normalize("ｺﾐｭﾆﾃｨ")).toBe("コミュニティ");
    expect(normalize("Ｈｉｒｏｂａ１２３")).toBe("hiroba123");
    expect(normalize("ｶﾞｲﾄﾞ")).toBe("ガイド");
  });
});

describe("indexTokens", () => {
  it("lower-cases Latin words and splits on punctuation and underscores", () => {
    expect(indexTokens("Hello, World! foo_bar e-mail v2 don't")).toEqual([
      "hello",
      "world",
      "foo",
      "bar",
      "e",
      "mail",
      "v2",
      "don",
      "t",
    ]);
  });

  it("keeps accented and non-Latin alphabetic words whole", () => {
    expect(indexTokens("Café Straße Привет")).toEqual(["café", "straße", "привет"]);
    // A decomposed accent is composed by NFKC and stays in the word.
    expect(indexTokens("Cafe\u0301")).toEqual(["café"]);
  });

  it("turns a katakana run into overlapping bigrams plus its last character", () => {
    expect(indexTokens("コミュニティ")).toEqual(["コミ", "ミュ", "ュニ", "ニテ", "ティ", "ィ"]);
  });

  it("indexes 2-character words as one bigram plus the final unigram", () => {
    expect(indexTokens("問題")).toEqual(["問題", "題"]);
    expect(indexTokens("設定")).toEqual(["設定", "定"]);
    expect(indexTokens("質問")).toEqual(["質問", "問"]);
  });

  it("keeps a one-character run once", () => {
    expect(indexTokens("猫 と 犬")).toEqual(["猫", "と", "犬"]);
  });

  it("splits mixed Japanese and Latin text at script changes", () => {
    expect(indexTokens("Hiroba の設定を変更する方法")).toEqual([
      "hiroba",
      "の設",
      "設定",
      "定を",
      "を変",
      "変更",
      "更す",
      "する",
      "る方",
      "方法",
      "法",
    ]);
    expect(indexTokens("Hiroba設定v2")).toEqual(["hiroba", "設定", "定", "v2"]);
  });

  it("treats the prolonged sound mark, 々, 〆 and 〇 as CJK", () => {
    expect(indexTokens("ユーザー")).toEqual(["ユー", "ーザ", "ザー", "ー"]);
    expect(indexTokens("時々")).toEqual(["時々", "々"]);
    expect(indexTokens("〆切")).toEqual(["〆切", "切"]);
    expect(indexTokens("二〇二五")).toEqual(["二〇", "〇二", "二五", "五"]);
  });

  it("handles Hangul as CJK", () => {
    expect(indexTokens("한국어")).toEqual(["한국", "국어", "어"]);
  });

  it("makes half-width katakana equal to full-width", () => {
    expect(indexTokens("ｺﾐｭﾆﾃｨ")).toEqual(indexTokens("コミュニティ"));
    expect(indexTokens("ｶﾞｲﾄﾞ")).toEqual(indexTokens("ガイド"));
  });

  it("folds full-width Latin and digits", () => {
    expect(indexTokens("ＡＢＣ　１２３")).toEqual(["abc", "123"]);
  });

  it("splits CJK runs at Japanese punctuation", () => {
    expect(indexTokens("問題です。設定・変更、「質問」")).toEqual([
      "問題",
      "題で",
      "です",
      "す",
      "設定",
      "定",
      "変更",
      "更",
      "質問",
      "問",
    ]);
  });

  it("ignores emoji, symbols and punctuation", () => {
    expect(indexTokens("😀 👍🏽 ★ → !!! ... 🇯🇵")).toEqual([]);
    expect(indexTokens("good👍job")).toEqual(["good", "job"]);
    expect(indexTokens("漢字😀漢字")).toEqual(["漢字", "字", "漢字", "字"]);
  });

  it("keeps supplementary-plane Han characters whole", () => {
    expect(indexTokens("𠮷野家")).toEqual(["𠮷野", "野家", "家"]);
  });

  it("skips a variation selector inside a CJK run", () => {
    expect(indexTokens("葛\u{E0100}城")).toEqual(["葛城", "城"]);
  });

  it("caps tokens at 64 characters without splitting surrogate pairs", () => {
    expect(indexTokens("a".repeat(100))).toEqual(["a".repeat(64)]);
    const gothic = "𐌰".repeat(70);
    const [token] = indexTokens(gothic);
    expect([...token]).toHaveLength(64);
    expect(token).toBe("𐌰".repeat(64));
  });

  it("returns nothing for empty or blank text", () => {
    expect(indexTokens("")).toEqual([]);
    expect(indexTokens(" \n\t　")).toEqual([]);
  });

  it("treats lone surrogates as separators", () => {
    expect(indexTokens("ab\uD800cd")).toEqual(["ab", "cd"]);
  });

  it("is linear on large documents (produces every token)", () => {
    const text = "Hiroba の設定 ".repeat(10_000);
    const tokens = indexTokens(text);
    expect(tokens).toHaveLength(40_000);
  });
});

describe("indexText", () => {
  it("joins the tokens with single spaces", () => {
    expect(indexText("Hiroba の設定")).toBe("hiroba の設 設定 定");
    expect(indexText("")).toBe("");
  });
});

describe("queryTerms", () => {
  it("makes one-token phrases of Latin words", () => {
    expect(queryTerms("Hello World")).toEqual([
      { kind: "phrase", tokens: ["hello"] },
      { kind: "phrase", tokens: ["world"] },
    ]);
  });

  it("makes a phrase of bigrams for a CJK run, without the trailing unigram", () => {
    expect(queryTerms("コミュニティ")).toEqual([{ kind: "phrase", tokens: ["コミ", "ミュ", "ュニ", "ニテ", "ティ"] }]);
    expect(queryTerms("問題")).toEqual([{ kind: "phrase", tokens: ["問題"] }]);
    expect(queryTerms("設定")).toEqual([{ kind: "phrase", tokens: ["設定"] }]);
  });

  it("makes prefix terms of one-character runs and words", () => {
    expect(queryTerms("問 x 7")).toEqual([
      { kind: "prefix", token: "問" },
      { kind: "prefix", token: "x" },
      { kind: "prefix", token: "7" },
    ]);
  });

  it("splits a mixed query into terms", () => {
    expect(queryTerms("Hiroba の設定を変更する方法")).toEqual([
      { kind: "phrase", tokens: ["hiroba"] },
      { kind: "phrase", tokens: ["の設", "設定", "定を", "を変", "変更", "更す", "する", "る方", "方法"] },
    ]);
  });

  it("splits on ideographic space and punctuation", () => {
    expect(queryTerms("設定　変更、問題!hiroba")).toEqual([
      { kind: "phrase", tokens: ["設定"] },
      { kind: "phrase", tokens: ["変更"] },
      { kind: "phrase", tokens: ["問題"] },
      { kind: "phrase", tokens: ["hiroba"] },
    ]);
  });

  it("normalises like the index (half-width kana, full-width Latin)", () => {
    expect(queryTerms("ｺﾐｭﾆﾃｨ")).toEqual(queryTerms("コミュニティ"));
    expect(queryTerms("ＡＢＣ")).toEqual([{ kind: "phrase", tokens: ["abc"] }]);
  });

  it("removes duplicates and keeps at most 16 terms", () => {
    expect(queryTerms("foo FOO ｆｏｏ 設定 設定")).toEqual([
      { kind: "phrase", tokens: ["foo"] },
      { kind: "phrase", tokens: ["設定"] },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const terms = queryTerms(many);
    expect(terms).toHaveLength(16);
    expect(terms[15]).toEqual({ kind: "phrase", tokens: ["word15"] });
  });

  it("ignores emoji and punctuation-only queries", () => {
    expect(queryTerms("😀 !!! ??")).toEqual([]);
    expect(queryTerms("")).toEqual([]);
    expect(queryTerms("   　 ")).toEqual([]);
  });

  it("makes one phrase of a double-quoted query, in order", () => {
    expect(queryTerms('"hiroba forum setup" other')).toEqual([
      { kind: "phrase", tokens: ["hiroba", "forum", "setup"] },
      { kind: "phrase", tokens: ["other"] },
    ]);
  });

  it("makes one phrase of a 「…」 query", () => {
    expect(queryTerms("「コミュニティ設定」")).toEqual([
      { kind: "phrase", tokens: ["コミ", "ミュ", "ュニ", "ニテ", "ティ", "ィ設", "設定"] },
    ]);
    // Half-width corner brackets become 「」 through NFKC.
    expect(queryTerms("｢問題｣")).toEqual([{ kind: "phrase", tokens: ["問題"] }]);
  });

  it("keeps the unigram between runs of a quoted phrase, as the index has it", () => {
    const [term] = queryTerms('"設定 変更"');
    expect(term).toEqual({ kind: "phrase", tokens: ["設定", "定", "変更"] });
    // The phrase is a contiguous slice of the document's index tokens.
    expect(indexText("この設定 変更は").includes("設定 定 変更")).toBe(true);
    const [mixed] = queryTerms("「Hiroba の設定 v2」");
    expect(mixed).toEqual({ kind: "phrase", tokens: ["hiroba", "の設", "設定", "定", "v2"] });
    expect(indexText("Hiroba の設定 v2 です").includes("hiroba の設 設定 定 v2")).toBe(true);
  });

  it("treats a quoted single character like an unquoted one", () => {
    expect(queryTerms('"x" 「問」')).toEqual([
      { kind: "prefix", token: "x" },
      { kind: "prefix", token: "問" },
    ]);
  });

  it("treats an unclosed quote as punctuation", () => {
    expect(queryTerms('"hiroba forum')).toEqual([
      { kind: "phrase", tokens: ["hiroba"] },
      { kind: "phrase", tokens: ["forum"] },
    ]);
    expect(queryTerms("「設定 変更")).toEqual([
      { kind: "phrase", tokens: ["設定"] },
      { kind: "phrase", tokens: ["変更"] },
    ]);
  });

  it("drops empty quotes", () => {
    expect(queryTerms('"" 「」 foo')).toEqual([{ kind: "phrase", tokens: ["foo"] }]);
  });

  it("finds every query bigram among the index tokens of a matching document", () => {
    const doc = new Set(indexTokens("コミュニティの設定で問題が発生しました"));
    for (const term of queryTerms("コミュニティ 設定 問題")) {
      expect(term.kind).toBe("phrase");
      if (term.kind === "phrase") for (const t of term.tokens) expect(doc.has(t)).toBe(true);
    }
  });
});

describe("ftsMatchExpression", () => {
  it("quotes phrases, stars prefixes and joins with AND", () => {
    const terms: QueryTerm[] = [
      { kind: "phrase", tokens: ["コミ", "ミュ"] },
      { kind: "phrase", tokens: ["hiroba"] },
      { kind: "prefix", token: "問" },
    ];
    expect(ftsMatchExpression(terms)).toBe('"コミ ミュ" AND "hiroba" AND "問"*');
  });

  it("returns an empty string for no terms", () => {
    expect(ftsMatchExpression([])).toBe("");
    expect(ftsMatchExpression(queryTerms(""))).toBe("");
  });

  it("never lets query syntax through from the user", () => {
    expect(ftsMatchExpression(queryTerms(`foo" OR bar:* NEAR(x) 'y' & z)`))).toBe(
      '"foo" AND "or" AND "bar" AND "near" AND "x"* AND "y"* AND "z"*',
    );
  });

  it("doubles double quotes inside tokens", () => {
    expect(ftsMatchExpression([{ kind: "phrase", tokens: ['a"b', "c"] }])).toBe('"a""b c"');
    expect(ftsMatchExpression([{ kind: "prefix", token: '"' }])).toBe('""""*');
  });
});

describe("tsQueryExpression", () => {
  it("chains phrase tokens with <->, marks prefixes and joins with &", () => {
    const terms: QueryTerm[] = [
      { kind: "phrase", tokens: ["コミ", "ミュ"] },
      { kind: "phrase", tokens: ["hiroba"] },
      { kind: "prefix", token: "問" },
    ];
    expect(tsQueryExpression(terms)).toBe("('コミ' <-> 'ミュ') & 'hiroba' & '問':*");
  });

  it("returns an empty string for no terms", () => {
    expect(tsQueryExpression([])).toBe("");
  });

  it("quotes every lexeme so operators in a query stay text", () => {
    expect(tsQueryExpression(queryTerms(`it's a "b" & c | !d (e):* <f> \\g`))).toBe(
      "'it' & 's':* & 'a':* & 'b':* & 'c':* & 'd':* & 'e':* & 'f':* & 'g':*",
    );
  });

  it("restricts every lexeme to a weight when asked", () => {
    const terms: QueryTerm[] = [
      { kind: "phrase", tokens: ["コミ", "ミュ"] },
      { kind: "phrase", tokens: ["hiroba"] },
      { kind: "prefix", token: "問" },
    ];
    expect(tsQueryExpression(terms, "A")).toBe("('コミ':A <-> 'ミュ':A) & 'hiroba':A & '問':*A");
  });

  it("escapes single quotes and backslashes inside tokens", () => {
    expect(tsQueryExpression([{ kind: "phrase", tokens: ["it's", "a\\b"] }])).toBe("('it''s' <-> 'a\\\\b')");
    expect(tsQueryExpression([{ kind: "phrase", tokens: ["&|!():*<>"] }])).toBe("'&|!():*<>'");
    expect(tsQueryExpression([{ kind: "prefix", token: "'" }])).toBe("'''':*");
  });
});

describe("highlightTerms", () => {
  it("rebuilds CJK runs from their bigrams", () => {
    expect(highlightTerms([{ kind: "phrase", tokens: ["コミ", "ミュ"] }])).toEqual(["コミュ"]);
    expect(highlightTerms(queryTerms("コミュニティ"))).toEqual(["コミュニティ"]);
  });

  it("returns words and prefix characters as they are", () => {
    expect(highlightTerms(queryTerms("Hiroba 問 x"))).toEqual(["hiroba", "問", "x"]);
  });

  it("splits a quoted phrase back into its runs and words", () => {
    expect(highlightTerms(queryTerms("「Hiroba の設定 v2」"))).toEqual(["hiroba", "の設定", "v2"]);
    expect(highlightTerms(queryTerms('"設定 定義"'))).toEqual(["設定", "定義"]);
    expect(highlightTerms(queryTerms('"猫 と 犬"'))).toEqual(["猫", "と", "犬"]);
  });

  it("deduplicates", () => {
    expect(highlightTerms(queryTerms('設定 "設定 hiroba"'))).toEqual(["設定", "hiroba"]);
  });

  it("returns nothing for no terms", () => {
    expect(highlightTerms([])).toEqual([]);
  });
});
