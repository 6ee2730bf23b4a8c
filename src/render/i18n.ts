import fs from "node:fs";
import path from "node:path";
import i18next, { type Resource, type TFunction } from "i18next";
import { LOCALES, type Locale } from "../domain/community/types.js";
import { rootDir } from "../lib/paths.js";

export type T = TFunction;

/** Every locales/<lang>/<namespace>.json file, read once at start-up. */
function loadResources(): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of LOCALES) {
    const dir = path.join(rootDir, "locales", lng);
    resources[lng] = {};
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      resources[lng][file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    }
  }
  return resources;
}

const resources = loadResources();
const instance = i18next.createInstance();
void instance.init({
  resources: resources as Resource,
  lng: "en",
  fallbackLng: false,
  supportedLngs: [...LOCALES],
  ns: Object.keys(resources.en),
  defaultNS: "common",
  // Preact escapes everything it renders; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Adds a namespace of strings in both languages (plugins use `plugin.<name>`). */
export function addLocaleBundle(ns: string, bundles: Record<Locale, Record<string, unknown>>): void {
  for (const lng of LOCALES) instance.addResourceBundle(lng, ns, bundles[lng] ?? {}, true, true);
  for (const m of memo.values()) m.clear();
}

/**
 * A page asks for hundreds of strings, most of them plain keys or keys with a few plain values
 * ("#{{n}}", "{{count}} replies"): those are looked up in i18next once per locale and remembered
 * (strings change only when a bundle is added). Options holding anything but strings and numbers
 * always go to i18next; the memo is emptied when it grows past MEMO_MAX entries.
 */
const memo = new Map<Locale, Map<string, string>>(LOCALES.map((l) => [l, new Map()]));
const MEMO_MAX = 20_000;
/** Longest memo key; longer option values (a title, a body) are not worth remembering. */
const MEMO_KEY_MAX = 160;

function memoKey(key: unknown, rest: unknown[]): string | null {
  if (typeof key !== "string") return null;
  if (rest.length === 0) return key;
  const opts = rest[0];
  if (rest.length > 1 || typeof opts !== "object" || opts === null || Array.isArray(opts)) return null;
  let k = key;
  for (const [name, value] of Object.entries(opts)) {
    if (typeof value !== "string" && typeof value !== "number") return null;
    k += `\u0000${name}\u0000${typeof value === "number" ? "n" : "s"}${value}`;
    if (k.length > MEMO_KEY_MAX) return null;
  }
  return k;
}

function memoized(locale: Locale): T {
  const base = instance.getFixedT(locale);
  const seen = memo.get(locale)!;
  const t = (key: unknown, ...rest: unknown[]) => {
    const k = memoKey(key, rest);
    if (k === null) return (base as unknown as (...a: unknown[]) => unknown)(key, ...rest);
    let s = seen.get(k);
    if (s === undefined) {
      s = (base as unknown as (...a: unknown[]) => string)(key, ...rest);
      if (seen.size >= MEMO_MAX) seen.clear();
      seen.set(k, s);
    }
    return s;
  };
  return Object.assign(t, base) as unknown as T;
}

const fixed = new Map<Locale, T>(LOCALES.map((l) => [l, memoized(l)]));

/** The translate function for a locale. Keys are `key` (common namespace) or `ns:key`. */
export const translator = (locale: Locale): T => fixed.get(locale)!;

/** Namespaced strings for the browser bundle (only what islands need). */
export function clientStrings(locale: Locale): Record<string, unknown> {
  return (resources[locale].client as Record<string, unknown>) ?? {};
}

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/**
 * The UI language: the user's own setting, else the switcher's cookie, else the best match in
 * Accept-Language, else the community default.
 */
export function pickLocale(opts: { user?: string | null; cookie?: string; acceptLanguage?: string; fallback: Locale }): Locale {
  if (isLocale(opts.user)) return opts.user;
  if (isLocale(opts.cookie)) return opts.cookie;
  const header = opts.acceptLanguage;
  if (header) {
    const prefs = header
      .split(",")
      .map((part) => {
        const [tag, ...params] = part.trim().split(";");
        const q = params.find((p) => p.trim().startsWith("q="));
        return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((p) => p.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const p of prefs) if (isLocale(p.lang)) return p.lang;
  }
  return opts.fallback;
}
