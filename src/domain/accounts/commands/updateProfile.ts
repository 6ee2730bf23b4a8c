import { z } from "zod";
import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { updateUser } from "../repo.js";
import { Bio, DisplayName } from "../schemas.js";

export const UpdateProfileInput = z.object({ name: DisplayName, bio: Bio });

/**
 * Changes the signed-in member's display name and bio (an empty name shows the username).
 * Fails: invalid, unauthenticated.
 */
export async function updateProfile(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ name: string; bio: string }>> {
  const parsed = parseInput(UpdateProfileInput, input);
  if (!parsed.ok) return parsed;
  if (actor.kind !== "user") return err("unauthenticated");
  const name = parsed.value.name || actor.username;
  await updateUser(ctx.db, actor.id, { name, bio: parsed.value.bio }, ctx.clock());
  return ok({ name, bio: parsed.value.bio });
}
