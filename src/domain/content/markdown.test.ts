import { describe, expect, it } from "vitest";
import { cookMarkdown, excerpt } from "./markdown.js";

const html = (source: string): string => cookMarkdown(source).html;

describe("cookMarkdown: basics", () => {
  it("renders common Markdown", () => {
    expect(html("**bold** _em_ ~~del~~ `code`")).toBe(
      "<p><strong>bold</strong> <em>em</em> <s>del</s> <code>code</code></p>\n",
    );
    expect(html("# Title\n\n## 見出し")).toBe("<h1>Title</h1>\n<h2>見出し</h2>\n");
    expect(html("1. a\n2. b")).toBe("<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n");
    expect(html("3) c")).toBe('<ol start="3">\n<li>c</li>\n</ol>\n');
    expect(html("- x\n- y")).toBe("<ul>\n<li>x</li>\n<li>y</li>\n</ul>\n");
    expect(html("a\n\n---\n\nb")).toBe("<p>a</p>\n<hr />\n<p>b</p>\n");
  });

  it("turns single newlines into line breaks", () => {
    expect(html("一行目\n二行目")).toBe("<p>一行目<br />\n二行目</p>\n");
  });

  it("renders Japanese text unchanged", () => {
    const cooked = cookMarkdown("日本語の**文章**です。「かぎ括弧」と…記号！");
    expect(cooked.html).toBe("<p>日本語の<strong>文章</strong>です。「かぎ括弧」と…記号！</p>\n");
    expect(cooked.text).toBe("日本語の文章です。「かぎ括弧」と…記号！");
  });

  it("does not apply typographic replacements", () => {
    expect(html('"quotes" -- (c) ...')).toBe('<p>"quotes" -- (c) ...</p>\n');
  });

  it("keeps a fenced code block's language class and escapes its content", () => {
    expect(html("```js onload=alert(1)\nconst a = '<b>';\n```")).toBe(
      "<pre><code class=\"language-js\">const a = '&lt;b&gt;';\n</code></pre>\n",
    );
  });

  it("drops a language class that is not a plain name", () => {
    expect(html('```"><x\ncode\n```')).toBe("<pre><code>code\n</code></pre>\n");
  });

  it("renders tables without style attributes", () => {
    const out = html("| a | b |\n|:-:|--:|\n| 1 | 2 |");
    expect(out).toContain("<table>");
    expect(out).toContain("<th>a</th>");
    expect(out).toContain("<td>2</td>");
    expect(out).not.toContain("style");
  });

  it("returns empty results for an empty source", () => {
    expect(cookMarkdown("")).toEqual({ html: "", mentions: [], quotedPostIds: [], text: "", links: [], uploadKeys: [], previewUrls: [] });
  });
});

describe("cookMarkdown: XSS", () => {
  it("shows raw HTML as text", () => {
    expect(html("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expect(html("<img src=x onerror=alert(1)>")).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    expect(html("<iframe src='https://evil.example'></iframe>")).not.toContain("<iframe");
    expect(html("x<span style='color:red' onclick=1>y</span>")).toBe(
      "<p>x&lt;span style='color:red' onclick=1&gt;y&lt;/span&gt;</p>\n",
    );
  });

  it("does not link javascript:, vbscript:, data: or file: URLs", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"]) {
      const out = html(`[x](${url})`);
      expect(out).not.toContain("<a");
      expect(out).not.toMatch(/href=/);
    }
  });

  it("does not render images from javascript:, data: or mailto: URLs", () => {
    expect(html("![x](javascript:alert(1))")).toBe("<p>![x](javascript:alert(1))</p>\n");
    expect(html("![x](data:image/png;base64,AAAA)")).toBe("<p>![x](data:image/png;base64,AAAA)</p>\n");
    expect(html("![alt text](mailto:a@example.com)")).toBe("<p>alt text</p>\n");
  });

  it("cannot smuggle attributes through image or link syntax", () => {
    const out = html('![x" onerror="alert(1)](https://a.example/i.png "t\\" onload=\\"x")');
    // The quotes stay inside the attribute values.
    expect(out).toBe(
      '<p><img src="https://a.example/i.png" alt="x&quot; onerror=&quot;alert(1)" title="t&quot; onload=&quot;x" loading="lazy" /></p>\n',
    );
    expect(html("![x](https://a.example/i.png){onerror=alert(1)}")).toBe(
      '<p><img src="https://a.example/i.png" alt="x" loading="lazy" />{onerror=alert(1)}</p>\n',
    );
  });

  it("keeps a URL with a space in its scheme harmless (relative, percent-encoded)", () => {
    expect(html("[g](<java script:alert(1)>)")).toBe('<p><a href="java%20script:alert(1)">g</a></p>\n');
  });
});

