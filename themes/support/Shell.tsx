import type { ComponentChildren } from "preact";
import { Avatar, Csrf } from "../../src/render/components/common.js";
import { Icon, type IconName } from "../../src/render/components/icons.js";
import { useUi } from "../../src/render/ui.js";

// The shell of the default theme, and the pieces every theme's shell is built from: the other
// themes import these, so a link added to the account menu or the footer appears everywhere.

/** "Skip to content": the first focusable element of every page. */
export function SkipLink() {
  const { t } = useUi();
  return (
    <a class="skip-link" href="#main">
      {t("nav.skip")}
    </a>
  );
}

/** The community's name with a letter mark. */
export function Brand() {
  const { site } = useUi();
  const mark = Array.from(site.name.trim())[0] ?? "H";
  return (
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">
        {mark}
      </span>
      <span class="brand-name">{site.name}</span>
    </a>
  );
}

/** `type`: shown only when the reader can see a category of that content type. */
const NAV: Array<{ href: string; key: string; icon: IconName; type?: string }> = [
  { href: "/latest", key: "nav.latest", icon: "clock" },
  { href: "/unanswered", key: "nav.unanswered", icon: "question" },
  { href: "/top", key: "nav.top", icon: "trending" },
  { href: "/categories", key: "nav.categories", icon: "grid" },
  { href: "/tags", key: "nav.tags", icon: "tag" },
  { href: "/ideas", key: "ideas:board.title", icon: "idea", type: "idea" },
  { href: "/products", key: "reviews:products.title", icon: "star", type: "review" },
  { href: "/events", key: "events:list.title", icon: "calendar", type: "event" },
  { href: "/surveys", key: "surveys:title", icon: "poll" },
];

/** The main navigation links (latest, unanswered, top, categories, tags, ideas, products, events, surveys), current page marked. */
export function NavLinks({ home = false }: { home?: boolean }) {
  const { t, path, contentTypes } = useUi();
  const current = (href: string) => (href === "/" ? path === "/" || path.startsWith("/?") : path === href || path.startsWith(`${href}?`) || path.startsWith(`${href}/`));
  const offered = NAV.filter((l) => !l.type || contentTypes.has(l.type));
  const links = home ? [{ href: "/", key: "theme:nav.home", icon: "home" as IconName }, ...offered] : offered;
  return (
    <>
      {links.map((l) => (
        <a key={l.href} href={l.href} aria-current={current(l.href) ? "page" : undefined}>
          <Icon name={l.icon} size={18} />
          <span>{t(l.key)}</span>
        </a>
      ))}
    </>
  );
}

/** The search box of the header. */
export function HeaderSearch() {
  const { t } = useUi();
  return (
    <form class="header-search" action="/search" method="get" role="search">
      <label class="visually-hidden" for="header-q">
        {t("search.label")}
      </label>
      <Icon name="search" size={18} />
      <input id="header-q" type="search" name="q" placeholder={t("search.placeholder")} />
    </form>
  );
}

/**
 * The phone menu: a <details> so it opens without JavaScript. It repeats the navigation (the
 * header's own nav is hidden on phones) and, for visitors, the sign-up link.
 */
export function MobileMenu({ children }: { children?: ComponentChildren }) {
  const { t, viewer, path } = useUi();
  return (
    <details class="nav-menu">
      <summary>
        <Icon name="menu" size={22} label={t("nav.menu")} />
      </summary>
      <div class="nav-menu-panel">
        <nav class="menu-nav" aria-label={t("nav.main")}>
          <NavLinks home />
        </nav>
        {children}
        {viewer ? null : (
          <div class="menu-account">
            <a class="button" href={`/login?next=${encodeURIComponent(path)}`}>
              {t("nav.login")}
            </a>
            <a class="button button-primary" href="/signup">
              {t("nav.signup")}
            </a>
          </div>
        )}
      </div>
    </details>
  );
}

