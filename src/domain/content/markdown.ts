/**
 * Post Markdown → safe "cooked" HTML, stored next to the source. markdown-it parses (raw HTML off),
 * one core rule adds what a forum needs (mentions, quotes of other posts, link and image policy),
 * and sanitize-html re-checks the result against a strict allow-list as a second line of defence.
 */
import MarkdownIt from "markdown-it";
import type { Env, MarkdownIt as MarkdownItInstance, StateCore, Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

/** Options for cooking one post. */
export interface CookOptions {
  /** Whether a user exists (given the lower-cased name); unknown names stay plain text. */
  mentionExists?: (usernameLower: string) => boolean;
  /** A known upload's image size and smaller copies (images get width, height and srcset). */
  upload?: (key: string) => { width: number | null; height: number | null; variants: number[] } | undefined;
  /** A fetched preview of a link standing alone on its line (it becomes a card). */
  preview?: (url: string) => { title: string; description: string; siteName: string } | undefined;
}

/** A cooked post: safe HTML plus what other parts of the system need to know about it. */
export interface Cooked {
  html: string;
  /** Lower-cased usernames mentioned, deduplicated, in order (quotes of other posts are not searched). */
  mentions: string[];
  /** Ids of the posts quoted with `[quote=user post=id]`, deduplicated, in order. */
  quotedPostIds: number[];
  /** Plain text, whitespace collapsed, for search and excerpts (quotes of other posts left out). */
  text: string;
  /** Absolute http(s) URLs linked from the post, deduplicated, in order. */
  links: string[];
  /** Keys of this site's uploads the post shows or links (`/uploads/<key>/…`). */
  uploadKeys: string[];
  /** Links alone on their line (not videos): candidates for a preview card. */
  previewUrls: string[];
}

const USERNAME_HEAD = /[A-Za-z0-9][A-Za-z0-9_.-]*/y;
const QUOTE_MARKER = /^\[quote=([A-Za-z0-9][A-Za-z0-9_.-]{1,29}) post=([1-9][0-9]{0,14})\]$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const ABSOLUTE_HTTP = /^https?:\/\//i;
const EXTERNAL = /^(?:https?:)?\/\//i;
/** Characters that glue an `@` to a preceding word (so e-mail addresses are not mentions). */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
/** Japanese, Chinese and Korean text has no spaces: a mention may directly follow it. */
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆〇]$/u;
const REL_EXTERNAL = "nofollow ugc noopener";
/** A link or image to one of this site's uploads: `/uploads/<key>/<name>`. */
const UPLOAD_PATH = /^\/uploads\/([A-Za-z0-9_-]{8,40})\//;

/** A YouTube or Vimeo address as the provider and the video's id, else null. */
export function videoOf(url: string): { provider: "youtube" | "vimeo"; id: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const host = u.hostname.replace(/^(www|m)\./, "");
  const yt = /^[A-Za-z0-9_-]{11}$/;
  if (host === "youtu.be") {
    const id = u.pathname.slice(1);
    return yt.test(id) ? { provider: "youtube", id } : null;
  }
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    const id = u.pathname === "/watch" ? (u.searchParams.get("v") ?? "") : (/^\/(?:shorts|embed|live)\/([^/]+)$/.exec(u.pathname)?.[1] ?? "");
    return yt.test(id) ? { provider: "youtube", id } : null;
  }
  if (host === "vimeo.com") {
    const id = /^\/(\d{5,12})$/.exec(u.pathname)?.[1];
    return id ? { provider: "vimeo", id } : null;
  }
  return null;
}

/** Everything one cookMarkdown call collects while markdown-it runs. */
class CookState {
  readonly mentions: string[] = [];
  readonly quotedPostIds: number[] = [];
  readonly links: string[] = [];
  readonly uploadKeys: string[] = [];
  readonly previewUrls: string[] = [];
  private readonly known = new Map<string, boolean>();

  constructor(readonly opts: CookOptions) {}

  /** Whether a mention of this (lower-cased) name should become a link; asks at most once per name. */
  exists(lower: string): boolean {
    const check = this.opts.mentionExists;
    if (!check) return true;
    let found = this.known.get(lower);
    if (found === undefined) {
      found = check(lower);
      this.known.set(lower, found);
    }
    return found;
  }

  add<T>(list: T[], value: T): void {
    if (!list.includes(value)) list.push(value);
  }
}

const COOK_STATE = Symbol("hiroba.cook");

function cookState(env: Env | undefined): CookState {
  const state = env?.[COOK_STATE];
  if (!(state instanceof CookState)) throw new Error("markdown rendered without cookMarkdown");
  return state;
}

