import { z } from "zod";

/** Shared input rules for topics and posts; error keys are in locales/<lang>/validation.json. */
export const Title = z.string().trim().min(3).max(200);
export const Body = z.string().trim().min(1).max(32_000);
export const TagName = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.+-]*$/u, { error: "validation.tagFormat" });
export const Tags = z.array(TagName).max(5).default([]);
export const Id = z.coerce.number().int().positive();

/** Accepts a tag list as an array or a comma/space separated string (the HTML form sends one field). */
export const TagList = z.preprocess((v) => {
  if (typeof v === "string") return v.split(/[,\s、，]+/).filter(Boolean);
  return v ?? [];
}, Tags).transform((tags) => [...new Map(tags.map((t) => [t.toLowerCase(), t])).values()]);

/** An http(s) address, or empty. */
export const WebUrl = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "validation.url" }).max(500)]),
);
