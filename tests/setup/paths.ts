import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP_DIR = process.env.MAQUETTE_TEST_TMP ?? join(PROJECT_ROOT, "tests/.tmp/unit");
/** A database migrated once per test run; every Vitest worker gets its own copy. */
export const TEMPLATE_DB = join(TMP_DIR, "template.db");