/** Only http(s), mailto and relative URLs survive; markdown-it leaves anything else as text. */
function validateLink(url: string): boolean {
  const scheme = SCHEME.exec(url.trim());
  if (!scheme) return true;
  const name = scheme[1].toLowerCase();
  return name === "http" || name === "https" || name === "mailto";
}

function isImageSource(url: string): boolean {
  const scheme = SCHEME.exec(url.trim());
  return !scheme || /^https?$/i.test(scheme[1]);
}

function charBefore(s: string, pos: number): string {
  if (pos <= 0) return "";
  const low = s.charCodeAt(pos - 1);
  if (low >= 0xdc00 && low <= 0xdfff && pos >= 2) return s.slice(pos - 2, pos);
  return s[pos - 1];
}

function charAt(s: string, pos: number): string {
  const cp = s.codePointAt(pos);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** A letter, digit or underscore of a space-separated script (CJK counts as a boundary). */
function isWordChar(ch: string): boolean {
  return ch !== "" && WORD_CHAR.test(ch) && !CJK_CHAR.test(ch);
}

/** The username of a mention starting with `@` at `at`, or null when it is not a mention. */
function mentionAt(s: string, at: number, before: string): string | null {
  if (isWordChar(before)) return null;
  USERNAME_HEAD.lastIndex = at + 1;
  const head = USERNAME_HEAD.exec(s);
  if (!head) return null;
  // A trailing dot ends the sentence, not the name: "thanks @alice."
  const name = head[0].replace(/\.+$/, "");
  if (name.length < 2 || name.length > 30) return null;
  if (name.length === head[0].length) {
    // "@alice@example.com" and "@aliceé" are not mentions of alice.
    const after = charAt(s, at + 1 + name.length);
    if (after === "@" || isWordChar(after)) return null;
  }
  return name;
}

function textToken(state: StateCore, content: string, level: number): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  token.level = level;
  return token;
}

/** Splits a text token around its @mentions, pushing text and mention-link tokens to `out`. */
function pushWithMentions(state: StateCore, tok: Token, before: string, out: Token[]): void {
  const cs = cookState(state.env);
  const s = tok.content;
  let last = 0;
  for (let at = s.indexOf("@"); at >= 0; at = s.indexOf("@", at + 1)) {
    const name = mentionAt(s, at, at === 0 ? before : charBefore(s, at));
    if (name === null) continue;
    const lower = name.toLowerCase();
    if (!cs.exists(lower)) continue;
    if (at > last) out.push(textToken(state, s.slice(last, at), tok.level));
    const open = new state.Token("link_open", "a", 1);
    open.attrs = [
      ["href", `/u/${encodeURIComponent(lower)}`],
      ["class", "mention"],
    ];
    open.markup = "mention";
    open.level = tok.level;
    const close = new state.Token("link_close", "a", -1);
    close.markup = "mention";
    close.level = tok.level;
    out.push(open, textToken(state, `@${name}`, tok.level + 1), close);
    cs.add(cs.mentions, lower);
    last = at + 1 + name.length;
  }
  if (last === 0) out.push(tok);
  else if (last < s.length) out.push(textToken(state, s.slice(last), tok.level));
}

function altText(tok: Token): string {
  return (tok.children ?? []).map((c) => (c.type === "image" ? altText(c) : c.content)).join("");
}

/** Mentions, link attributes and image policy for one inline token's children. */
function processInline(state: StateCore, children: Token[], inQuote: boolean): Token[] {
  const cs = cookState(state.env);
  const out: Token[] = [];
  let linkDepth = 0;
  let before = "";
  for (const tok of children) {
    if (tok.type === "text" || tok.type === "text_special") {
      // Mentions in a quote are the quoted author's words: shown as typed, nobody notified again.
      if (linkDepth === 0 && !inQuote && tok.type === "text" && tok.content.includes("@")) pushWithMentions(state, tok, before, out);
      else out.push(tok);
      before = charBefore(tok.content, tok.content.length);
      continue;
    }
    before = "";
    if (tok.type === "link_open") {
      linkDepth++;
      const href = String(tok.attrGet("href") ?? "");
      if (EXTERNAL.test(href)) {
        tok.attrSet("rel", REL_EXTERNAL);
        tok.attrSet("target", "_blank");
      }
      if (ABSOLUTE_HTTP.test(href)) cs.add(cs.links, href);
      const key = UPLOAD_PATH.exec(href)?.[1];
      if (key) cs.add(cs.uploadKeys, key);
    } else if (tok.type === "link_close") {
      linkDepth--;
    } else if (tok.type === "image") {
      if (!isImageSource(String(tok.attrGet("src") ?? ""))) {
        out.push(textToken(state, altText(tok), tok.level));
        continue;
      }
      tok.attrSet("loading", "lazy");
      const src = String(tok.attrGet("src") ?? "");
      const key = UPLOAD_PATH.exec(src)?.[1];
      if (key) {
        cs.add(cs.uploadKeys, key);
        const known = cs.opts.upload?.(key);
        if (known?.width && known.height) {
          // Sizes stop the page jumping while images load; narrow screens take a smaller copy.
          tok.attrSet("width", String(known.width));
          tok.attrSet("height", String(known.height));
          tok.attrSet("decoding", "async");
          if (known.variants.length > 0) {
            tok.attrSet("srcset", [...known.variants.map((w) => `${src}?w=${w} ${w}w`), `${src} ${known.width}w`].join(", "));
            tok.attrSet("sizes", "(max-width: 760px) 100vw, 760px");
          }
        }
      }
    }
    out.push(tok);
  }
  return out;
}