describe("cookMarkdown: links and images", () => {
  it("marks external links nofollow and opens them in a new tab", () => {
    expect(html("[ext](https://example.com/a?b=1)")).toBe(
      '<p><a href="https://example.com/a?b=1" rel="nofollow ugc noopener" target="_blank">ext</a></p>\n',
    );
    expect(html("[c](//cdn.example.com/x)")).toBe(
      '<p><a href="//cdn.example.com/x" rel="nofollow ugc noopener" target="_blank">c</a></p>\n',
    );
  });

  it("leaves relative and mailto links alone", () => {
    expect(html("[topic](/t/1) [m](mailto:a@example.com)")).toBe(
      '<p><a href="/t/1">topic</a> <a href="mailto:a@example.com">m</a></p>\n',
    );
  });

  it("linkifies URLs and e-mail addresses", () => {
    expect(html("見て https://example.com/ページ です")).toBe(
      '<p>見て <a href="https://example.com/%E3%83%9A%E3%83%BC%E3%82%B8" rel="nofollow ugc noopener" target="_blank">https://example.com/ページ</a> です</p>\n',
    );
    expect(html("mail alice@example.com")).toBe('<p>mail <a href="mailto:alice@example.com">alice@example.com</a></p>\n');
  });

  it("collects absolute http(s) links, deduplicated, in order", () => {
    const cooked = cookMarkdown(
      "[a](https://a.example/) [b](/rel) https://b.example/x [c](mailto:x@y.example) [again](https://a.example/) ![i](https://img.example/i.png) [p](//p.example)",
    );
    expect(cooked.links).toEqual(["https://a.example/", "https://b.example/x"]);
  });

  it("renders images lazily with alt and title", () => {
    expect(html('![猫の写真](https://img.example/cat.png "タイトル")')).toBe(
      '<p><img src="https://img.example/cat.png" alt="猫の写真" title="タイトル" loading="lazy" /></p>\n',
    );
    expect(html("![](/uploads/1.png)")).toBe('<p><img src="/uploads/1.png" alt="" loading="lazy" /></p>\n');
  });

  it("allows an image inside a link", () => {
    expect(html("[![logo](/logo.png)](https://example.com)")).toBe(
      '<p><a href="https://example.com" rel="nofollow ugc noopener" target="_blank"><img src="/logo.png" alt="logo" loading="lazy" /></a></p>\n',
    );
  });
});

