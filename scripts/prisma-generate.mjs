// Generates the Prisma clients (TypeScript, into app/generated/prisma for SQLite and
// app/generated/prisma-pg for PostgreSQL) without the network.
//
// why: the Prisma CLI tries to download its native schema engine before `generate`, and
// these machines cannot download it. `generate` never uses that engine; the CLI only checks
// that the file named by PRISMA_SCHEMA_ENGINE_BINARY exists. We point it at Node itself.
// Migrations do not use the CLI at all: see scripts/migrate.ts.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const schemas = process.argv.slice(2).length ? process.argv.slice(2) : ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"];

for (const schema of schemas) {
  const result = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
