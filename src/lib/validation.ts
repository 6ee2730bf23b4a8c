import type { z } from "zod";
import { type FieldError, type Result, err, ok } from "./result.js";

/**
 * Parses command input with a zod schema. A failure becomes `invalid` with one translated-key
 * error per field (the first problem of each field), so pages can show it next to the input.
 * A schema may name its own key with `{ error: "validation.someKey" }`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return ok(parsed.data);
  const fields: Record<string, FieldError> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "_";
    if (!fields[field]) fields[field] = issueToFieldError(issue);
  }
  return err("invalid", undefined, { fields });
}

type Issue = z.core.$ZodIssue;

export function issueToFieldError(issue: Issue): FieldError {
  if (issue.message.startsWith("validation.")) return { key: issue.message };
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return { key: "validation.required" };
      return { key: "validation.invalid" };
    case "too_small":
      if (issue.origin === "string") {
        const min = Number(issue.minimum);
        if (issue.input === "") return { key: "validation.required" };
        return min <= 1 ? { key: "validation.required" } : { key: "validation.tooShort", params: { min } };
      }
      if (issue.origin === "array") return { key: "validation.tooFew", params: { min: Number(issue.minimum) } };
      return { key: "validation.tooSmall", params: { min: Number(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") return { key: "validation.tooLong", params: { max: Number(issue.maximum) } };
      if (issue.origin === "array") return { key: "validation.tooMany", params: { max: Number(issue.maximum) } };
      return { key: "validation.tooLarge", params: { max: Number(issue.maximum) } };
    case "invalid_format":
      return issue.format === "email" ? { key: "validation.email" } : { key: "validation.format" };
    case "invalid_value":
      return { key: "validation.choice" };
    default:
      return { key: "validation.invalid" };
  }
}