describe("cookMarkdown: mentions", () => {
  it("links @username to the user's page with a lower-cased, encoded href", () => {
    const cooked = cookMarkdown("Hi @Alice and @bob.smith-2_x");
    expect(cooked.html).toBe(
      '<p>Hi <a href="/u/alice" class="mention">@Alice</a> and <a href="/u/bob.smith-2_x" class="mention">@bob.smith-2_x</a></p>\n',
    );
    expect(cooked.mentions).toEqual(["alice", "bob.smith-2_x"]);
  });

  it("deduplicates mentions case-insensitively, in order", () => {
    expect(cookMarkdown("@carol @alice @ALICE @Carol").mentions).toEqual(["carol", "alice"]);
  });

  it("stops at punctuation after the name", () => {
    const cooked = cookMarkdown("thanks @alice, and @bob. (@carol) @dave's 「@erin」");
    expect(cooked.mentions).toEqual(["alice", "bob", "carol", "dave", "erin"]);
    expect(cooked.html).toContain('<a href="/u/bob" class="mention">@bob</a>.');
    expect(cooked.html).toContain('<a href="/u/alice" class="mention">@alice</a>,');
  });

  it("is a mention directly after Japanese text and before it", () => {
    const cooked = cookMarkdown("こんにちは@alice さん、@bobさん");
    expect(cooked.mentions).toEqual(["alice", "bob"]);
    expect(cooked.html).toBe(
      '<p>こんにちは<a href="/u/alice" class="mention">@alice</a> さん、<a href="/u/bob" class="mention">@bob</a>さん</p>\n',
    );
  });

  it("does not treat e-mail addresses as mentions", () => {
    const cooked = cookMarkdown("write to bob@example.com or foo_@alice or x@bob");
    expect(cooked.mentions).toEqual([]);
    expect(cooked.html).not.toContain("mention");
    expect(cookMarkdown("@alice@example.com").mentions).toEqual([]);
  });

  it("is not a mention when the name runs into a letter", () => {
    expect(cookMarkdown("@aliceé @café").mentions).toEqual([]);
  });

  it("ignores names that are too short, too long or start with punctuation", () => {
    expect(cookMarkdown("@a @_alice @.bob @-carol").mentions).toEqual([]);
    expect(cookMarkdown(`@${"a".repeat(31)}`).mentions).toEqual([]);
    expect(cookMarkdown(`@${"a".repeat(30)}`).mentions).toEqual(["a".repeat(30)]);
    expect(cookMarkdown("@ab").mentions).toEqual(["ab"]);
  });

  it("ignores mentions in code spans, code blocks and links", () => {
    const cooked = cookMarkdown("`@alice`\n\n```\n@bob\n```\n\n    @carol\n\n[@dave](https://example.com) https://example.com/@erin");
    expect(cooked.mentions).toEqual([]);
    expect(cooked.html).not.toContain('class="mention"');
  });

  it("ignores an escaped @", () => {
    expect(cookMarkdown("\\@alice").mentions).toEqual([]);
  });

  it("works inside emphasis, headings, lists and tables", () => {
    const cooked = cookMarkdown("**@alice**\n\n# @bob\n\n- @carol\n\n| h |\n|---|\n| @dave |");
    expect(cooked.mentions).toEqual(["alice", "bob", "carol", "dave"]);
    expect(cooked.html).toContain('<strong><a href="/u/alice" class="mention">@alice</a></strong>');
  });

  it("leaves unknown users as plain text when mentionExists is given", () => {
    const asked: string[] = [];
    const cooked = cookMarkdown("@Alice @bob @ALICE", {
      mentionExists: (name) => {
        asked.push(name);
        return name === "bob";
      },
    });
    expect(cooked.html).toBe('<p>@Alice <a href="/u/bob" class="mention">@bob</a> @ALICE</p>\n');
    expect(cooked.mentions).toEqual(["bob"]);
    expect(asked).toEqual(["alice", "bob"]);
  });
});

