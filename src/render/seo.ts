/** SEO data a page hands to core; core writes the tags, so no theme can break them. */
export interface Seo {
  /** Path of the canonical URL (made absolute with BASE_URL). */
  canonical?: string;
  description?: string;
  /** OpenGraph type: website (default) or article. */
  ogType?: "website" | "article";
  /** schema.org JSON-LD object. */
  jsonLd?: Record<string, unknown>;
  /** Keep this page out of search engines (forms, private areas). */
  noindex?: boolean;
}

/** JSON for a <script type="application/ld+json">: `<` escaped so the text can never close the tag. */
export const jsonLdText = (data: unknown): string => JSON.stringify(data).replace(/</g, "\\u003c");
