import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP_DIR = process.env.MAQUETTE_TEST_TMP ?? join(PROJECT_ROOT, "tests/.tmp/unit");
/** A database migrated once per test run; every Vitest worker gets its own copy. */
export const TEMPLATE_DB = join(TMP_DIR, "template.db");
/** The PostgreSQL template database (MAQUETTE_TEST_DATABASE=postgresql). */
export const POSTGRES_TEMPLATE = "maquette_template";

/** Which database the run tests: SQLite files (default) or a throwaway PostgreSQL cluster. */
export const TEST_PROVIDER: "sqlite" | "postgresql" = process.env.MAQUETTE_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/** The throwaway cluster's URLs (superuser, owner, app role) on its `postgres` database. */
export type PostgresUrls = { adminUrl: string; ownerUrl: string; appUrl: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresUrls | null;
  }
}
