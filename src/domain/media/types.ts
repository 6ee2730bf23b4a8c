/** What a file's bytes are, found from the bytes themselves (never from its name). */
export type Content = "jpeg" | "png" | "gif" | "webp" | "pdf" | "zip" | "text";

/**
 * Every extension the platform can take, with the content it must have and the type it is served
 * as. Admins choose which of these members may upload (`uploadTypes`).
 */
export const FILE_TYPES: Record<string, { content: Content; mime: string }> = {
  jpg: { content: "jpeg", mime: "image/jpeg" },
  jpeg: { content: "jpeg", mime: "image/jpeg" },
  png: { content: "png", mime: "image/png" },
  gif: { content: "gif", mime: "image/gif" },
  webp: { content: "webp", mime: "image/webp" },
  pdf: { content: "pdf", mime: "application/pdf" },
  zip: { content: "zip", mime: "application/zip" },
  docx: { content: "zip", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { content: "zip", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { content: "zip", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  txt: { content: "text", mime: "text/plain; charset=utf-8" },
  csv: { content: "text", mime: "text/csv; charset=utf-8" },
  md: { content: "text", mime: "text/markdown; charset=utf-8" },
  log: { content: "text", mime: "text/plain; charset=utf-8" },
  json: { content: "text", mime: "application/json" },
};

export const IMAGE_CONTENT: ReadonlySet<Content> = new Set(["jpeg", "png", "gif", "webp"]);

/** The widths of the smaller copies made of every image wider than them (served as WebP). */
export const IMAGE_WIDTHS = [480, 1200] as const;
/** The longest side an image is kept at; larger ones are scaled down. */
export const IMAGE_MAX_SIDE = 2560;
/** Images with more pixels than this are refused before decoding (decompression bombs). */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** What the server reads of any one file, whatever the admins set (the form says when it is over). */
export const HARD_MAX_MB = 50;

/** An upload as pages and the API show it. */
export interface UploadView {
  id: number;
  key: string;
  kind: "image" | "file";
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  /** What to put in a post to show it: `![name](url)` or `[name](url)`. */
  markdown: string;
}

/** Magic numbers of the contents we take; text is UTF-8 without NUL bytes. */
export function sniff(data: Buffer): Content | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  const ascii = (at: number, s: string) => data.subarray(at, at + s.length).toString("latin1") === s;
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  if (ascii(0, "%PDF-")) return "pdf";
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (data.length > 0 && !data.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(data);
      return "text";
    } catch {
      return null;
    }
  }
  return null;
}

/** A file name safe to show and to put in a URL: no path, no control characters, at most 120 characters, its extension kept. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize("NFC").replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").replace(/\s+/g, " ").trim();
  if (cleaned.length <= 120) return cleaned || "file";
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 120 - ext.length) + ext;
}

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
};

/** Where an upload is served: the key and the (cleaned) name, which only shows in the address. */
export const uploadUrl = (key: string, name: string) => `/uploads/${key}/${encodeURIComponent(name)}`;
