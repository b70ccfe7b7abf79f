import { inject } from "vitest";
import { freshDatabase } from "./test-database";

/**
 * Every test file runs on its own migrated database, copied from the run's template, so that
 * test files never share state. DATABASE_URL is set before any app module is imported. On
 * PostgreSQL the tests connect as the owner (the models' queries, as in scripts); the
 * row-level security tests connect as the app role on purpose (MAQUETTE_TEST_APP_DATABASE_URL).
 */
const database = await freshDatabase(inject("postgres"));
process.env.DATABASE_URL = database.url;
if (database.file) process.env.MAQUETTE_TEST_DB_FILE = database.file;
if (database.appUrl) process.env.MAQUETTE_TEST_APP_DATABASE_URL = database.appUrl;