describe("cookMarkdown: quotes", () => {
  it("renders a quote of another post and collects its id", () => {
    const cooked = cookMarkdown("> [quote=alice post=123]\n> quoted **text**\n\nmy reply");
    expect(cooked.html).toBe(
      '<aside class="quote" data-post-id="123"><div class="quote-title"><a href="/p/123">@alice</a></div><blockquote>\n' +
        "<p>quoted <strong>text</strong></p>\n" +
        "</blockquote></aside>\n" +
        "<p>my reply</p>\n",
    );
    expect(cooked.quotedPostIds).toEqual([123]);
  });

  it("keeps Markdown inside the quote", () => {
    const cooked = cookMarkdown("> [quote=alice post=5]\n> - item **bold** [link](/t/1)\n>\n> ```\n> code\n> ```");
    expect(cooked.html).toContain('<aside class="quote" data-post-id="5">');
    expect(cooked.html).toContain('<li>item <strong>bold</strong> <a href="/t/1">link</a></li>');
    expect(cooked.html).toContain("<pre><code>code\n</code></pre>");
    expect(cooked.html).not.toContain("[quote=");
  });

  it("does not link or count mentions inside a quote and leaves the quote out of the text", () => {
    const cooked = cookMarkdown("> [quote=alice post=7]\n> hi @bob\n\nthanks @carol");
    expect(cooked.mentions).toEqual(["carol"]);
    expect(cooked.html).toContain("<p>hi @bob</p>");
    // An ordinary blockquote is the author's own text: mentions count there.
    expect(cookMarkdown("> hi @bob").mentions).toEqual(["bob"]);
    expect(cooked.text).toBe("thanks @carol");
  });

  it("handles a quote with no content and nested quotes", () => {
    expect(cookMarkdown("> [quote=alice post=1]\n\nafter").quotedPostIds).toEqual([1]);
    const nested = cookMarkdown("> [quote=alice post=1]\n> > [quote=bob post=2]\n> > inner\n>\n> outer\n\n> [quote=carol post=1]\n> again");
    expect(nested.quotedPostIds).toEqual([1, 2]);
    expect(nested.html.match(/<aside class="quote"/g)).toHaveLength(3);
    expect(nested.html.match(/<\/aside>/g)).toHaveLength(3);
  });

  it("leaves malformed quote markers as ordinary blockquotes with the text visible", () => {
    for (const marker of [
      "[quote=alice post=12a]",
      "[quote=alice post=]",
      "[quote=alice post=0]",
      "[quote=al<ice post=5]",
      "[quote=alice post=5] extra",
      "[quote=a post=5]",
      "[quote=alice]",
      "[QUOTE=alice POST=5]",
    ]) {
      const cooked = cookMarkdown(`> ${marker}\n> body`);
      expect(cooked.html.startsWith("<blockquote>")).toBe(true);
      expect(cooked.html).not.toContain("<aside");
      expect(cooked.quotedPostIds).toEqual([]);
      expect(cooked.text).toContain("body");
    }
    expect(html("> [quote=al<ice post=5]\n> x")).toBe("<blockquote>\n<p>[quote=al&lt;ice post=5]<br />\nx</p>\n</blockquote>\n");
  });

  it("only treats the marker as a quote on the first line of a blockquote", () => {
    expect(cookMarkdown("> hello\n> [quote=alice post=5]").quotedPostIds).toEqual([]);
    expect(cookMarkdown("[quote=alice post=5]\n> text").quotedPostIds).toEqual([]);
  });
});

describe("cookMarkdown: text", () => {
  it("is plain text with markup removed and whitespace collapsed", () => {
    const cooked = cookMarkdown(
      "# Title\n\nSome **bold** and [a link](https://example.com)  here.\nNext line\n\n- one\n- two\n\n```\ncode  block\n```\n\n![猫](/c.png)",
    );
    expect(cooked.text).toBe("Title Some bold and a link here. Next line one two code block 猫");
  });

  it("keeps raw HTML as literal text", () => {
    expect(cookMarkdown("a <b>c</b> &amp; d").text).toBe("a <b>c</b> & d");
  });
});

