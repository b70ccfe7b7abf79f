import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

/**
 * Every test file runs on its own migrated SQLite file, copied from the template, so that
 * test files never share state. DATABASE_URL is set before any app module is imported.
 */
const file = join(TMP_DIR, `worker-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID()}.db`);
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.MAQUETTE_TEST_DB_FILE = file;
