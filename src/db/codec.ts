/**
 * Normalises values read from either engine at the repository boundary:
 * ids and counts are numbers, booleans are booleans, times are Dates, JSON is parsed.
 */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "string") return new Date(v);
  if (typeof v === "number") return new Date(v);
  throw new TypeError(`not a time: ${String(v)}`);
}

export function toDateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : toDate(v);
}

export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "t";
}

export function toNum(v: unknown): number {
  return typeof v === "number" ? v : Number(v);
}

export function toJson<T = unknown>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

export function json(v: unknown): string {
  return JSON.stringify(v);
}
