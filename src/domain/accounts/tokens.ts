import crypto from "node:crypto";

/** A random secret for cookies, links and API keys (base64url, 256 bits). */
export const newToken = (): string => crypto.randomBytes(32).toString("base64url");

/** Tokens are stored hashed, so a database leak does not hand out sessions or keys. */
export const hashToken = (token: string): string => crypto.createHash("sha256").update(token).digest("hex");
