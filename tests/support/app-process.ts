/**
 * The built app as a real process: `scripts/start.mjs` (what `npm start` runs: migrations,
 * reference data, demo school, then the HTTP server), or `scripts/server.mjs` alone on a
 * database as it is, on a SQLite file of the caller's, on a free port. Used by the end-to-end
 * global set-up and by the reliability suites, which kill and restart it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function waitForHealth(url: string, child: { exitCode: number | null; signalCode?: NodeJS.Signals | null }, deadline: number) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`Le serveur s'est arrêté (code ${child.exitCode ?? child.signalCode}).`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Le serveur n'a pas répondu sur ${url}/healthz à temps.`);
}

export type AppProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited (whatever the cause). */
  exited: Promise<void>;
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** SIGKILL, then wait for the exit: no shutdown code runs. */
  kill(): Promise<void>;
};

export async function startApp({
  databaseFile,
  port,
  env = {},
  output = "inherit",
  prepare = true,
}: {
  databaseFile: string;
  /** false: serve the database as it is, without `npm start`'s migrations and seed. */
  prepare?: boolean;
  port?: number;
  env?: Record<string, string>;
  /** "inherit" shows the server's log; a file name keeps a long run's output readable. */
  output?: "inherit" | { file: string };
}): Promise<AppProcess> {
  const chosenPort = port ?? (await freePort());
  const log = output === "inherit" ? "inherit" : openSync(output.file, "a");
  const child = spawn(process.execPath, [prepare ? "scripts/start.mjs" : "scripts/server.mjs"], {
    cwd: PROJECT_ROOT,
    // TRUST_PROXY=loopback: tests may say which client address a request comes from
    // (X-Forwarded-For), so that a rate-limit test does not limit the other tests.
    env: { ...process.env, PORT: String(chosenPort), HOST: "127.0.0.1", TRUST_PROXY: "loopback", DATABASE_URL: `file:${databaseFile}`, ...env },
    stdio: ["ignore", log, log],
  });
  if (typeof log === "number") closeSync(log);
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode) resolveExit();
    else child.once("exit", () => resolveExit());
  });
  const url = `http://127.0.0.1:${chosenPort}`;
  try {
    await waitForHealth(url, child, Date.now() + 120_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    port: chosenPort,
    child,
    exited,
    async stop() {
      if (child.exitCode === null && !child.signalCode) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode === null && !child.signalCode) child.kill("SIGKILL");
      await exited;
    },
  };
}
