import type { ComponentChildren } from "preact";
import { Csrf } from "../../src/render/components/common.js";
import { useUi } from "../../src/render/ui.js";

/** Header with navigation, search and the account menu; footer with language and colour scheme. */
export function Shell({ children }: { children: ComponentChildren }) {
  const ui = useUi();
  const { t, viewer, site, path, hooks } = ui;
  return (
    <>
      <a class="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header class="site-header">
        <div class="container header-inner">
          <a class="brand" href="/">
            {site.name}
          </a>
          <details class="nav-menu">
            <summary aria-label={t("nav.menu")}>
              <span class="burger" aria-hidden="true" />
              <span class="visually-hidden">{t("nav.menu")}</span>
            </summary>
            <nav class="main-nav" aria-label={t("nav.main")}>
              <a href="/latest" aria-current={path.startsWith("/latest") ? "page" : undefined}>{t("nav.latest")}</a>
              <a href="/unanswered" aria-current={path.startsWith("/unanswered") ? "page" : undefined}>{t("nav.unanswered")}</a>
              <a href="/top" aria-current={path.startsWith("/top") ? "page" : undefined}>{t("nav.top")}</a>
              <a href="/categories" aria-current={path.startsWith("/categories") ? "page" : undefined}>{t("nav.categories")}</a>
              <a href="/tags" aria-current={path.startsWith("/tags") ? "page" : undefined}>{t("nav.tags")}</a>
            </nav>
          </details>
          <form class="header-search" action="/search" method="get" role="search">
            <label class="visually-hidden" for="header-q">
              {t("search.label")}
            </label>
            <input id="header-q" type="search" name="q" placeholder={t("search.placeholder")} />
          </form>
          <div class="account-menu">
            {viewer ? (
              <>
                <a class="button button-primary button-small" href="/new-topic">
                  {t("nav.newTopic")}
                </a>
                <a class="notifications-link" href="/notifications" aria-label={t("nav.notificationsCount", { count: viewer.unreadNotifications })}>
                  <span aria-hidden="true">🔔</span>
                  {viewer.unreadNotifications > 0 ? <span class="count">{viewer.unreadNotifications}</span> : null}
                </a>
                <details class="user-dropdown">
                  <summary>{viewer.name || viewer.username}</summary>
                  <div class="dropdown-panel">
                    <a href={`/u/${encodeURIComponent(viewer.username)}`}>{t("nav.profile")}</a>
                    <a href="/settings">{t("nav.settings")}</a>
                    {viewer.isAdmin ? <a href="/admin">{t("nav.admin")}</a> : null}
                    <form method="post" action="/logout">
                      <Csrf />
                      <button type="submit" class="link-button">
                        {t("nav.logout")}
                      </button>
                    </form>
                  </div>
                </details>
              </>
            ) : (
              <>
                <a href={`/login?next=${encodeURIComponent(path)}`}>{t("nav.login")}</a>
                <a class="button button-primary button-small" href="/signup">
                  {t("nav.signup")}
                </a>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" class="container">
        {children}
      </main>
      <footer class="site-footer">
        <div class="container footer-inner">
          <form method="post" action="/preferences/locale" class="locale-switcher">
            <Csrf />
            <input type="hidden" name="next" value={path} />
            <span class="visually-hidden">{t("footer.language")}</span>
            <button type="submit" name="locale" value="ja" lang="ja" aria-pressed={ui.locale === "ja" ? "true" : "false"}>
              日本語
            </button>
            <button type="submit" name="locale" value="en" lang="en" aria-pressed={ui.locale === "en" ? "true" : "false"}>
              English
            </button>
          </form>
          <form method="post" action="/preferences/scheme" class="scheme-switcher">
            <Csrf />
            <input type="hidden" name="next" value={path} />
            <button type="submit" name="scheme" value="light">{t("footer.light")}</button>
            <button type="submit" name="scheme" value="dark">{t("footer.dark")}</button>
            <button type="submit" name="scheme" value="auto">{t("footer.auto")}</button>
          </form>
          <p class="powered">{t("footer.powered")}</p>
          {hooks.renderSlot("layout.footer", {})}
        </div>
      </footer>
    </>
  );
}
