/**
 * What both providers' backups share: the error people read, the file names, the SHA-256
 * written beside a backup in `sha256sum`'s format, and syncing files to disk.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

/** A refusal or a failure, in a sentence for the person running the command. */
export class BackupError extends Error {}

export type BackupResult = {
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  /** Rows per table, as the backup holds them. */
  tables: Record<string, number>;
  /** How the copy was checked, for the command's output. */
  verified: string;
};
export type RestoreResult = {
  /** The database restored into: a file, or a PostgreSQL database and its server. */
  file: string;
  sha256: string;
  keptAside: string | null;
  migrations: string[];
  tables: Record<string, number>;
  /** Something the operator must know although the restore succeeded. */
  warning?: string;
};

export function sha256OfFile(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Makes sure a file, or a folder's entries (a rename), are on disk. */
export function fsyncPath(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `maquette-20261122T140501Z.db` (`.dump` on PostgreSQL): sorts by date, and never collides within a second. */
export function backupFileName(now = new Date(), extension = "db") {
  return `maquette-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.${extension}`;
}

/** Writes `<file>.sha256` in `sha256sum`'s format, on disk, and returns its path. */
export function writeChecksum(file: string, sha256: string): string {
  const checksumFile = `${file}.sha256`;
  writeFileSync(checksumFile, `${sha256}  ${basename(file)}\n`);
  fsyncPath(checksumFile);
  return checksumFile;
}

/** The SHA-256 recorded beside a backup (`<file>.sha256`, `sha256sum`'s format). */
export function recordedSha256(file: string): string {
  const checksumFile = `${file}.sha256`;
  if (!existsSync(checksumFile)) throw new BackupError(`Empreinte introuvable : ${checksumFile} (elle est écrite par npm run backup à côté de la sauvegarde).`);
  const match = /^([0-9a-f]{64})\b/.exec(readFileSync(checksumFile, "utf8").trim());
  if (!match) throw new BackupError(`Empreinte illisible dans ${checksumFile}.`);
  return match[1];
}

/** What a backup file is, by its first bytes: a pg_dump archive (custom format) or a SQLite database. */
export function fileKind(file: string): "postgresql" | "sqlite" | "other" {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, read).toString("latin1");
    if (text.startsWith("PGDMP")) return "postgresql";
    if (text.startsWith("SQLite format 3")) return "sqlite";
    return "other";
  } finally {
    closeSync(fd);
  }
}