/**
 * Turns `> [quote=alice post=123]` into a quote of another post: marks the blockquote tokens for
 * the quote renderer and removes the marker line. Returns the post id, or null if malformed.
 */
function convertQuote(tokens: Token[], i: number): number | null {
  const para = tokens[i + 1];
  const inline = tokens[i + 2];
  if (para?.type !== "paragraph_open" || inline?.type !== "inline") return null;
  const nl = inline.content.indexOf("\n");
  const marker = QUOTE_MARKER.exec((nl < 0 ? inline.content : inline.content.slice(0, nl)).trim());
  if (!marker) return null;
  const postId = Number(marker[2]);
  if (!Number.isSafeInteger(postId)) return null;

  const children = inline.children ?? [];
  const br = children.findIndex((c) => c.type === "softbreak" || c.type === "hardbreak");
  inline.children = br < 0 ? [] : children.slice(br + 1);
  inline.content = nl < 0 ? "" : inline.content.slice(nl + 1);
  if (inline.children.length === 0) {
    para.hidden = true;
    const close = tokens[i + 3];
    if (close?.type === "paragraph_close") close.hidden = true;
  }
  tokens[i].type = "hiroba_quote_open";
  tokens[i].meta = { username: marker[1], postId };
  return postId;
}

/** Core rule: quotes, mentions, links and images, in one pass after linkify. */
function hirobaRule(state: StateCore): void {
  const cs = cookState(state.env);
  const tokens = state.tokens;
  const converted: boolean[] = [];
  let quoteDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.type === "blockquote_open") {
      const postId = convertQuote(tokens, i);
      converted.push(postId !== null);
      if (postId !== null) {
        quoteDepth++;
        cs.add(cs.quotedPostIds, postId);
      }
    } else if (tok.type === "blockquote_close") {
      if (converted.pop()) {
        tok.type = "hiroba_quote_close";
        quoteDepth--;
      }
    } else if (tok.type === "inline" && tok.children) {
      tok.children = processInline(state, tok.children, quoteDepth > 0);
      if (quoteDepth === 0) standaloneLink(state, i);
    }
  }
}

/**
 * A bare link alone in its paragraph becomes a video embed (YouTube, Vimeo) or, once a job has
 * fetched what the page says about itself, a preview card; other links stay links.
 */
function standaloneLink(state: StateCore, i: number): void {
  const cs = cookState(state.env);
  const tokens = state.tokens;
  const [open, inline, close] = [tokens[i - 1], tokens[i], tokens[i + 1]];
  const kids = inline.children ?? [];
  if (open?.type !== "paragraph_open" || close?.type !== "paragraph_close" || kids.length !== 3) return;
  if (kids[0].type !== "link_open" || !["linkify", "autolink"].includes(kids[0].markup) || kids[2].type !== "link_close") return;
  const url = String(kids[0].attrGet("href") ?? "");
  if (!ABSOLUTE_HTTP.test(url)) return;
  const video = videoOf(url);
  const preview = video ? undefined : cs.opts.preview?.(url);
  if (!video) cs.add(cs.previewUrls, url);
  if (!video && !preview) return;
  const token = new state.Token(video ? "hiroba_video" : "hiroba_onebox", "", 0);
  token.meta = { url, video, preview };
  token.block = true;
  tokens.splice(i - 1, 3, token);
}

