import { z } from "zod";
import { type Actor, isAdmin } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { hashPassword } from "../password.js";
import { insertUser, usernameOrEmailTaken } from "../repo.js";
import { DisplayName, Email, Password, Username } from "../schemas.js";

export const CreateUserInput = z.object({
  username: Username,
  email: Email,
  password: Password,
  name: DisplayName,
  role: z.enum(["admin", "moderator", "member"]).default("member"),
  staff: z.boolean().default(false),
  emailVerified: z.boolean().default(true),
});

/**
 * Creates an account directly (admins, the CLI and importers; members use `signUp`).
 * Fails: invalid, forbidden, conflict (username or email taken).
 */
export async function createUser(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const parsed = parseInput(CreateUserInput, input);
  if (!parsed.ok) return parsed;
  if (!isAdmin(actor)) return err("forbidden");
  const v = parsed.value;
  const taken = await usernameOrEmailTaken(ctx.db, v.username, v.email);
  if (taken.username || taken.email) {
    const fields: Record<string, { key: string }> = {};
    if (taken.username) fields.username = { key: "validation.usernameTaken" };
    if (taken.email) fields.email = { key: "validation.emailTaken" };
    return err("conflict", undefined, { fields });
  }
  const passwordHash = await hashPassword(v.password);
  const now = ctx.clock();
  const id = await transact(ctx, async (trx) => {
    const userId = await insertUser(
      trx,
      {
        username: v.username,
        email: v.email,
        name: v.name || v.username,
        passwordHash,
        role: v.role,
        staff: v.staff || v.role === "admin",
        locale: null,
        emailVerified: v.emailVerified,
      },
      now,
    );
    // Accounts an admin creates are on the record; the CLI and importers act as the system.
    if (actor.kind === "user") await audit(trx, actor, "user.create", "user", userId, { username: v.username, role: v.role }, now);
    return userId;
  });
  return ok({ id });
}
