import { type RawBuilder, sql } from "kysely";

/** One page of an admin list. `hasMore` comes from fetching one row beyond the page. */
export interface AdminPage<T> {
  items: T[];
  page: number;
  hasMore: boolean;
}

/** Rows per page in admin lists. */
export const ADMIN_PER_PAGE = 50;

/** A page number within bounds (1 … 10,000). */
export const pageNumber = (page: number | undefined): number => Math.max(1, Math.min(Math.floor(page ?? 1) || 1, 10_000));

/** Trims the extra row fetched to learn whether another page follows. */
export function pageOf<T>(rows: T[], page: number, perPage: number): AdminPage<T> {
  return { items: rows.slice(0, perPage), page, hasMore: rows.length > perPage };
}

/**
 * `lower(column) LIKE '%text%'`, with the user's % _ and \ taken literally. Works the same on
 * SQLite and PostgreSQL because both sides are lower-cased.
 */
export function containsIgnoringCase(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
