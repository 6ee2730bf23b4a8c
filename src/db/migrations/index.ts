import type { HirobaMigration } from "../migrate.js";
import { core } from "./20261124_0001_core.js";
import { admin } from "./20261124_0400_admin.js";

/** Every migration, oldest first. Landed migrations are never edited; add a new one instead. */
export const migrations: HirobaMigration[] = [core, admin];
