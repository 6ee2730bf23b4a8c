import { sql } from "kysely";
import { z } from "zod";
import type { Tx } from "../ctx.js";

// Custom groups: input rules shared by the group commands, and the name-uniqueness check.

/** A custom group's name: unique ignoring case, built-in names included (see groupNameTaken). */
export const GroupName = z.string().trim().min(1).max(60);
export const GroupDescription = z.string().trim().max(500).default("");
export const GroupId = z.coerce.number().int().positive();

/** True when another group (built-in ones included) already has this name, ignoring case. */
export async function groupNameTaken(db: Tx, name: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom("groups").select("id").where(sql`lower(name)`, "=", name.toLowerCase());
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
