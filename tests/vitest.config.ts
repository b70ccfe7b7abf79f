import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
// One scratch folder per run (template database and per-file copies), shared with the
// workers through the environment they inherit.
process.env.MAQUETTE_TEST_TMP ??= `${root}tests/.tmp/unit-${process.pid}`;

/**
 * MAQUETTE_TEST_DATABASE=postgresql runs the tests that touch the database again on a
 * throwaway PostgreSQL cluster (npm run test:unit:postgresql); the pure tests run once, on the
 * default SQLite pass. Tests of one provider's own machinery are named *.sqlite.test.ts and
 * *.postgresql.test.ts.
 */
const postgresql = process.env.MAQUETTE_TEST_DATABASE === "postgresql";

export default defineConfig({
  root,
  resolve: { alias: { "~": `${root}app` } },
  test: {
    include: postgresql
      ? ["tests/integration/**/*.test.ts"]
      : ["app/**/*.test.{ts,tsx}", "seed/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: ["**/node_modules/**", postgresql ? "**/*.sqlite.test.ts" : "**/*.postgresql.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
