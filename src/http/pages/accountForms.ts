import type { FastifyReply, FastifyRequest } from "fastify";
import type { Failure } from "../../lib/result.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";

/** A rejected account form as templates need it: the headline, the per-field messages, the status. */
export interface FormFailure {
  message: string;
  fields: Record<string, string>;
  status: number;
}

/**
 * Translates a failure for a form page and sets `Retry-After` when it was rate limited, so the
 * page's status and headers match what the API would answer.
 */
export function formFailure(req: FastifyRequest, reply: FastifyReply, f: Failure): FormFailure {
  if (f.code === "rate_limited" && f.params?.retryAfter) reply.header("retry-after", String(f.params.retryAfter));
  return { message: failureMessage(req.t, f), fields: translateFields(req.t, f.fields) ?? {}, status: STATUS[f.code] };
}

/** A string field of a urlencoded form body ("" when absent). */
export const formValue = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
};
