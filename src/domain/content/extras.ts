import type { Transaction } from "kysely";
import type { DB } from "../../db/schema.js";
import { type FieldError, type Result, err, ok } from "../../lib/result.js";
import { parseInput } from "../../lib/validation.js";
import type { UserActor } from "../actor.js";
import type { Ctx } from "../ctx.js";
import { type TopicTypeModule, topicType } from "./contentTypes.js";
import { type CreatedPostRef, type PostExtensionModule, postExtensions } from "./postExtensions.js";

/** A topic type's and the post extensions' parsed input, ready to be written. */
export interface ParsedExtras {
  type: { module: TopicTypeModule; fields: unknown } | null;
  extensions: Array<{ module: PostExtensionModule; fields: unknown }>;
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function prefixed(prefix: string, fields: Record<string, FieldError> | undefined): Record<string, FieldError> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k === "_" ? prefix : `${prefix}.${k}`, v]));
}

/**
 * Reads what a topic type (`input[type]`, only for a first post) and each post extension
 * (`input[key]`) add to a new post, and runs their checks. All field errors come back together,
 * named `<type or key>.<field>`. Fails: invalid, or what a module's check returns.
 */
export async function parseExtras(ctx: Ctx, actor: UserActor, input: unknown, type: string | null): Promise<Result<ParsedExtras>> {
  const raw = asRecord(input);
  const fields: Record<string, FieldError> = {};
  const out: ParsedExtras = { type: null, extensions: [] };
  if (type !== null) {
    const module = topicType(type);
    if (module.fields) {
      const parsed = parseInput(module.fields, asRecord(raw[type]));
      if (!parsed.ok) Object.assign(fields, prefixed(type, parsed.fields));
      else out.type = { module, fields: parsed.value };
    } else {
      out.type = { module, fields: {} };
    }
  }
  for (const module of postExtensions()) {
    const value = raw[module.key];
    if (value === undefined || value === null || value === "") continue;
    const parsed = parseInput(module.fields, asRecord(value));
    if (!parsed.ok) Object.assign(fields, prefixed(module.key, parsed.fields));
    else if (module.present(parsed.value)) out.extensions.push({ module, fields: parsed.value });
  }
  if (Object.keys(fields).length > 0) return err("invalid", undefined, { fields });
  if (out.type?.module.validate) {
    const refused = await out.type.module.validate(ctx, actor, out.type.fields);
    if (refused) return refused;
  }
  for (const e of out.extensions) {
    const refused = await e.module.validate?.(ctx, actor, e.fields);
    if (refused) return refused;
  }
  return ok(out);
}

/** Writes the extensions' rows for a new post (inside the post's transaction). */
export async function createExtensions(trx: Transaction<DB>, ctx: Ctx, actor: UserActor, extras: ParsedExtras, post: CreatedPostRef): Promise<void> {
  if (extras.extensions.length === 0) return;
  for (const e of extras.extensions) await e.module.onCreate(trx, ctx, actor, post, e.fields);
  // Pages of posts ask an extension only about the posts marked with its key.
  await trx
    .updateTable("posts")
    .set({ extensions: extras.extensions.map((e) => e.module.key).join(" ") })
    .where("id", "=", post.postId)
    .execute();
}
