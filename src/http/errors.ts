import type { FastifyReply, FastifyRequest } from "fastify";
import type { ErrorCode, Failure, FieldError } from "../lib/result.js";
import type { T } from "../render/i18n.js";

/** The only place error codes become HTTP statuses. */
export const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export const translateField = (t: T, f: FieldError): string => t(f.key.includes(":") ? f.key : `validation:${f.key.replace(/^validation\./, "")}`, f.params ?? {});

export function translateFields(t: T, fields: Failure["fields"]): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, translateField(t, f)]));
}

/** The translated headline of a failure: its specific message, else the code's. */
export function failureMessage(t: T, f: Pick<Failure, "code" | "messageKey" | "params">): string {
  return t(f.messageKey ?? `errors:${f.code}`, f.params ?? {});
}

/** Sends `{error:{code,message,fields}}` with the code's status. */
export function sendApiError(req: FastifyRequest, reply: FastifyReply, f: Failure): FastifyReply {
  if (f.code === "rate_limited" && f.params?.retryAfter) reply.header("retry-after", String(f.params.retryAfter));
  const body: ApiErrorBody = { error: { code: f.code, message: failureMessage(req.t, f) } };
  const fields = translateFields(req.t, f.fields);
  if (fields) body.error.fields = fields;
  return reply.status(STATUS[f.code]).send(body);
}
