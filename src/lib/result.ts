/**
 * Expected failures are values, not exceptions. The codes are a closed union; `http/errors.ts`
 * is the only place that turns them into status codes, and each has an i18n key `errors.<code>`.
 */
export type ErrorCode = "not_found" | "forbidden" | "invalid" | "conflict" | "rate_limited" | "unauthenticated";

/** A field-level problem: an i18n key (in the `validation` namespace) and its interpolation values. */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  /** i18n key of a more specific message than `errors.<code>`. */
  messageKey?: string;
  params?: Record<string, string | number>;
  fields?: Record<string, FieldError>;
}

export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function err(
  code: ErrorCode,
  messageKey?: string,
  extra: { params?: Failure["params"]; fields?: Failure["fields"] } = {},
): Failure {
  return { ok: false, code, messageKey, ...extra };
}

/** A field error result: `invalid` with one field marked. */
export function fieldErr(field: string, key: string, params?: FieldError["params"]): Failure {
  return { ok: false, code: "invalid", fields: { [field]: { key, params } } };
}

/** Thrown inside a transaction to roll it back; the command that ran it answers with `failure`. */
export class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}
