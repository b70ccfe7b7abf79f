import { execFileSync, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import { startApp } from "./global-setup";
import { apiToken, createOneModuleProgramme, DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";
import { HttpClient } from "../support/http-client";
import { request as playwrightRequest } from "@playwright/test";

/**
 * Four defects an outside review found, each reproduced as it was reported, over real HTTP to
 * real app processes (a second one serves the same database, as behind a load balancer).
 */
let second: { url: string; child: ChildProcess };
test.beforeAll(async () => {
  second = await startApp(JSON.parse(process.env.E2E_APP_ENV!), "scripts/serve.mjs");
});
test.afterAll(() => {
  second?.child.kill("SIGTERM");
});

/** A client address of its own (a new one each run), so that the limits it reaches touch no other test. */
const ownAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

/** The demo manager signed in through `url`, as an HTTP client keeping the session cookie. */
async function managerThrough(url: string) {
  return new HttpClient(url, { headers: { "X-Forwarded-For": ownAddress() } }).signIn(DEMO.manager, DEMO_PASSWORD);
}

test("un cookie de session mal encodé compte comme aucune session : jamais d'erreur 500", async () => {
  const base = process.env.E2E_BASE_URL!;
  const context = await playwrightRequest.newContext({ baseURL: base });
  const token = await apiToken(context, DEMO.manager);
  const programme = await createOneModuleProgramme(context, token, "BTS cookie mal encodé");
  for (const cookie of ["maquette_session=%E0%A4%A", "maquette_session=%", "maquette_session=%ZZ; maquette_lang=%E0%A4%A", "maquette_lang=%; maquette_session=%E0%A4%A"]) {
    // A page behind the guard, and the coverage page that is answered in front of Remix when it can be.
    for (const path of ["/programmes", `/programmes/${programme}/couverture`]) {
      const answer = await new HttpClient(base, { headers: { Cookie: cookie } }).get(path);
      expect(answer.status, `${cookie} sur ${path} : ${answer.text.slice(0, 200)}`).toBe(302);
      expect(answer.headers.get("location"), cookie).toMatch(/^\/connexion/);
    }
  }
});

test("200 mots de passe faux envoyés en parallèle par deux processus : 10 vérifiés au plus, les autres refusés (429)", async () => {
  test.setTimeout(180_000);
  const address = ownAddress();
  const email = `cible-${Date.now()}@nulle-part.fr`;
  const clients = [process.env.E2E_BASE_URL!, second.url].map((url) => new HttpClient(url, { headers: { "X-Forwarded-For": address } }));
  const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => clients[i % 2].post("/api/v1/tokens", { json: { email, password: `essai numéro ${i}` } }).then((a) => a.status)));
  const count = (status: number) => statuses.filter((s) => s === status).length;
  expect(count(401), `réponses : ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s, count(s)])))}`).toBeLessThanOrEqual(10);
  expect(count(401) + count(429)).toBe(200);

  // The sign-in form alone, from another address and for another account, in parallel too.
  const other = `autre-cible-${Date.now()}@nulle-part.fr`;
  const forms = [process.env.E2E_BASE_URL!, second.url].map((url) => new HttpClient(url, { headers: { "X-Forwarded-For": ownAddress() } }));
  const signIns = await Promise.all(Array.from({ length: 60 }, (_, i) => forms[i % 2].post("/connexion", { form: [["email", other], ["password", `essai ${i}`]] }).then((a) => a.status)));
  expect(signIns.filter((s) => s === 400).length).toBeLessThanOrEqual(10);
  expect(signIns.filter((s) => s === 400 || s === 429)).toHaveLength(60);
});

test("le PDF du rapport ne suit pas l'en-tête Host : un serveur à l'écoute sur un autre port ne reçoit rien", async () => {
  test.setTimeout(90_000);
  const connections: string[] = [];
  const listener: Server = createServer((socket) => {
    connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.on("data", (chunk) => connections.push(chunk.toString("latin1").split("\r\n")[0]));
    socket.end("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n<h1>Ce n'est pas Maquette</h1>");
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const port = (listener.address() as { port: number }).port;
  try {
    const manager = await managerThrough(second.url);
    const context = await playwrightRequest.newContext({ baseURL: second.url });
    const programme = await createOneModuleProgramme(context, await apiToken(context, DEMO.manager), "BTS en-tête Host");
    const answer = await manager.send("GET", `/programmes/${programme}/rapport/pdf`, { headers: { Host: `127.0.0.1:${port}` } });
    expect(connections, "le navigateur du serveur a joint l'adresse de l'en-tête Host").toEqual([]);
    expect(answer.status, answer.text.slice(0, 200)).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
  } finally {
    listener.close();
  }
});

/** The browsers the app process runs now (Chromium's main processes are its direct children). */
function browsersOf(pid: number): number {
  try {
    return execFileSync("ps", ["-o", "args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => /chrom/i.test(line)).length;
  } catch {
    return 0; // ps ends with 1 when the process has no child
  }
}

test("des PDF demandés en parallèle : un navigateur par processus (2 au plus), chaque demande reçoit son PDF", async () => {
  test.setTimeout(180_000);
  const manager = await managerThrough(second.url);
  const context = await playwrightRequest.newContext({ baseURL: second.url });
  const programme = await createOneModuleProgramme(context, await apiToken(context, DEMO.manager), "BTS PDF en parallèle");
  let most = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      most = Math.max(most, browsersOf(second.child.pid!));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const answers = await Promise.all(Array.from({ length: 8 }, () => manager.get(`/programmes/${programme}/rapport/pdf`)));
  sampling = false;
  await sampler;
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
  for (const answer of answers) expect(Buffer.from(answer.bytes).subarray(0, 5).toString()).toBe("%PDF-");
  expect(most, "navigateurs lancés en même temps par le processus").toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(2);
});
