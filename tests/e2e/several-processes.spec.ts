import type { ChildProcess } from "node:child_process";
import { request as playwrightRequest } from "@playwright/test";
import { startApp } from "./global-setup";
import { createOneModuleProgramme, DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

/**
 * Two app processes on one database, as behind a load balancer: a session opened through one
 * is honoured (and closed) by the other, and the sign-in limit counts the failures of both.
 * Real HTTP to two real servers; the second serves the same build (`npm run serve`).
 */
let second: { url: string; child: ChildProcess };
test.beforeAll(async () => {
  second = await startApp(JSON.parse(process.env.E2E_APP_ENV!), "scripts/serve.mjs");
});
test.afterAll(() => {
  second?.child.kill("SIGTERM");
});

const client = (baseURL: string, headers: Record<string, string> = {}) =>
  playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL, ...headers }, maxRedirects: 0 });

/** The demo manager signed in through the process at `baseURL`: the session cookie it set. */
async function signInThrough(baseURL: string) {
  const response = await (await client(baseURL)).post("/connexion", { form: { email: DEMO.manager, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(302);
  return /^([^;]+)/.exec(response.headers()["set-cookie"] ?? "")![1];
}

/** An API token of the demo manager, made through the process at `baseURL`. */
async function tokenThrough(baseURL: string) {
  return ((await (await (await client(baseURL)).post("/api/v1/tokens", { data: { email: DEMO.manager, password: DEMO_PASSWORD } })).json()) as { token: string }).token;
}

test("une session ouverte par un processus est reconnue par l'autre, et la déconnexion par l'autre la ferme pour les deux", async () => {
  const first = process.env.E2E_BASE_URL!;
  expect(second.url).not.toBe(first);
  const cookie = await signInThrough(first);

  const throughSecond = await client(second.url, { Cookie: cookie });
  const page = await throughSecond.get("/programmes");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("Master Management du commerce électronique");

  expect((await throughSecond.post("/deconnexion")).status()).toBe(302);
  const afterwards = await (await client(first, { Cookie: cookie })).get("/programmes");
  expect(afterwards.status()).toBe(302);
  expect(afterwards.headers()["location"]).toMatch(/^\/connexion/);
});

test("la limite de tentatives de connexion tient sur les deux processus ensemble", async () => {
  // A client address of its own (a new one each run), so that the limit reaches no other test.
  const address = `203.0.113.${1 + (Date.now() % 250)}`;
  const [a, b] = await Promise.all([client(process.env.E2E_BASE_URL!, { "X-Forwarded-For": address }), client(second.url, { "X-Forwarded-For": address })]);
  const statuses: number[] = [];
  // Ten failures in the minute from this address, five through each process.
  for (let i = 0; i < 10; i++) {
    statuses.push((await (i % 2 ? b : a).post("/connexion", { form: { email: `essai${i}@nulle-part.fr`, password: "pas le bon" } })).status());
  }
  expect(statuses).toEqual(Array(10).fill(400));
  expect((await a.post("/connexion", { form: { email: DEMO.admin, password: DEMO_PASSWORD } })).status()).toBe(429);
  expect((await b.post("/connexion", { form: { email: DEMO.admin, password: DEMO_PASSWORD } })).status()).toBe(429);
});

test("une réponse gardée par un processus n'est plus servie après un changement enregistré par l'autre", async () => {
  const first = process.env.E2E_BASE_URL!;
  const token = await tokenThrough(first);
  const [a, b] = await Promise.all([client(first, { Authorization: `Bearer ${token}` }), client(second.url, { Authorization: `Bearer ${token}` })]);
  const id = await createOneModuleProgramme(a, token, "BTS deux processus");
  const url = `/api/v1/programmes/${id}/coverage?sheet=charge-e-commerce&level=5`;
  const depthOfT06 = async (response: Awaited<ReturnType<typeof a.get>>) => ((await response.json()) as { items: { ref: string; achievedDepth: number }[] }).items.find((item) => item.ref === "T06")?.achievedDepth;

  expect((await a.get(url)).headers()["x-maquette-answer"]).toBeUndefined();
  const kept = await a.get(url);
  expect(kept.headers()["x-maquette-answer"]).toBe("kept");
  expect(await depthOfT06(kept)).toBe(1);

  // Through the second process, signed in there: one cell of the matrix, T06 to depth 4, assessed.
  const cookie = await signInThrough(second.url);
  const detail = (await (await b.get(`/api/v1/programmes/${id}`)).json()) as { modules: { id: string; version: number }[] };
  const cell = await (await client(second.url, { Cookie: cookie })).post(`/programmes/${id}/matrice/cellule`, {
    data: { moduleId: detail.modules[0].id, version: detail.modules[0].version, itemRef: "T06", depth: 4, assessed: true },
  });
  expect(cell.status(), await cell.text()).toBe(200);

  const after = await a.get(url);
  expect(after.headers()["x-maquette-answer"]).toBeUndefined();
  expect(await depthOfT06(after)).toBe(4);
  expect(await depthOfT06(await b.get(url))).toBe(4);
});

test("une page gardée par un processus n'est plus servie à une session fermée par l'autre", async () => {
  const first = process.env.E2E_BASE_URL!;
  const token = await tokenThrough(first);
  const id = await createOneModuleProgramme(await client(first, { Authorization: `Bearer ${token}` }), token, "BTS session fermée ailleurs");
  const path = `/programmes/${id}/couverture`;

  // Kept by the first process for this session: rendered, then kept, twice.
  const here = await client(first, { Cookie: await signInThrough(first) });
  expect((await here.get(path)).headers()["x-maquette-answer"]).toBeUndefined();
  for (let i = 0; i < 2; i++) {
    const kept = await here.get(path);
    expect(kept.status()).toBe(200);
    expect(kept.headers()["x-maquette-answer"]).toBe("kept");
  }

  // Signed in through the second process, the same person closes their other sessions.
  const there = await client(second.url, { Cookie: await signInThrough(second.url) });
  const closed = await there.post("/compte", { form: { intent: "sign-out-others" } });
  expect(closed.status()).toBe(200);
  expect((await there.get("/programmes")).status()).toBe(200);

  const refused = await here.get(path);
  expect(refused.status()).toBe(302);
  expect(refused.headers()["location"]).toMatch(/^\/connexion/);
  expect(refused.headers()["x-maquette-answer"]).toBeUndefined();
});
