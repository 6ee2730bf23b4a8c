import type { ComponentChildren } from "preact";
import { safeColor } from "../../src/render/components/common.js";
import { Icon } from "../../src/render/components/icons.js";
import { useUi } from "../../src/render/ui.js";
import { AccountMenu, Brand, HeaderSearch, MobileMenu, NavLinks, SiteFooter, SkipLink } from "../support/Shell.js";
import { categoryHref } from "../support/pages.js";

/** The categories the reader may see, sub-categories indented, the current one marked. */
export function CategoryNav({ id }: { id: string }) {
  const { t, categories, path } = useUi();
  if (categories.length === 0) return null;
  return (
    <nav class="category-nav" aria-labelledby={id}>
      <h2 id={id} class="side-heading">
        {t("nav.categories")}
      </h2>
      <ul>
        {categories.map((c) => {
          const href = categoryHref(c);
          const current = path === href || path.startsWith(`${href}?`);
          return (
            <li key={c.id} class={c.parentId ? "is-child" : undefined}>
              <a href={href} style={`--category-color:${safeColor(c.color)}`} aria-current={current ? "page" : undefined}>
                <span class="category-dot" aria-hidden="true" />
                {c.name}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A top bar (brand, search, account) over two columns: navigation on the left, the page on the right. */
export function Shell({ children }: { children: ComponentChildren }) {
  const { t, viewer, site } = useUi();
  return (
    <>
      <SkipLink />
      <header class="site-header">
        <div class="container header-inner">
          <MobileMenu>
            <CategoryNav id="menu-categories" />
          </MobileMenu>
          <Brand />
          <HeaderSearch />
          <AccountMenu />
        </div>
      </header>
      <div class="container social-layout">
        <aside class="social-sidebar" aria-label={t("theme:social.sidebar")}>
          {viewer ? (
            <a class="button button-primary sidebar-new-topic" href="/new-topic">
              <Icon name="plus" size={18} /> {t("nav.newTopic")}
            </a>
          ) : (
            <div class="join-card">
              <p class="join-title">{t("theme:social.joinTitle", { site: site.name })}</p>
              <p>{t("theme:social.joinLead")}</p>
              <a class="button button-primary" href="/signup">
                {t("nav.signup")}
              </a>
            </div>
          )}
          <nav class="side-nav" aria-label={t("nav.main")}>
            <NavLinks home />
          </nav>
          <CategoryNav id="side-categories" />
        </aside>
        <main id="main" class="social-main">
          {children}
        </main>
      </div>
      <SiteFooter />
    </>
  );
}