describe("excerpt", () => {
  it("returns short text unchanged (whitespace collapsed)", () => {
    expect(excerpt("hello  world\n")).toBe("hello world");
    expect(excerpt("")).toBe("");
    expect(excerpt("exactly ten", 11)).toBe("exactly ten");
  });

  it("cuts Latin text at a space and appends an ellipsis", () => {
    expect(excerpt("The quick brown fox jumps over the lazy dog", 20)).toBe("The quick brown fox…");
    expect(excerpt("The quick brown fox jumps over the lazy dog", 20).length).toBeLessThanOrEqual(20);
  });

  it("cuts inside a very long word rather than losing most of the text", () => {
    expect(excerpt(`a ${"x".repeat(50)}`, 10)).toBe(`a ${"x".repeat(7)}…`);
  });

  it("cuts CJK text at any character", () => {
    expect(excerpt("日本語の文章です。".repeat(5), 10)).toBe("日本語の文章です。…");
    expect(excerpt("あいうえおかきくけこさしすせそ", 6)).toBe("あいうえお…");
  });

  it("never splits surrogate pairs or emoji sequences", () => {
    expect(excerpt("😀".repeat(30), 10)).toBe(`${"😀".repeat(9)}…`);
    expect(excerpt("𠮷".repeat(30), 5)).toBe(`${"𠮷".repeat(4)}…`);
    const family = "👨‍👩‍👧";
    expect(excerpt(family.repeat(10), 4)).toBe(`${family.repeat(3)}…`);
  });

  it("uses 200 characters by default", () => {
    const out = excerpt("あ".repeat(500));
    expect([...out]).toHaveLength(200);
    expect(out.endsWith("…")).toBe(true);
  });
});

describe("cookMarkdown: media", () => {
  it("gives uploaded images their size and smaller copies, and collects the uploads a post uses", () => {
    const known = { width: 1600, height: 900, variants: [480, 1200] };
    const c = cookMarkdown("![Dashboard](/uploads/abcdefgh1234/dash.png)\n\n[manual.pdf](/uploads/zyxwvuts9876/manual.pdf)", { upload: (k) => (k === "abcdefgh1234" ? known : undefined) });
    expect(c.uploadKeys).toEqual(["abcdefgh1234", "zyxwvuts9876"]);
    expect(c.html).toContain('width="1600" height="900"');
    expect(c.html).toContain('srcset="/uploads/abcdefgh1234/dash.png?w=480 480w, /uploads/abcdefgh1234/dash.png?w=1200 1200w, /uploads/abcdefgh1234/dash.png 1600w"');
    expect(c.html).toContain('loading="lazy"');
  });

  it("turns a YouTube or Vimeo link alone on its line into an embed that loads nothing from the host", () => {
    const c = cookMarkdown("Watch this:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://vimeo.com/76979871\n\nAnd inline https://youtu.be/dQw4w9WgXcQ stays a link.");
    expect(c.html).toContain('<div class="video-embed" data-provider="youtube" data-video-id="dQw4w9WgXcQ"><a class="video-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(c.html).toContain('data-provider="vimeo" data-video-id="76979871"');
    expect(c.html).not.toContain("<iframe");
    expect(c.html).not.toContain("img.youtube.com");
    expect(c.html).toContain('And inline <a href="https://youtu.be/dQw4w9WgXcQ"');
    expect(c.previewUrls).toEqual([]);
  });

  it("offers a link alone on its line for a preview card, and shows the card once a preview is known, escaped", () => {
    const plain = cookMarkdown("https://example.com/guide\n\nSee https://example.com/inline too.");
    expect(plain.previewUrls).toEqual(["https://example.com/guide"]);
    expect(plain.html).toContain('<a href="https://example.com/guide"');
    const card = cookMarkdown("https://example.com/guide", { preview: () => ({ title: "Guide <b>1</b>", description: "How to \"start\"", siteName: "Example" }) });
    expect(card.html).toContain('<aside class="onebox"><a class="onebox-link" href="https://example.com/guide"');
    expect(card.html).toContain('<span class="onebox-title">Guide &lt;b&gt;1&lt;/b&gt;</span>');
    expect(card.html).not.toContain("<b>");
  });
});
