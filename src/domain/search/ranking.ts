import { type RawBuilder, sql } from "kysely";

/**
 * How search results are ordered, in portable SQL arithmetic over per-engine signals.
 * `relevance` is text relevance, larger is better (bm25 negated on SQLite, ts_rank on PostgreSQL,
 * both weighting title matches above body matches); `ageDays` is the post's age in days.
 * Later signals (an accepted answer, votes) become more fields here and more factors below.
 */
export interface RankSignals {
  relevance: RawBuilder<number>;
  ageDays: RawBuilder<number>;
}

/** How much a brand-new post is boosted over an old one (factor 1 + RECENCY_BOOST at age 0). */
export const RECENCY_BOOST = 1;
/** Age at which the recency boost has halved. */
export const RECENCY_HALF_LIFE_DAYS = 90;

/**
 * The score results are sorted by (descending): relevance times a recency factor that falls from
 * 1 + RECENCY_BOOST for a new post towards 1 for an old one, so relevance always dominates.
 */
export function rankScore(s: RankSignals): RawBuilder<number> {
  const recency = sql<number>`(1.0 + ${sql.lit(RECENCY_BOOST)} / (1.0 + (${s.ageDays}) / ${sql.lit(RECENCY_HALF_LIFE_DAYS)}))`;
  return sql<number>`((${s.relevance}) * ${recency})`;
}
