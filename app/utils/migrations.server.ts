import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseTarget, type DatabaseTarget } from "~/utils/database-url.server";
import { postgresAdapterFactory } from "~/utils/postgresql.server";
import { safeSqliteAdapterFactory } from "~/utils/sqlite-adapter.server";

/**
 * Migrations without the network: the official WebAssembly build of Prisma's schema engine,
 * driven through the same driver adapter as the app. `applyMigrations` records what it
 * applied in `_prisma_migrations`, the table `prisma migrate deploy` uses, so a machine with
 * the native CLI can carry on. See docs/decisions/002-offline-migrations.md.
 */

const FILTERS = { externalTables: [], externalEnums: [] };

export function projectPath(...parts: string[]) {
  return resolve(process.cwd(), ...parts);
}

export function schemaPathFor(target: DatabaseTarget) {
  return target.provider === "sqlite" ? projectPath("prisma/schema.prisma") : projectPath("prisma/postgresql/schema.prisma");
}

export function migrationsDirFor(target: DatabaseTarget) {
  return target.provider === "sqlite" ? projectPath("prisma/migrations") : projectPath("prisma/postgresql/migrations");
}

function adapterFactoryFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "sqlite") return safeSqliteAdapterFactory(target.url, undefined, { separateReads: false });
  return postgresAdapterFactory(target.url, { schemaEngine: true });
}

/** A schema as the engine reads it: its path (for messages) and its text. */
export type SchemaFile = { path: string; content: string };

function schemaFileFor(target: DatabaseTarget): SchemaFile {
  const path = schemaPathFor(target);
  return { path, content: readFileSync(path, "utf8") };
}

let engineModule: Promise<{ SchemaEngine: typeof SchemaEngine }> | undefined;

/** Instantiates the WebAssembly engine once per process. */
function loadEngineModule() {
  return (engineModule ??= instantiateEngine());
}

async function instantiateEngine() {
  const require = createRequire(import.meta.url);
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = join(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/schema_engine_bg\.js$/, ""), "schema_engine_bg.wasm");
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  (glue as unknown as { __wbg_set_wasm: (exports: unknown) => void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return glue as unknown as { SchemaEngine: typeof SchemaEngine };
}

/**
 * Opens the schema engine on the target. `close()` frees the engine and closes the database
 * connections it opened (the engine takes SQLite's lock in EXCLUSIVE mode while it works).
 */
export async function openSchemaEngine(target: DatabaseTarget, log: (line: string) => void = () => {}, schema?: SchemaFile) {
  const { SchemaEngine } = await loadEngineModule();
  const { path: schemaPath, content } = schema ?? schemaFileFor(target);
  const inner = adapterFactoryFor(target);
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    opened.push(await adapter);
    return opened[opened.length - 1];
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  });
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (message: string) => log(message),
    factory,
  );
  return {
    engine,
    async close() {
      engine.free();
      for (const adapter of opened.splice(0)) await adapter.dispose();
    },
  };
}

export function readMigrationList(dir: string): MigrationList {
  const lockPath = join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok", value: readFileSync(file, "utf8") } : { tag: "error", value: "migration.sql introuvable" },
        },
      };
    }),
  } as MigrationList;
}

/** Applies every pending migration to DATABASE_URL (or the given url); returns their names. */
export async function applyPendingMigrations(url?: string, options: { schema?: SchemaFile; migrationsDir?: string } = {}): Promise<string[]> {
  const target = databaseTarget(url);
  const { engine, close } = await openSchemaEngine(target, undefined, options.schema);
  try {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationList(options.migrationsDir ?? migrationsDirFor(target)),
      filters: FILTERS,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The SQL that takes a database built by the migrations folder to the current schema (or to
 * `schema`). The engine replays the migrations on a scratch (shadow) database of the target.
 */
export async function diffMigrationsToSchema(url?: string, options: { schema?: SchemaFile; migrationsDir?: string } = {}): Promise<string> {
  const target = databaseTarget(url);
  const schema = options.schema ?? schemaFileFor(target);
  const { engine, close } = await openSchemaEngine(target, undefined, schema);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrationList(options.migrationsDir ?? migrationsDirFor(target)) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    } as Parameters<SchemaEngine["diff"]>[0]);
    return (result as unknown as { stdout?: string }).stdout ?? "";
  } finally {
    await close();
  }
}
