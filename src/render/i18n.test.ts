import { describe, expect, it } from "vitest";
import { addLocaleBundle, translator } from "./i18n.js";

describe("translator", () => {
  it("gives the same strings from memory as from i18next, per value and plural form", () => {
    const en = translator("en");
    const ja = translator("ja");
    for (let round = 0; round < 2; round++) {
      expect(en("nav.notificationsCount", { count: 1 })).toBe("1 unread notification");
      expect(en("nav.notificationsCount", { count: 3 })).toBe("3 unread notifications");
      expect(en("pager.pageOf", { page: 2, count: 9 })).toBe("Page 2 of 9");
      expect(en("pager.pageOf", { page: "2", count: 9 })).toBe("Page 2 of 9");
      expect(ja("pager.pageOf", { page: 2, count: 9 })).not.toBe(en("pager.pageOf", { page: 2, count: 9 }));
    }
  });

  it("looks up anew after a bundle is added, and passes options it cannot remember through", () => {
    const en = translator("en");
    addLocaleBundle("test-memo", { en: { hello: "Hello {{name}}" }, ja: { hello: "こんにちは {{name}}" } });
    expect(en("test-memo:hello", { name: "Emma" })).toBe("Hello Emma");
    addLocaleBundle("test-memo", { en: { hello: "Hi {{name}}" }, ja: { hello: "やあ {{name}}" } });
    expect(en("test-memo:hello", { name: "Emma" })).toBe("Hi Emma");
    expect(translator("ja")("test-memo:hello", { name: "Emma" })).toBe("やあ Emma");
    // A nested value is not remembered, and still interpolates.
    expect(en("test-memo:hello", { name: "Emma", extra: { x: 1 } })).toBe("Hi Emma");
  });
});
