import type { HirobaMigration } from "../migrate.js";
import { core } from "./20261124_0001_core.js";
import { content0200 } from "./20261124_0200_content.js";

/** Every migration, oldest first. Landed migrations are never edited; add a new one instead. */
export const migrations: HirobaMigration[] = [core, content0200];
