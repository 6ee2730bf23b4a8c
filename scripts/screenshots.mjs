// Screenshots of every theme, for looking at: starts Hiroba on a temporary DATA_DIR, completes
// setup, creates a demo community through the HTTP API, then photographs the home, category
// index, category and topic pages in each theme × {ja, en} × {desktop 1280, phone 390} ×
// {light, dark}, plus the signed-in home and topic, and the footer's dark toggle.
//
//   node scripts/screenshots.mjs [--out DIR] [--theme bbs] [--locale ja] [--width phone]
//                                [--scheme dark] [--page topic] [--no-build] [--keep] [--data DIR]
//
// Needs Debian's /usr/bin/chromium (+ fonts-ipafont-gothic for Japanese). Output defaults to
// .test-artifacts/screenshots (git-ignored); file names are <theme>-<page>-<locale>-<width>-<scheme>.png.
/* global fetch, URLSearchParams, setTimeout, document, window */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { chromium } from "playwright-core";
import { ADMIN, CATEGORIES, TOPICS, USERS } from "./screenshot-content.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: opt } = parseArgs({
  options: {
    out: { type: "string", default: path.join(root, ".test-artifacts", "screenshots") },
    theme: { type: "string", multiple: true },
    locale: { type: "string", multiple: true },
    width: { type: "string", multiple: true },
    scheme: { type: "string", multiple: true },
    page: { type: "string", multiple: true },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    data: { type: "string" },
  },
});
const pick = (all, chosen) => (chosen?.length ? all.filter((x) => chosen.includes(x)) : all);
const THEMES = pick(["support", "social", "bbs"], opt.theme);
const LOCALES = pick(["ja", "en"], opt.locale);
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, tablet: { width: 820, height: 1180 }, phone: { width: 390, height: 844 }, small: { width: 360, height: 740 } };
// "tablet" (820 px) and "small" (a 360 px phone) are available on request: --width tablet.
const WIDTHS = opt.width?.length ? opt.width.filter((w) => w in VIEWPORTS) : ["desktop", "phone"];
const SCHEMES = pick(["light", "dark"], opt.scheme);
const PASSWORD = "correct horse battery";

// --data DIR reuses a community made by an earlier run with --keep (much faster when iterating).
const reuse = Boolean(opt.data && fs.existsSync(path.join(opt.data, "demo.json")));
const dataDir = reuse ? path.resolve(opt.data) : fs.mkdtempSync(path.join(os.tmpdir(), "hiroba-shots-"));
fs.mkdirSync(opt.out, { recursive: true });

