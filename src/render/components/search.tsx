import type { SearchResult, SearchResults } from "../../domain/search/types.js";
import { useUi } from "../ui.js";
import { Avatar, CategoryBadge, Pager, Time, UserLink } from "./common.js";

/** What the search page shows: the form as the reader filled it in, and results when there was a query. */
export interface SearchView {
  q: string;
  categoryId: number | null;
  titlesOnly: boolean;
  /** Categories the reader may search in, parents before their children. */
  categories: Array<{ id: number; name: string; child: boolean }>;
  results: SearchResults | null;
  /** A translated problem with the query (no searchable words, unknown category). */
  error?: string;
  /** Link base for pagination (carries q and the filters). */
  base: string;
  /** The same query without filters, offered when a filtered search finds nothing. */
  unfilteredHref: string | null;
  canCreateTopic: boolean;
}

/** The search page: a form that keeps the query and filters, then results or an empty state. */
export function SearchPage({ view }: { view: SearchView }) {
  const { t } = useUi();
  return (
    <section class="search-page">
      <h1>{view.q.trim() ? t("search:titleWithQuery", { q: view.q.trim() }) : t("search:title")}</h1>
      <SearchForm view={view} />
      {view.error ? (
        <p class="alert alert-error search-error" role="alert">
          {view.error}
        </p>
      ) : null}
      {view.results ? <SearchResultList view={view} results={view.results} /> : view.error ? null : <p class="search-intro">{t("search:intro")}</p>}
    </section>
  );
}

function SearchForm({ view }: { view: SearchView }) {
  const { t } = useUi();
  return (
    <form class="search-form" action="/search" method="get" role="search">
      <div class="search-form-main">
        <label class="visually-hidden" for="search-q">
          {t("search:label")}
        </label>
        <input id="search-q" type="search" name="q" value={view.q} maxLength={500} placeholder={t("search:placeholder")} autofocus={!view.q} />
        <button type="submit" class="button button-primary">
          {t("search:submit")}
        </button>
      </div>
      <fieldset class="search-filters">
        <legend class="visually-hidden">{t("search:filters")}</legend>
        <label class="search-filter">
          <span>{t("search:category")}</span>
          <select name="category">
            <option value="">{t("search:allCategories")}</option>
            {view.categories.map((c) => (
              <option key={c.id} value={String(c.id)} selected={c.id === view.categoryId}>
                {c.child ? `\u3000${c.name}` : c.name}
              </option>
            ))}
          </select>
        </label>
        <label class="search-filter search-filter-check">
          <input type="checkbox" name="in" value="title" checked={view.titlesOnly} />
          <span>{t("search:titlesOnly")}</span>
        </label>
      </fieldset>
    </form>
  );
}

function SearchResultList({ view, results }: { view: SearchView; results: SearchResults }) {
  const { t, fmt } = useUi();
  if (results.results.length === 0 && results.page === 1) return <NoResults view={view} />;
  const count = results.totalCapped
    ? t("search:countCapped", { formatted: fmt.number(results.total) })
    : t("search:count", { count: results.total, formatted: fmt.number(results.total) });
  const pageCount = results.totalCapped ? undefined : Math.max(1, Math.ceil(results.total / results.perPage));
  return (
    <div class="search-results-block">
      <p class="search-count" role="status">
        {count}
      </p>
      <ol class="search-results" aria-label={t("search:results")} start={(results.page - 1) * results.perPage + 1}>
        {results.results.map((r) => (
          <SearchResultItem key={r.postId} result={r} />
        ))}
      </ol>
      <Pager base={view.base} page={results.page} hasMore={results.hasMore} pageCount={pageCount} />
    </div>
  );
}

/** One result: title (matches marked), where and by whom, and the snippet. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const { t } = useUi();
  return (
    <li class="search-result" data-post-id={result.postId}>
      {/* titleHtml and snippetHtml are built by domain/search/snippet.ts: escaped text plus <mark> only. */}
      <h2 class="search-result-title">
        <a href={result.url} dangerouslySetInnerHTML={{ __html: result.titleHtml }} />
      </h2>
      <div class="search-result-meta">
        <CategoryBadge category={result.category} />
        {result.postNumber > 1 ? <span class="search-result-reply">{t("search:reply", { number: result.postNumber })}</span> : null}
        <span class="search-result-author">
          <Avatar user={result.author} size={20} />
          <UserLink user={result.author} />
        </span>
        <Time date={result.createdAt} />
      </div>
      <p class="search-result-snippet" dangerouslySetInnerHTML={{ __html: result.snippetHtml }} />
    </li>
  );
}

function NoResults({ view }: { view: SearchView }) {
  const { t } = useUi();
  const q = view.q.trim();
  return (
    <div class="search-empty" role="status">
      <p class="search-empty-title">{view.titlesOnly ? t("search:noResultsTitles", { q }) : t("search:noResults", { q })}</p>
      <h2 class="search-empty-subtitle">{t("search:suggestionsTitle")}</h2>
      <ul class="search-suggestions">
        <li>{t("search:suggestSpelling")}</li>
        <li>{t("search:suggestSpaces")}</li>
        <li>{t("search:suggestGeneral")}</li>
        {view.unfilteredHref ? (
          <li>
            <a href={view.unfilteredHref}>{t("search:suggestEverywhere")}</a>
          </li>
        ) : null}
        {view.canCreateTopic ? (
          <li>
            <a href="/new-topic">{t("search:suggestAsk")}</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
