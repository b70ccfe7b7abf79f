import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

/** The default database: a SQLite file under the project, created on first start. */
export const DEFAULT_DATABASE_URL = "file:./data/maquette.db";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

/** Reads DATABASE_URL (or the given url) and says which database it names. */
export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL doit commencer par "file:" (SQLite) ou "postgresql://" : ${url}`);
  }
  const path = url.slice("file:".length).split("?")[0];
  if (path === ":memory:") return { provider: "sqlite", url, file: path };
  const file = isAbsolute(path) ? path : resolve(process.cwd(), path);
  mkdirSync(dirname(file), { recursive: true });
  return { provider: "sqlite", url, file };
}
