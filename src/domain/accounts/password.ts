import type * as Argon2 from "@node-rs/argon2";
import { onDemand } from "../../lib/onDemand.js";

const argon2 = onDemand<typeof Argon2>("@node-rs/argon2");

// argon2id (the library's default algorithm) with OWASP's recommended minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id. */
export const hashPassword = (password: string): Promise<string> => argon2().hash(password, OPTIONS);

/** Checks a password against a stored hash; false for a malformed hash. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await argon2().verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist keeps login timing the same either way.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password");
  await verifyPassword(await dummy, password);
}
