import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, child: { exitCode: number | null }, deadline: number) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté (code ${child.exitCode}).`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Le serveur n'a pas répondu sur ${url}/healthz à temps.`);
}

/**
 * Starts the built app (npm start's script) on a free port with a fresh SQLite database and
 * the demo data, and stops it after the run. Tests read the address from E2E_BASE_URL.
 */
export default async function globalSetup() {
  const port = await freePort();
  const dir = join(root, `tests/.tmp/e2e-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    // TRUST_PROXY=loopback: tests may say which client address a request comes from
    // (X-Forwarded-For), so that the rate-limit test does not limit the other tests.
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TRUST_PROXY: "loopback", DATABASE_URL: `file:${join(dir, "e2e.db")}` },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, Date.now() + 120_000);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_FILE = join(dir, "e2e.db");
  return async () => {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 200));
  };
}