async function freePort() {
  for (let port = 4100 + Math.floor(Math.random() * 800); port < 5000; port++) {
    const free = await new Promise((resolve) => {
      const s = net.createServer().once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("no free port in 4100-4999");
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", BASE_URL: base, LOG_LEVEL: "warn", RATE_LIMIT_FACTOR: "10000" };

/** Starts the built server and waits for /healthz. */
async function startServer() {
  const child = spawn(process.execPath, ["dist/main.js"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 150));
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
  }
  child.kill();
  throw new Error("server did not start");
}

async function stopServer(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await done;
}

const cli = (...args) => execFileSync(process.execPath, ["dist/cli.js", ...args], { cwd: root, env, encoding: "utf8" }).trim();

/** Completes the setup form like a person would (CSRF cookie, then POST). */
async function completeSetup() {
  const first = await fetch(`${base}/setup`);
  const csrf = /hiroba_csrf=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1];
  if (!csrf) throw new Error("no CSRF cookie from /setup");
  const body = new URLSearchParams({ _csrf: csrf, siteName: "ひろばサポートコミュニティ", locale: "ja", username: ADMIN.username, email: "admin@example.com", password: PASSWORD });
  const res = await fetch(`${base}/setup`, { method: "POST", body, headers: { cookie: `hiroba_csrf=${csrf}` }, redirect: "manual" });
  if (res.status !== 303) throw new Error(`setup failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

async function api(key, method, url, payload) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Users, categories, topics and replies through the CLI and the JSON API; returns what to photograph. */
async function createDemo() {
  await completeSetup();
  const keys = { [ADMIN.username]: cli("apikey:create", "--username", ADMIN.username) };
  for (const u of USERS) {
    cli("user:create", "--username", u.username, "--email", `${u.username.slice(0, 30)}@example.com`, "--password", PASSWORD, ...(u.staff ? ["--staff"] : []));
    keys[u.username] = cli("apikey:create", "--username", u.username);
  }
  const { categories } = await api(keys.admin, "GET", "/api/v1/categories");
  const catIds = Object.fromEntries(categories.map((c) => [c.slug, c.id]));
  for (const c of CATEGORIES) {
    const made = await api(keys.admin, "POST", "/api/v1/categories", { name: c.name, slug: c.slug, description: c.description, color: c.color, parentId: c.parent ? catIds[c.parent] : undefined });
    catIds[c.key] = made.id;
  }
  const times = []; // [postId, minutesAgo]
  const topics = {};
  for (const tp of TOPICS) {
    const made = await api(keys[tp.by], "POST", "/api/v1/topics", { categoryId: catIds[tp.category], title: tp.title, body: tp.body, tags: tp.tags });
    topics[tp.key] = { ...tp, id: made.id, url: made.url };
    times.push([made.postId, tp.ago]);
    for (const r of tp.replies) {
      const reply = await api(keys[r.by], "POST", `/api/v1/topics/${made.id}/posts`, { body: r.body });
      times.push([reply.id, r.ago]);
    }
  }
  return { topics, times };
}

/** What the API cannot do yet, done on the stopped server's database: names, titles, times, pins, views. */
function touchUp({ topics, times }) {
  const db = new Database(path.join(dataDir, "hiroba.db"));
  const now = Date.now();
  const iso = (minutesAgo) => new Date(now - minutesAgo * 60_000).toISOString();
  db.transaction(() => {
    for (const u of [ADMIN, ...USERS]) db.prepare("UPDATE users SET name = coalesce(nullif(?, ''), username), title = ? WHERE username = ?").run(u.name, u.title, u.username);
    for (const [postId, ago] of times) db.prepare("UPDATE posts SET created_at = ?, updated_at = ? WHERE id = ?").run(iso(ago), iso(ago), postId);
    for (const tp of Object.values(topics)) {
      const last = db.prepare("SELECT user_id, created_at FROM posts WHERE topic_id = ? ORDER BY post_number DESC LIMIT 1").get(tp.id);
      db.prepare("UPDATE topics SET created_at = ?, last_posted_at = ?, last_post_user_id = ?, pinned = ?, view_count = ? WHERE id = ?").run(
        iso(tp.ago),
        last.created_at,
        last.user_id,
        tp.pinned ? 1 : 0,
        tp.views ?? 0,
        tp.id,
      );
    }
    db.prepare("UPDATE categories SET last_posted_at = (SELECT max(last_posted_at) FROM topics WHERE topics.category_id = categories.id)").run();
  })();
  db.close();
}

function setTheme(id) {
  const db = new Database(path.join(dataDir, "hiroba.db"));
  db.prepare("INSERT INTO site_settings (key, value, updated_at) VALUES ('theme', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(id), new Date().toISOString());
  db.close();
}

/** Saves a full-page screenshot and warns when the page is wider than the viewport (a layout bug). */
async function shoot(page, file) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) console.warn(`! ${path.basename(file)}: ${overflow}px wider than the viewport`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function logIn(context) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill("input[name=login]", "ichiro");
  await page.fill("input[name=password]", PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("form[action='/login'] button[type=submit]")]);
  await page.close();
}

/** The phone menu (or the desktop user menu) opened by a click with JavaScript off: <details> needs none. */
async function menuShot(themeId, locale, width, scheme) {
  const context = await browser.newContext({ viewport: VIEWPORTS[width], isMobile: width === "phone" || width === "small", colorScheme: scheme, javaScriptEnabled: false, extraHTTPHeaders: { "accept-language": locale } });
  await logIn(context);
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "load" });
  const menu = page.locator(".nav-menu > summary");
  await ((await menu.isVisible()) ? menu : page.locator(".user-dropdown > summary")).click();
  const file = path.join(opt.out, `${themeId}-menu-member-${locale}-${width}-${scheme}.png`);
  await page.screenshot({ path: file });
  await context.close();
  return file;
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

let server;
const shots = [];
try {
  if (!opt["no-build"]) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
  let demo;
  if (reuse) {
    demo = JSON.parse(fs.readFileSync(path.join(dataDir, "demo.json"), "utf8"));
  } else {
    server = await startServer();
    demo = await createDemo();
    await stopServer(server);
    server = undefined;
    touchUp(demo);
    fs.writeFileSync(path.join(dataDir, "demo.json"), JSON.stringify(demo));
  }
  const pages = {
    home: "/",
    categories: "/categories",
    category: "/c/howto",
    topic: demo.topics.release.url,
    "home-member": "/",
    "topic-member": demo.topics.installer.url,
  };
  // On request only (--page login …): forms, and the menus opened with JavaScript off.
  const extra = { login: "/login", latest: "/latest", "new-topic-member": "/new-topic", "menu-member": "/" };
  const wanted = opt.page?.length ? opt.page.filter((p) => p in pages || p in extra) : Object.keys(pages);
  Object.assign(pages, extra);
  for (const themeId of THEMES) {
    setTheme(themeId);
    server = await startServer();
    for (const locale of LOCALES) {
      for (const width of WIDTHS) {
        for (const scheme of SCHEMES) {
          const context = await browser.newContext({
            viewport: VIEWPORTS[width],
            isMobile: width === "phone" || width === "small",
            hasTouch: width === "phone" || width === "small",
            colorScheme: scheme,
            locale: locale === "ja" ? "ja-JP" : "en-US",
            extraHTTPHeaders: { "accept-language": locale === "ja" ? "ja,en;q=0.5" : "en,ja;q=0.5" },
          });
          const page = await context.newPage();
          for (const name of wanted.filter((n) => !n.endsWith("-member"))) {
            await page.goto(base + pages[name], { waitUntil: "load" });
            shots.push(await shoot(page, path.join(opt.out, `${themeId}-${name}-${locale}-${width}-${scheme}.png`)));
          }
          if (wanted.some((n) => n.endsWith("-member"))) {
            await logIn(context);
            for (const name of wanted.filter((n) => n.endsWith("-member") && n !== "menu-member")) {
              await page.goto(base + pages[name], { waitUntil: "load" });
              shots.push(await shoot(page, path.join(opt.out, `${themeId}-${name}-${locale}-${width}-${scheme}.png`)));
            }
          }
          await context.close();
          if (wanted.includes("menu-member")) shots.push(await menuShot(themeId, locale, width, scheme));
        }
      }
    }
    // The footer's toggle (a cookie → data-scheme on <html>) must win over the system preference.
    const forced = await browser.newContext({ viewport: VIEWPORTS.desktop, colorScheme: "light", extraHTTPHeaders: { "accept-language": "ja" } });
    await forced.addCookies([{ name: "hiroba_scheme", value: "dark", url: base }]);
    const page = await forced.newPage();
    await page.goto(base + "/", { waitUntil: "load" });
    const file = path.join(opt.out, `${themeId}-toggle-dark.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    await forced.close();
    await stopServer(server);
    server = undefined;
  }
} finally {
  await browser.close();
  if (server) await stopServer(server);
  if (!opt.keep && !reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.log(`data kept in ${dataDir}`);
}
console.log(`${shots.length} screenshots in ${path.relative(root, opt.out) || "."}`);