/** New topic, notifications and the user menu; or log in / sign up for visitors. */
export function AccountMenu({ newTopic = true }: { newTopic?: boolean }) {
  const { t, viewer, path } = useUi();
  if (!viewer) {
    return (
      <div class="account-menu">
        <a class="login-link" href={`/login?next=${encodeURIComponent(path)}`}>
          {t("nav.login")}
        </a>
        <a class="button button-primary button-small signup-link" href="/signup">
          {t("nav.signup")}
        </a>
      </div>
    );
  }
  return (
    <div class="account-menu">
      {newTopic ? (
        <a class="button button-primary button-small new-topic-link" href="/new-topic">
          <Icon name="plus" size={16} />
          <span class="button-label">{t("nav.newTopic")}</span>
        </a>
      ) : null}
      <a class="notifications-link" href="/notifications" aria-label={t("nav.notificationsCount", { count: viewer.unreadNotifications })}>
        <Icon name="bell" size={20} />
        {viewer.unreadNotifications > 0 ? <span class="count">{viewer.unreadNotifications}</span> : null}
      </a>
      <details class="user-dropdown">
        <summary aria-label={t("theme:nav.account", { name: viewer.name || viewer.username })}>
          <Avatar user={viewer} size={30} />
          <span class="user-dropdown-name">{viewer.name || viewer.username}</span>
          <Icon name="chevronDown" size={14} />
        </summary>
        <div class="dropdown-panel">
          <a href={`/u/${encodeURIComponent(viewer.username)}`}>
            <Icon name="user" /> {t("nav.profile")}
          </a>
          <a href="/settings">
            <Icon name="settings" /> {t("nav.settings")}
          </a>
          {viewer.isAdmin ? (
            <a href="/admin">
              <Icon name="shield" /> {t("nav.admin")}
            </a>
          ) : null}
          <form method="post" action="/logout">
            <Csrf />
            <button type="submit" class="link-button">
              <Icon name="logout" /> {t("nav.logout")}
            </button>
          </form>
        </div>
      </details>
    </div>
  );
}

/** Language and colour-scheme switchers (plain forms), and the plugin footer slot. */
export function SiteFooter() {
  const ui = useUi();
  const { t, path, hooks, site, scheme } = ui;
  const schemes: Array<{ value: "light" | "dark" | "auto"; icon: IconName }> = [
    { value: "light", icon: "sun" },
    { value: "dark", icon: "moon" },
    { value: "auto", icon: "monitor" },
  ];
  return (
    <footer class="site-footer">
      <div class="container footer-inner">
        <p class="footer-site">{site.name}</p>
        <form method="post" action="/preferences/locale" class="switcher locale-switcher">
          <Csrf />
          <input type="hidden" name="next" value={path} />
          <span class="switcher-label" id="footer-language">
            <Icon name="globe" /> {t("footer.language")}
          </span>
          <span class="segmented" role="group" aria-labelledby="footer-language">
            <button type="submit" name="locale" value="ja" lang="ja" aria-pressed={ui.locale === "ja" ? "true" : "false"}>
              日本語
            </button>
            <button type="submit" name="locale" value="en" lang="en" aria-pressed={ui.locale === "en" ? "true" : "false"}>
              English
            </button>
          </span>
        </form>
        <form method="post" action="/preferences/scheme" class="switcher scheme-switcher">
          <Csrf />
          <input type="hidden" name="next" value={path} />
          <span class="switcher-label" id="footer-scheme">
            {t("theme:footer.scheme")}
          </span>
          <span class="segmented" role="group" aria-labelledby="footer-scheme">
            {schemes.map((s) => (
              <button key={s.value} type="submit" name="scheme" value={s.value} aria-pressed={scheme === s.value ? "true" : "false"}>
                <Icon name={s.icon} size={14} /> {t(`footer.${s.value}`)}
              </button>
            ))}
          </span>
        </form>
        <p class="powered">{t("footer.powered")}</p>
        {hooks.renderSlot("layout.footer", {})}
      </div>
    </footer>
  );
}

/** Header with navigation, search and the account menu; footer with language and colour scheme. */
export function Shell({ children }: { children: ComponentChildren }) {
  const { t } = useUi();
  return (
    <>
      <SkipLink />
      <header class="site-header">
        <div class="container header-inner">
          <MobileMenu />
          <Brand />
          <HeaderSearch />
          <AccountMenu />
        </div>
        <div class="site-nav">
          <nav class="container main-nav" aria-label={t("nav.main")}>
            <NavLinks />
          </nav>
        </div>
      </header>
      <main id="main" class="container site-main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
