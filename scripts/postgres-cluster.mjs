// A throwaway PostgreSQL cluster for tests and for deriving the PostgreSQL migrations: Debian's
// binaries, a fresh data folder in the temporary directory, served on 127.0.0.1 on a free port
// with password authentication, stopped and removed at the end.
// See docs/decisions/019-throwaway-postgresql-for-tests.md.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The roles every Maquette database uses: the owner migrates, the app role is under row-level security. */
export const OWNER_ROLE = "maquette_owner";
export const APP_ROLE = "maquette_app";
const SUPERUSER = "maquette_admin";

/** The folder holding initdb, pg_ctl and postgres: PG_BIN, Debian's newest version, then PATH. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(join(debian, version, "bin"));
    }
  }
  candidates.push("/usr/local/bin", ...(process.env.PATH ?? "").split(":").filter(Boolean));
  const found = candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((name) => existsSync(join(dir, name))));
  if (!found) {
    throw new Error(
      "PostgreSQL est introuvable (initdb, pg_ctl). Installez le paquet Debian « postgresql » " +
        "(npm test le fait en root) ou indiquez le dossier de ses programmes dans PG_BIN.",
    );
  }
  return found;
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user Debian's package creates. */
function clusterUser() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("En root, le cluster de test tourne sous l'utilisateur « postgres » : installez le paquet Debian « postgresql ».");
  const [, , uid, gid] = line.split(":");
  return { name: "postgres", uid: Number(uid), gid: Number(gid) };
}

function run(user, command, args) {
  const [file, argv] = user ? ["runuser", ["-u", user.name, "--", command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} a échoué (code ${result.status}) :\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}`);
  }
}

export function postgresUrl({ user, password, port, database }) {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Starts a cluster and creates the two Maquette roles. Returns the URLs to reach it and
 * `stop()`; the cluster is also stopped when this process exits. `durable`: PostgreSQL's own
 * defaults for fsync and commits (benchmarks); otherwise a test cluster that skips them.
 */
export async function startCluster({ durable = false } = {}) {
  const bin = findPostgresBin();
  const user = clusterUser();
  // As root the cluster runs as `postgres`, which must reach the folder: /tmp, not root's TMPDIR.
  const dir = mkdtempSync(join(user ? "/tmp" : tmpdir(), "maquette-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const passwords = { [SUPERUSER]: randomBytes(18).toString("base64url"), [OWNER_ROLE]: randomBytes(18).toString("base64url"), [APP_ROLE]: randomBytes(18).toString("base64url") };
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, `${passwords[SUPERUSER]}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    run(user, join(bin, "initdb"), ["-D", data, "-U", SUPERUSER, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  rmSync(pwfile);
  let port = 0;
  const settings = (p) =>
    [
      "-c listen_addresses=127.0.0.1",
      `-c port=${p}`,
      `-c unix_socket_directories=${dir}`,
      // A throwaway cluster: durability buys nothing here, speed does.
      ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
      "-c max_connections=300",
    ].join(" ");
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run(user, join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "server.log"), "-o", settings(port), "-w", "-t", "60", "start"]);
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start.
      if (attempt >= 2) {
        const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8").slice(-2000) : "";
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`${error instanceof Error ? error.message : error}\n${log}`);
      }
    }
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    try {
      run(user, join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on("exit", stop);
  const url = (role, database) => postgresUrl({ user: role, password: passwords[role], port, database });
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url(SUPERUSER, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${OWNER_ROLE} LOGIN PASSWORD '${passwords[OWNER_ROLE]}'`);
    await admin.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${passwords[APP_ROLE]}'`);
  } finally {
    await admin.end();
  }
  // The URLs name the `postgres` database; withDatabase() points them at another one.
  return { port, dir, adminUrl: url(SUPERUSER, "postgres"), ownerUrl: url(OWNER_ROLE, "postgres"), appUrl: url(APP_ROLE, "postgres"), stop };
}

/** The same URL on another database of the same server. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Runs SQL statements on a URL, one after another, and returns their results.
 * @param {string} adminUrl
 * @param {...string} statements
 * @returns {Promise<{ rows: any[] }[]>}
 */
export async function adminQuery(adminUrl, ...statements) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const results = [];
    for (const sql of statements) results.push(await client.query(sql));
    return results;
  } finally {
    await client.end();
  }
}
