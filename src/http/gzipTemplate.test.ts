import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { fillGzip, gzipTemplate } from "./gzipTemplate.js";

describe("gzip templates", () => {
  const cases: string[][] = [
    ["<html>", "</html>"],
    ["only one part"],
    ["", ""],
    ["x", "", "y", ""],
    ["<p>日本語のテキストと English text</p>".repeat(2000), "<meta>", "末尾".repeat(5000)],
  ];

  it.each(cases.map((parts) => [parts.length, parts] as const))("joins %i parts into one valid gzip member", async (_n, parts) => {
    const template = gzipTemplate(parts);
    for (const joint of ["token_Abc-123_xyzXYZ0987", "t"]) {
      const gzipped = fillGzip(template, joint);
      // gunzip checks the CRC-32 and length in the trailer, so a wrong combination fails here.
      expect(zlib.gunzipSync(gzipped).toString()).toBe(parts.join(joint));
      expect(gzipped.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    }
  });

  it("takes the parts as bytes too (views into one buffer, as the page cache passes them)", () => {
    const bytes = Buffer.from("<head>日本語</head>TOKEN<body>本文</body>");
    const at = bytes.indexOf("TOKEN");
    const template = gzipTemplate([bytes.subarray(0, at), bytes.subarray(at + 5)]);
    expect(zlib.gunzipSync(fillGzip(template, "abc")).toString()).toBe("<head>日本語</head>abc<body>本文</body>");
  });

  it("keeps a large page at a fraction of its size", async () => {
    const page = Array.from({ length: 400 }, (_, i) => `<article id="p${i}"><h2>返信 ${i}</h2><p>設定画面から通知を確認してください。</p></article>`).join("");
    const template = gzipTemplate([page.slice(0, 300), page.slice(300, 20000), page.slice(20000)]);
    expect(template.bytes).toBeLessThan(Buffer.byteLength(page) / 5);
  });
});