function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.validateLink = validateLink;
  md.core.ruler.after("linkify", "hiroba", hirobaRule);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.hiroba_quote_open = (tokens, idx) => {
    const meta = tokens[idx].meta ?? {};
    const postId = String(meta.postId);
    const username = escape(String(meta.username));
    return (
      `<aside class="quote" data-post-id="${postId}"><div class="quote-title">` +
      `<a href="/p/${postId}">@${username}</a></div><blockquote>\n`
    );
  };
  md.renderer.rules.hiroba_quote_close = () => "</blockquote></aside>\n";
  // Nothing loads from the video host until the reader clicks (the browser script swaps in the
  // player); without JavaScript it is a link to the video.
  md.renderer.rules.hiroba_video = (tokens, idx) => {
    const { url, video } = tokens[idx].meta as { url: string; video: { provider: string; id: string } };
    return (
      `<div class="video-embed" data-provider="${escape(video.provider)}" data-video-id="${escape(video.id)}">` +
      `<a class="video-link" href="${escape(url)}" rel="${REL_EXTERNAL}" target="_blank">${escape(url)}</a></div>\n`
    );
  };
  md.renderer.rules.hiroba_onebox = (tokens, idx) => {
    const { url, preview } = tokens[idx].meta as { url: string; preview: { title: string; description: string; siteName: string } };
    const host = (() => {
      try {
        return new URL(url).hostname;
      } catch {
        return "";
      }
    })();
    return (
      `<aside class="onebox"><a class="onebox-link" href="${escape(url)}" rel="${REL_EXTERNAL}" target="_blank">` +
      `<span class="onebox-site">${escape(preview.siteName || host)}</span>` +
      `<span class="onebox-title">${escape(preview.title || url)}</span>` +
      (preview.description ? `<span class="onebox-description">${escape(preview.description)}</span>` : "") +
      `</a></aside>\n`
    );
  };
  return md;
}

// Built once: cooking is a hot path (hundreds of posts a second during imports and rebakes).
const md = createMarkdown();

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "aside", "div",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub", "kbd", "span",
  ],
  allowedAttributes: {
    a: ["href", "class", { name: "rel", multiple: true, values: ["nofollow", "ugc", "noopener"] }, { name: "target", values: ["_blank"] }],
    img: ["src", "alt", "title", "width", "height", "srcset", "sizes", { name: "loading", values: ["lazy"] }, { name: "decoding", values: ["async"] }],
    code: ["class"],
    aside: ["class", "data-post-id"],
    div: ["class", { name: "data-provider", values: ["youtube", "vimeo"] }, "data-video-id"],
    span: ["class"],
    ol: ["start"],
  },
  allowedClasses: {
    a: ["mention", "video-link", "onebox-link"],
    aside: ["quote", "onebox"],
    div: ["quote-title", "video-embed"],
    span: ["onebox-site", "onebox-title", "onebox-description"],
    code: [/^language-[A-Za-z0-9_+#.-]{1,40}$/],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: true,
  disallowedTagsMode: "discard",
};

/** Plain text of the parsed post: inline text, alt texts and code, without quotes of other posts. */
function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  let quoteDepth = 0;
  for (const tok of tokens) {
    if (tok.type === "hiroba_quote_open") quoteDepth++;
    else if (tok.type === "hiroba_quote_close") quoteDepth--;
    if (quoteDepth > 0) continue;
    if (tok.type === "inline") {
      for (const c of tok.children ?? []) {
        if (c.type === "text" || c.type === "text_special" || c.type === "code_inline") parts.push(c.content);
        else if (c.type === "image") parts.push(altText(c));
        else if (c.type === "softbreak" || c.type === "hardbreak") parts.push(" ");
      }
      parts.push(" ");
    } else if (tok.type === "code_block" || tok.type === "fence") {
      parts.push(tok.content, " ");
    }
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

/**
 * Renders post Markdown to sanitised HTML and collects mentions, quoted post ids, links and a
 * plain-text version. Never throws on user input; raw HTML in the source is shown as text.
 */
export function cookMarkdown(source: string, opts: CookOptions = {}): Cooked {
  const cs = new CookState(opts);
  const env: Env = { [COOK_STATE]: cs };
  const tokens = md.parse(source, env);
  const html = sanitizeHtml(md.renderer.render(tokens, md.options, env), SANITIZE);
  return {
    html,
    mentions: cs.mentions,
    quotedPostIds: cs.quotedPostIds,
    text: plainText(tokens),
    links: cs.links,
    uploadKeys: cs.uploadKeys,
    previewUrls: cs.previewUrls,
  };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Shortens plain text to at most `max` characters (grapheme clusters, so emoji and surrogate pairs
 * stay whole), ending with "…" when cut. Latin text is cut at a space when one is near; CJK text,
 * which has no spaces, at any character.
 */
export function excerpt(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (max <= 0) return "";
  if (clean.length <= max) return clean;
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(clean)) {
    if (parts.length > max) break;
    parts.push(segment);
  }
  if (parts.length <= max) return clean;
  let cut = max - 1;
  // Mid-word in a spaced script: back up to the last space, unless that loses too much.
  if (isWordChar(charAt(parts[cut - 1] ?? "", 0)) && isWordChar(charAt(parts[cut], 0))) {
    const space = parts.lastIndexOf(" ", cut - 1);
    if (space >= cut / 2) cut = space;
  }
  return `${parts.slice(0, cut).join("").trimEnd()}…`;
}
