/**
 * HTML forms send flat names; commands take nested input. `event.startsAt` becomes
 * `{ event: { startsAt } }` (one level, which is all content types and post extensions use).
 * Repeated names (checkbox groups) arrive as arrays and stay arrays.
 */
export function nestFields(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== "object") return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const dot = key.indexOf(".");
    if (dot <= 0) {
      out[key] = value;
      continue;
    }
    const group = key.slice(0, dot);
    const inner = (out[group] && typeof out[group] === "object" ? out[group] : (out[group] = {})) as Record<string, unknown>;
    inner[key.slice(dot + 1)] = value;
  }
  return out;
}

/** What the user typed, as strings by field name, to put back into a rejected form. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== "object") return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === "_csrf") continue;
    out[key] = Array.isArray(value) ? value.map(String).join("\n") : String(value ?? "");
  }
  return out;
}

/** A positive integer id from a path or form, or null (pages answer 404 for anything else). */
export const toId = (s: unknown): number | null => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** A `page` query parameter: 1 to 1000, 1 for anything else. */
export const pageParam = (v: unknown): number => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
};
