import type { Ctx, Tx } from "../ctx.js";
import { type Result, err, ok } from "../../lib/result.js";
import { type TokenPurpose, findUserById, findUserToken, insertUserToken } from "./repo.js";
import { hashToken, newToken } from "./tokens.js";
import type { User } from "./types.js";

/** How long a mailed link works: a day or two to confirm an address, an hour to reset a password. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
};

/**
 * Creates a one-time token for a link mailed to `user.email` and returns it. Only its SHA-256 hash
 * is stored, bound to that address, so neither a database leak nor a later address change turns
 * an old link into a working one.
 */
export async function issueUserToken(ctx: Ctx, user: Pick<User, "id" | "email">, purpose: TokenPurpose, db: Tx = ctx.db): Promise<string> {
  const token = newToken();
  const now = ctx.clock();
  // Expired links are only kept until the member asks for a new one.
  await db.deleteFrom("user_tokens").where("user_id", "=", user.id).where("expires_at", "<", now).execute();
  await insertUserToken(db, { tokenHash: hashToken(token), userId: user.id, purpose, email: user.email, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) }, now);
  return token;
}

/**
 * Looks a token up by its hash (so the comparison leaks no timing about the secret) and checks it
 * is live. Fails: not_found (unknown, or the account's address changed since), conflict (already
 * used), invalid (expired).
 */
export async function checkUserToken(ctx: Ctx, raw: string, purpose: TokenPurpose, db: Tx = ctx.db): Promise<Result<{ tokenHash: string; user: User }>> {
  const tokenHash = hashToken(raw);
  const record = await findUserToken(db, tokenHash, purpose);
  const user = record ? await findUserById(db, record.userId) : null;
  if (!record || !user || record.email === null || record.email.toLowerCase() !== user.email.toLowerCase()) {
    return err("not_found", "accounts:token.unknown");
  }
  if (record.usedAt) return err("conflict", "accounts:token.used");
  if (record.expiresAt <= ctx.clock()) return err("invalid", "accounts:token.expired");
  return ok({ tokenHash, user });
}
