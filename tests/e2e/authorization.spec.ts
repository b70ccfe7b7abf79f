import { readdirSync } from "node:fs";
import { join } from "node:path";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { AUTHORIZATION_MATRIX, PERSONAS, type MatrixRow, type Outcome, type Persona } from "../authorization-matrix";
import { databaseChecksum } from "./database";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

const baseURL = () => process.env.E2E_BASE_URL!;
type Ids = { programme: string; module: string; school: string; list: string };

/** The demo school's own requirement list (seed/demo/school-list.json). */
const DEMO_LIST = "demo~acquis-master";

async function newContext(extraHTTPHeaders: Record<string, string> = {}) {
  return playwrightRequest.newContext({ baseURL: baseURL(), extraHTTPHeaders: { Origin: baseURL(), ...extraHTTPHeaders }, maxRedirects: 0 });
}

async function signedInContext(email: string, password = DEMO_PASSWORD) {
  const context = await newContext();
  const response = await context.post("/connexion", { form: { email, password } });
  expect(response.status(), `connexion de ${email}`).toBe(302);
  return context;
}

async function token(context: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const response = await context.post("/api/v1/tokens", { data: { email, password } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function schoolIds(context: APIRequestContext, bearer: string): Promise<Ids> {
  const list = await (await context.get("/api/v1/programmes", { headers: { Authorization: `Bearer ${bearer}` } })).json();
  const programme = list.programmes.sort((a: { level: number }, b: { level: number }) => a.level - b.level)[0];
  const detail = await (await context.get(`/api/v1/programmes/${programme.id}`, { headers: { Authorization: `Bearer ${bearer}` } })).json();
  return { programme: programme.id, module: detail.modules[0].id, school: list.school.id, list: DEMO_LIST };
}

function fill(text: string, ids: Ids) {
  return text.replace(":programme", ids.programme).replace(":module", ids.module).replace(":school", ids.school).replace(":list", ids.list);
}

function outcomeOf(response: APIResponse): Outcome {
  if (response.status() >= 300 && response.status() < 400) {
    return (response.headers()["location"] ?? "").startsWith("/connexion") ? "login" : "redirect";
  }
  return response.status();
}

async function send(context: APIRequestContext, row: MatrixRow, ids: Ids, headers: Record<string, string>) {
  const path = fill(row.path, ids);
  if (row.method === "GET") return context.get(path, { headers });
  if (row.multipart) return context.post(path, { headers, multipart: { rien: "" } });
  if (row.json !== undefined) return context.post(path, { headers, data: row.json });
  return context.post(path, { headers, form: Object.fromEntries(Object.entries(row.form ?? {}).map(([k, v]) => [k, fill(v, ids)])) });
}

const EMAILS: Record<Exclude<Persona, "anonymous">, string> = { teacher: DEMO.teacher, manager: DEMO.manager, reviewer: DEMO.reviewer, admin: DEMO.admin };

test.describe("matrice d'autorisation", () => {
  test.describe.configure({ timeout: 180_000 });

  test("chaque fichier de app/routes a ses lignes dans la matrice", () => {
    const files = readdirSync(join(process.cwd(), "app/routes")).map((file) => file.replace(/\.tsx?$/, ""));
    const covered = new Set(AUTHORIZATION_MATRIX.map((row) => row.route));
    expect(files.filter((file) => !covered.has(file)), "routes sans ligne dans tests/authorization-matrix.ts").toEqual([]);
    expect([...covered].filter((route) => !files.includes(route)), "lignes pour des routes qui n'existent plus").toEqual([]);
  });

  test("chaque route répond comme la matrice le dit, pour chaque rôle, dans son établissement et dans un autre", async () => {
    // Another school with one programme, created through the app.
    const stranger = await newContext();
    const email = `admin-${Date.now()}@autre-ecole.fr`;
    expect((await stranger.post("/inscription", { form: { schoolName: "Autre école", name: "Admin Autre", email, password: "un mot de passe solide" } })).status()).toBe(302);
    const strangerToken = await token(stranger, email, "un mot de passe solide");
    const created = await stranger.post("/api/v1/programmes", {
      headers: { Authorization: `Bearer ${strangerToken}` },
      data: { title: "Formation de l'autre école", level: 5, targets: ["charge-e-commerce"], rows: [{ module_code: "X1", module_title: "Module X", semester: 1, ects: 30, hours: 10, item_ref: "T06", depth: 1, assessed: "oui" }] },
    });
    expect(created.status(), await created.text()).toBe(201);
    // Its own requirement list, published.
    const createdList = await stranger.post("/referentiels/nouvelle-liste", { form: { title: "Liste de l'autre école", slug: "acquis", "groups[0].label": "Tout", "groups[0].items[0].label": "Savoir faire" } });
    expect(createdList.status(), await createdList.text()).toBe(302);
    const otherList = decodeURIComponent(new URL(createdList.headers()["location"], baseURL()).pathname.split("/")[2]);
    expect((await stranger.post(`/referentiels/${otherList}/modifier`, { form: { intent: "publish", revision: "1" } })).status()).toBe(302);
    const other = { ...(await schoolIds(stranger, strangerToken)), list: otherList };

    const contexts = { anonymous: await newContext() } as Record<Persona, APIRequestContext>;
    const tokens = {} as Record<Persona, string | null>;
    tokens.anonymous = null;
    for (const persona of PERSONAS.filter((p) => p !== "anonymous") as Exclude<Persona, "anonymous">[]) {
      contexts[persona] = await signedInContext(EMAILS[persona]);
      tokens[persona] = await token(contexts[persona], EMAILS[persona]);
    }
    const own = await schoolIds(contexts.manager, tokens.manager!);

    const mismatches: string[] = [];
    let checked = 0;
    for (const row of AUTHORIZATION_MATRIX) {
      for (const [scope, ids, expected] of [["own", own, row.own], ...(row.other ? [["other", other, row.other]] : [])] as [string, Ids, Record<Persona, Outcome>][]) {
        for (const persona of PERSONAS) {
          const headers: Record<string, string> = row.api && tokens[persona] ? { Authorization: `Bearer ${tokens[persona]}` } : {};
          const context = row.freshSession && persona !== "anonymous" ? await signedInContext(EMAILS[persona]) : contexts[persona];
          const actual = outcomeOf(await send(context, row, ids, headers));
          checked++;
          if (actual !== expected[persona]) mismatches.push(`${row.method} ${row.path} [${scope}] ${persona}: attendu ${expected[persona]}, reçu ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  test("toute lecture (GET) laisse la base inchangée", async () => {
    const contexts = [await newContext(), ...(await Promise.all(Object.values(EMAILS).map((email) => signedInContext(email))))];
    const manager = await signedInContext(DEMO.manager);
    const own = await schoolIds(manager, await token(manager, DEMO.manager));
    const before = await databaseChecksum();
    for (const row of AUTHORIZATION_MATRIX.filter((r) => r.method === "GET" && !r.api)) {
      for (const context of contexts) await send(context, row, own, {});
    }
    expect(await databaseChecksum()).toBe(before);
  });

  test("un POST venu d'un autre site est refusé partout et n'écrit rien", async () => {
    const admin = await signedInContext(DEMO.admin);
    const own = await schoolIds(admin, await token(admin, DEMO.admin));
    const cookies = (await admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const evil = await playwrightRequest.newContext({ baseURL: baseURL(), extraHTTPHeaders: { Origin: "https://site-malveillant.example", Cookie: cookies }, maxRedirects: 0 });
    const before = await databaseChecksum();
    for (const row of AUTHORIZATION_MATRIX.filter((r) => r.method === "POST" && !r.api)) {
      const response = await send(evil, row, own, {});
      expect(response.status(), `${row.method} ${row.path}`).toBe(403);
    }
    expect(await databaseChecksum()).toBe(before);
  });
});
