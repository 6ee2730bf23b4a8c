import { type Actor, isAdmin } from "../actor.js";
import { type Failure, err } from "../../lib/result.js";

/** Whether the actor may use the admin area and its commands: admins and the system. */
export const canAdminister = (actor: Actor): boolean => isAdmin(actor);

/**
 * The policy step of every admin command, checked before any input is looked at so that
 * non-admins learn nothing. Null when allowed; otherwise unauthenticated (anonymous) or forbidden.
 */
export function requireAdmin(actor: Actor): Failure | null {
  if (canAdminister(actor)) return null;
  return err(actor.kind === "anonymous" ? "unauthenticated" : "forbidden");
}
