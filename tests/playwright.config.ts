import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here):
 * CHROMIUM_PATH overrides the default /usr/bin/chromium. The built app is started on a free
 * port with a fresh SQLite file by tests/e2e/global-setup.ts.
 *
 * Two projects: the functional tests, then the reliability suites (tests/e2e/reliability/:
 * fuzzing, concurrency, crashes, backups), which write freely and so run after them.
 */
/**
 * The reliability suites read the SQLite file itself (table checksums, integrity_check, the
 * crash test's WAL, VACUUM INTO backups): they belong to the SQLite pass. The PostgreSQL pass
 * (MAQUETTE_TEST_DATABASE=postgresql) runs the functional tests.
 */
const onPostgres = process.env.MAQUETTE_TEST_DATABASE === "postgresql";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "../test-results",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  projects: [
    { name: "fonctionnel", testIgnore: /tests\/e2e\/reliability\// },
    ...(onPostgres ? [] : [{ name: "fiabilite", testMatch: /tests\/e2e\/reliability\/.*\.spec\.ts/, dependencies: ["fonctionnel"] }]),
  ],
  use: {
    locale: "fr-FR",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
