import { sql } from "kysely";
import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, type Tx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { TagName } from "../schemas.js";

export const RenameTagInput = z.object({ id: z.coerce.number().int().positive(), name: TagName });

/**
 * Renames a tag (admins only). When another tag already has the new name (ignoring case) the
 * two are merged: every topic of this tag gets the other one, and this tag disappears.
 * Returns the surviving tag. Fails: unauthenticated, forbidden, invalid, not_found.
 */
export async function renameTag(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; name: string; merged: boolean }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(RenameTagInput, input);
  if (!parsed.ok) return parsed;
  const { id, name } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const tag = await trx.selectFrom("tags").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
    if (!tag) return null;
    const other = await trx
      .selectFrom("tags")
      .select(["id", "name"])
      .where(sql`lower(name)`, "=", name.toLowerCase())
      .where("id", "!=", id)
      .executeTakeFirst();
    if (!other) {
      if (tag.name === name) return { id, name, merged: false };
      await trx.updateTable("tags").set({ name }).where("id", "=", id).execute();
      await audit(trx, actor, "tag.rename", "tag", id, { from: tag.name, to: name }, now);
      return { id, name, merged: false };
    }
    await mergeInto(trx, id, other.id);
    await audit(trx, actor, "tag.merge", "tag", other.id, { from: tag.name, to: other.name, fromId: id }, now);
    return { id: other.id, name: other.name, merged: true };
  });
  if (!outcome) return err("not_found", "admin:tags.notFound");
  return ok(outcome);
}

/** Moves every topic of tag `from` to tag `into`, deletes `from` and recounts `into`. */
async function mergeInto(trx: Tx, from: number, into: number): Promise<void> {
  await trx
    .insertInto("topic_tags")
    .columns(["topic_id", "tag_id"])
    .expression((eb) =>
      eb
        .selectFrom("topic_tags as a")
        .select(["a.topic_id", sql<number>`${into}`.as("tag_id")])
        .where("a.tag_id", "=", from)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom("topic_tags as b").select("b.topic_id").whereRef("b.topic_id", "=", "a.topic_id").where("b.tag_id", "=", into))),
        ),
    )
    .execute();
  await trx.deleteFrom("topic_tags").where("tag_id", "=", from).execute();
  await trx.deleteFrom("tags").where("id", "=", from).execute();
  await trx
    .updateTable("tags")
    .set({
      topic_count: (eb) =>
        eb
          .selectFrom("topic_tags as tt")
          .innerJoin("topics as t", "t.id", "tt.topic_id")
          .select(sql<number>`count(*)`.as("n"))
          .where("tt.tag_id", "=", into)
          .where("t.deleted_at", "is", null),
    })
    .where("id", "=", into)
    .execute();
}
