import type { Transaction } from "kysely";
import type { z } from "zod";
import type { DB } from "../../db/schema.js";
import type { Failure } from "../../lib/result.js";
import type { Actor, UserActor } from "../actor.js";
import type { Ctx } from "../ctx.js";

/**
 * Post extensions: things any post may carry besides its text, such as a poll or attached files.
 * An extension reads its part of the input when a topic or reply is created (`input[key]`, a
 * nested object in JSON, `key.field` names in forms), writes its rows in the same transaction,
 * and loads its data for the posts on a page in one batch. Extensions declare their data by
 * declaration merging on `PostExtensionDataMap`, so each lives in its own files.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PostExtensionDataMap {}
export type PostExtensionData = { [K in keyof PostExtensionDataMap]?: PostExtensionDataMap[K] };

export interface CreatedPostRef {
  postId: number;
  topicId: number;
  postNumber: number;
  categoryId: number;
}

export interface PostExtensionModule<F = unknown> {
  key: keyof PostExtensionDataMap & string;
  /** Input for this extension; absent or empty input means the post has none. */
  fields: z.ZodType<F>;
  /** True when the parsed input asks for something (e.g. a poll with a question). */
  present(fields: F): boolean;
  validate?(ctx: Ctx, actor: UserActor, fields: F): Promise<Failure | null>;
  onCreate(trx: Transaction<DB>, ctx: Ctx, actor: UserActor, post: CreatedPostRef, fields: F): Promise<void>;
  /** The extension's data for these posts, for this reader (one batched query). */
  load(ctx: Ctx, actor: Actor, postIds: number[]): Promise<Map<number, PostExtensionDataMap[keyof PostExtensionDataMap]>>;
}

const modules = new Map<string, PostExtensionModule>();

/** Registers an extension (once, at start-up). */
export function registerPostExtension<F>(module: PostExtensionModule<F>): void {
  if (modules.has(module.key)) throw new Error(`post extension ${module.key} registered twice`);
  modules.set(module.key, module as PostExtensionModule);
}

export const postExtensions = (): PostExtensionModule[] => [...modules.values()];

/**
 * Extension data for a page of posts, keyed by post id. Each extension is asked only about the
 * posts that carry its key (`posts.extensions`, written with the extension's rows), so a page
 * without polls runs no poll query.
 */
export async function loadPostExtensions(ctx: Ctx, actor: Actor, posts: ReadonlyArray<{ id: number; extensionKeys: readonly string[] }>): Promise<Map<number, PostExtensionData>> {
  const out = new Map<number, PostExtensionData>();
  if (posts.length === 0 || modules.size === 0) return out;
  await Promise.all(
    [...modules.values()].map(async (m) => {
      const postIds = posts.filter((p) => p.extensionKeys.includes(m.key)).map((p) => p.id);
      if (postIds.length === 0) return;
      for (const [id, data] of await m.load(ctx, actor, postIds)) {
        out.set(id, { ...(out.get(id) ?? {}), [m.key]: data });
      }
    }),
  );
  return out;
}
