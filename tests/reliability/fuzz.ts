/**
 * The fuzz suite's engine: a school of its own on the running app, the cases fast-check
 * generates, how each case becomes a real HTTP request, and what must hold after each answer:
 *
 * - never a 5xx (nor a dropped connection);
 * - a refusal (4xx) says why in words, and wrote nothing: the database, table by table, is
 *   what it was before (bookkeeping a read may write aside: see database-snapshot.ts);
 * - a success changed nothing it was not asked to: no other school's rows, no role of the
 *   school's people, no "demo" flag, no module version by more than one step.
 *
 * Cheap where it can be: `PRAGMA data_version` says whether anything at all was committed
 * since the last look; the full checksum is computed only when something was.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { BOOKKEEPING_COLUMNS, BOOKKEEPING_TABLES, checksumOf } from "../support/database-snapshot";
import { HttpClient, type Answer, type RequestBody } from "../support/http-client";
import { createSchool, expectStatus, type SchoolWorld } from "../support/school";
import { FUZZ_TARGETS, GET_ROWS, QUERY_NAMES, type FieldKind, type FuzzTarget, type Sender } from "./fuzz-targets";
import { hostileHeaders, planHeaders, someHostileHeader, type HeaderCase } from "./fuzz-headers";
import { createServer, type Server } from "node:net";
import {
  fieldValue,
  hostileText,
  isSym,
  jsonFieldValue,
  validJsonValue,
  validValue,
  massAssignment,
  programmeFile,
  sheetFile,
  validProgrammeFile,
  validSheetFile,
  PROGRAMME_HEADER,
  type Gen,
  type PoolName,
  type ProgrammeFileSpec,
  type SheetFileSpec,
  type Sym,
} from "./fuzz-values";

/* ----------------------------------------------------------------- cases */

type Value = string | Sym;
type Segment = Value | { raw: string };

export type PostCase = {
  kind: "post";
  target: number;
  /** null: the target's own sender. */
  sender: Sender | null;
  origin: "own" | "foreign" | "none";
  intent: Value | null;
  fields: [string, Gen][];
  /** Sends the fields in another encoding than the endpoint expects, or a body that is no encoding at all. */
  swap: null | "json" | "form" | "multipart" | "garbage";
  dataSuffix: boolean;
  segments: { programme: Segment; module: Segment; invitation: Segment };
  programmeFile: ProgrammeFileSpec;
  sheetFile: SheetFileSpec;
  fileName: Value;
  auth: "own" | "none" | "garbage";
  address: number;
  /** A hostile header (tests/reliability/fuzz-headers.ts), or none. */
  headers: HeaderCase | null;
  mode: "valid" | "mixed";
};

export type GetCase = {
  kind: "get";
  row: number;
  sender: Sender;
  query: [Value, Value][];
  segments: { programme: Segment; module: Segment; slug: Segment | null; format: Segment | null };
  dataSuffix: boolean;
  auth: "own" | "none" | "garbage";
  address: number;
  headers: HeaderCase | null;
};

export type FuzzCase = PostCase | GetCase;

const SENDERS: Sender[] = ["anonymous", "admin", "manager", "teacher", "reviewer"];
const RAW_SEGMENTS = ["%", "%E0%A4%A", "%00", "..", "%2e%2e", "a%2Fb", "%C0%AF", "x".repeat(3000)];

/** A path segment: in a valid case the suite's own programme, module or invitation (their pools list it first); otherwise anything. */
const segment = (pool: PoolName, mode: "valid" | "mixed" = "mixed"): fc.Arbitrary<Segment> =>
  mode === "valid"
    ? fc.constant<Segment>({ pool, n: 0 })
    : fc.oneof(
        { weight: 6, arbitrary: fc.nat({ max: 50 }).map((n): Segment => ({ pool, n })) },
        { weight: 1, arbitrary: hostileText.map((s): Segment => s) },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw): Segment => ({ raw })) },
      );

/**
 * The fields of a request. "valid": every field with a value it accepts (plus, now and then,
 * fields that try to set what they must not), so that requests reach the deeper code and
 * succeed; "mixed": fields left out, borderline or hostile values, wrong types, duplicates.
 */
function fieldsFor(target: FuzzTarget, names: Record<string, FieldKind>, mode: "valid" | "mixed"): fc.Arbitrary<[string, Gen][]> {
  const json = target.encoding === "json" || target.encoding === "programme-api";
  const entries = Object.entries(names).filter(([, kind]) => !["csvFile", "sheetFile", "rows"].includes(kind));
  const extra = fc.oneof({ weight: 3, arbitrary: fc.constant([] as [string, Gen][]) }, { weight: 1, arbitrary: fc.array(massAssignment, { minLength: 1, maxLength: 2 }) });
  if (mode === "valid") {
    const value = (kind: FieldKind): fc.Arbitrary<Gen> => (json ? validJsonValue(kind) : validValue(kind));
    return fc.tuple(fc.tuple(...entries.map(([name, kind]) => value(kind).map((v): [string, Gen] => [name, v]))), extra).map(([fields, more]) => [...fields, ...more]);
  }
  const value = (kind: FieldKind): fc.Arbitrary<Gen> => (json ? jsonFieldValue(kind) : fieldValue(kind));
  const known = fc.tuple(...entries.map(([name, kind]) => fc.option(value(kind).map((v): [string, Gen] => [name, v]), { freq: 8 })));
  const duplicates = entries.length
    ? fc.array(fc.constantFrom(...entries).chain(([name, kind]) => value(kind).map((v): [string, Gen] => [name, v])), { maxLength: 2 })
    : fc.constant([] as [string, Gen][]);
  return fc
    .tuple(known, extra, duplicates, fc.array(fc.tuple(hostileText, hostileText.map((v): Gen => v)), { maxLength: 1 }))
    .map(([fields, more, dup, strange]) => [...fields.filter((f): f is [string, Gen] => f !== null), ...more, ...dup, ...strange]);
}

const address = fc.nat({ max: 0xffffff });
const auth = fc.constantFrom<"own" | "none" | "garbage">("own", "own", "own", "own", "none", "garbage");

function postCase(index: number, headers: fc.Arbitrary<HeaderCase | null> = hostileHeaders): fc.Arbitrary<PostCase> {
  const target = FUZZ_TARGETS[index];
  const intentNames = Object.keys(target.intents ?? {});
  const intentAndFields = (mode: "valid" | "mixed"): fc.Arbitrary<{ intent: Value | null; fields: [string, Gen][] }> =>
    intentNames.length
      ? fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...intentNames).chain((intent) => fieldsFor(target, { ...target.fields, ...target.intents![intent] }, mode).map((fields) => ({ intent: intent as Value, fields }))) },
          { weight: 1, arbitrary: fc.tuple(hostileText, fieldsFor(target, target.fields, mode)).map(([intent, fields]) => ({ intent: intent as Value, fields })) },
        )
      : fieldsFor(target, target.fields, mode).map((fields) => ({ intent: null, fields }));
  const mixed = (mode: "valid" | "mixed") => mode === "mixed";
  return fc.constantFrom<"valid" | "mixed">("valid", "valid", "mixed", "mixed", "mixed").chain((mode) =>
    fc.record({
      kind: fc.constant<"post">("post"),
      target: fc.constant(index),
      sender: mixed(mode) ? fc.oneof({ weight: 4, arbitrary: fc.constant<Sender | null>(null) }, { weight: 1, arbitrary: fc.constantFrom<Sender | null>(...SENDERS) }) : fc.constant(null),
      origin: mixed(mode) ? fc.constantFrom<PostCase["origin"]>("own", "own", "own", "own", "foreign", "none") : fc.constant<PostCase["origin"]>("own"),
      intent: fc.constant(null),
      fields: fc.constant([]),
      swap: mixed(mode) ? fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<PostCase["swap"]>("json", "form", "multipart", "garbage") }) : fc.constant(null),
      dataSuffix: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      segments: fc.record({ programme: segment("programmeId", mode), module: segment("moduleId", mode), invitation: segment("invitationToken", mode) }),
      programmeFile: mixed(mode) ? programmeFile : validProgrammeFile,
      sheetFile: mixed(mode) ? sheetFile : validSheetFile,
      fileName: mixed(mode) ? fc.oneof({ weight: 3, arbitrary: fc.constant<Value>("") }, { weight: 1, arbitrary: hostileText.map((v): Value => v) }) : fc.constant<Value>(""),
      auth: mixed(mode) ? auth : fc.constant<"own">("own"),
      address,
      headers,
      mode: fc.constant(mode),
    }).chain((c) => intentAndFields(mode).map((x) => ({ ...c, intent: x.intent, fields: x.fields }))),
  );
}

function getCase(index: number, headers: fc.Arbitrary<HeaderCase | null> = hostileHeaders): fc.Arbitrary<GetCase> {
  return fc.record({
    kind: fc.constant<"get">("get"),
    row: fc.constant(index),
    sender: fc.constantFrom(...SENDERS),
    query: fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Value>(...QUERY_NAMES) }, { weight: 1, arbitrary: hostileText.map((v): Value => v) }), fc.oneof(fieldValue("int"), fieldValue("slug"), hostileText.map((v): Value => v))), { maxLength: 3 }),
    segments: fc.record({
      programme: segment("programmeId"),
      module: segment("moduleId"),
      slug: fc.option(fc.oneof(fieldValue("slug"), fc.constantFrom(...RAW_SEGMENTS).map((raw): Segment => ({ raw }))), { freq: 3 }),
      format: fc.option(fc.oneof(fc.constantFrom<Segment>("json", "case", "moodle", "csv", "xlsx", "pdf", "pdf.exe"), hostileText.map((v): Segment => v)), { freq: 4 }),
    }),
    dataSuffix: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    auth,
    address,
    headers,
  });
}

/**
 * A case that reaches the target the way its form does (valid fields, its own sender), with
 * its body sent in another encoding: what a script posting JSON to a form action does.
 */
export function swappedEncodingCase(index: number, swap: "json" | "garbage", seed: number): PostCase {
  const [c] = fc.sample(postCase(index, fc.constant(null)).filter((c) => c.mode === "valid"), { numRuns: 1, seed });
  return { ...c, swap };
}

/**
 * The forms whose failures count per client address (passwords, codes, sign-ups). Behind no
 * trusted proxy every request of the suite comes from one address: their failures would soon
 * stop the suite's own sign-ins, so runs without TRUST_PROXY leave them out (the runs with it
 * send them).
 */
const COUNTED_PER_ADDRESS = new Set(["connexion", "connexion_.second-facteur", "confirmer", "inscription", "api.v1.tokens", "compte"]);

/**
 * Any case: a POST to one of the targets (most of the time) or a GET of a page or an API read,
 * now and then with a hostile header. `trustProxy: false`: for a server without TRUST_PROXY
 * (see COUNTED_PER_ADDRESS); `alwaysHostile`: every case carries a hostile header.
 */
export function fuzzCaseFor({ trustProxy = true, alwaysHostile = false }: { trustProxy?: boolean; alwaysHostile?: boolean } = {}): fc.Arbitrary<FuzzCase> {
  const headers: fc.Arbitrary<HeaderCase | null> = alwaysHostile ? someHostileHeader : hostileHeaders;
  const targets = FUZZ_TARGETS.flatMap((target, index) => (trustProxy || !COUNTED_PER_ADDRESS.has(target.route) ? [index] : []));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...targets).chain((index) => postCase(index, headers)) },
    { weight: 1, arbitrary: fc.nat({ max: GET_ROWS.length - 1 }).chain((index) => getCase(index, headers)) },
  );
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fuzzCaseFor();

/* ----------------------------------------------------------------- world */

type Pools = Record<PoolName, string[]>;

/** The suite's state on the running app: its school, another one, and the database it reads. */
export class FuzzWorld {
  readonly db: Database.Database;
  private checksum: { dataVersion: number; value: string } | null = null;
  private sheetJson = "";
  private sheetCase = "";
  pools: Pools = {} as Pools;
  otherSchoolIds: string[] = [];
  private foreignFingerprint = "";
  private mainMemberships = "";
  private demoFlags = "";

  /**
   * A port of this machine where the suite listens, named in hostile Host and X-Forwarded-Host
   * headers: no request may ever reach it (the app's own browser, for the report's PDF, renders
   * from the app's own address, never from a request's headers).
   */
  private canary: Server | null = null;
  canaryAddress = "";
  readonly canaryHits: string[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly databaseFile: string,
    readonly own: SchoolWorld,
    readonly other: SchoolWorld<"admin" | "manager">,
    readonly spareProgramme: { id: string; title: string },
  ) {
    this.db = new Database(databaseFile, { readonly: true });
  }

  private async listen() {
    const canary = createServer((socket) => {
      this.canaryHits.push(`connexion de ${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
    this.canary = canary;
    this.canaryAddress = `127.0.0.1:${(canary.address() as { port: number }).port}`;
  }

  static async create(baseUrl: string, databaseFile: string): Promise<FuzzWorld> {
    const tag = randomBytes(4).toString("hex");
    const own = await createSchool(baseUrl, { databaseFile, tag: `f${tag}` });
    const other = await createSchool(baseUrl, { databaseFile, tag: `o${tag}`, moduleCount: 2, personas: [] });
    const spareTitle = `Formation à supprimer ${tag}`;
    const spare = await own.clients.manager.post(
      "/api/v1/programmes",
      { json: { title: spareTitle, level: 5, targets: ["charge-e-commerce"], rows: [{ module_code: "S1", module_title: "Seul module", semester: 1, ects: 30, hours: 10, item_ref: "T06", depth: 1 }] } },
      { Authorization: `Bearer ${own.tokens.manager}` },
    );
    await expectStatus(spare, 201, "formation à supprimer");
    const world = new FuzzWorld(baseUrl, databaseFile, own, other, { id: (spare.json() as { id: string }).id, title: spareTitle });
    await world.listen();
    // Pending invitations whose links the suite may accept (a new account), in both schools.
    world.invitationTokens = [];
    for (const school of [own, own, other]) {
      const page = await school.clients.admin.post("/etablissement/membres", { form: [["intent", "invite"], ["email", `invite-${randomBytes(3).toString("hex")}@exemple.fr`], ["role", "teacher"]] });
      const token = /\/invitation\/([A-Za-z0-9_-]{20,})/.exec(page.text)?.[1];
      if (!token) throw new Error("Lien d'invitation introuvable.");
      world.invitationTokens.push(token);
    }
    world.sheetJson = (await own.clients.admin.get("/referentiels/charge-e-commerce/export/json")).text;
    world.sheetCase = (await own.clients.admin.get("/referentiels/charge-e-commerce/export/case")).text;
    world.refreshPools();
    world.otherSchoolIds = (world.db.prepare(`SELECT id FROM "School" WHERE id <> ?`).all(own.schoolId) as { id: string }[]).map((r) => r.id);
    world.foreignFingerprint = world.fingerprintOfOtherSchools();
    world.mainMemberships = world.membershipsOfPersonas();
    world.demoFlags = world.demoFlagCounts();
    return world;
  }

  private invitationTokens: string[] = [];

  close() {
    this.canary?.close();
    this.db.close();
  }

  /** Ids and names the symbols resolve to, read again after writes (modules come and go). */
  refreshPools() {
    const { own, other } = this;
    const all = <T>(sql: string, ...args: unknown[]) => this.db.prepare(sql).all(...args) as T[];
    const ids = (sql: string, ...args: unknown[]) => all<{ id: string }>(sql, ...args).map((r) => r.id);
    const demo = ids(`SELECT id FROM "School" WHERE slug = 'demo'`);
    this.pools = {
      programmeId: [own.programmeId, this.spareProgramme.id, other.programmeId, ...ids(`SELECT id FROM "Programme" WHERE "schoolId" IN (${demo.map(() => "?").join(",") || "''"}) LIMIT 1`, ...demo)],
      moduleId: [...ids(`SELECT id FROM "Module" WHERE "programmeId" = ? ORDER BY code`, own.programmeId), other.modules[0].id, ...ids(`SELECT id FROM "Module" WHERE "programmeId" = ?`, this.spareProgramme.id)],
      schoolId: [own.schoolId, other.schoolId, ...demo],
      membershipId: [own.spareMembershipId, other.spareMembershipId, ...ids(`SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = ?`, own.emails.admin)],
      tokenId: ids(`SELECT t.id FROM "ApiToken" t WHERE t."schoolId" IN (?, ?) ORDER BY t."createdAt" LIMIT 12`, own.schoolId, other.schoolId),
      invitationId: ids(`SELECT id FROM "Invitation" WHERE "schoolId" IN (?, ?) LIMIT 8`, own.schoolId, other.schoolId),
      invitationToken: [...this.invitationTokens, "lien-inconnu"],
      userId: ids(`SELECT u.id FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE m."schoolId" IN (?, ?) LIMIT 12`, own.schoolId, other.schoolId),
      itemRef: [...own.itemRefs, "T01", "K-34093", "directeur-e-commerce/C1"],
      confirmTitle: [this.spareProgramme.title],
      currentVersion: [],
      knownPassword: [own.password],
      // Sign-ins the suite attempts use the spare account, never a persona's: the rate limit
      // counts failures per account, and the personas must always be able to sign in again.
      email: [own.spareEmail, other.emails.admin],
    };
  }

  resolve(value: Value, context: { moduleId?: string } = {}): string {
    if (!isSym(value)) return value;
    if (value.pool === "currentVersion") {
      const moduleId = context.moduleId ?? this.pools.moduleId[0];
      const row = this.db.prepare(`SELECT version FROM "Module" WHERE id = ?`).get(moduleId) as { version: number } | undefined;
      return String(row?.version ?? 1);
    }
    const pool = this.pools[value.pool];
    return pool.length ? pool[value.n % pool.length] : "";
  }

  client(sender: Sender, address: number): HttpClient {
    const forwarded = { "X-Forwarded-For": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${Math.max(1, address & 255)}` };
    return new HttpClient(this.baseUrl, { headers: forwarded });
  }

  /** The sender's session cookie ("" for nobody). */
  private cookieOf(sender: Sender): string {
    return sender === "anonymous" ? "" : this.own.clients[sender].cookieHeader;
  }

  /** Sends a request with the case's hostile header, if it has one. */
  private async sendWith(client: HttpClient, c: FuzzCase, sender: Sender, method: string, url: string, init: { body?: RequestBody; headers: Record<string, string>; origin?: string | null }) {
    const plan = planHeaders(c.headers, init.headers, this.cookieOf(sender), this.canaryAddress);
    return client.send(method, url, { ...init, headers: plan.headers, contentType: plan.contentType, contentLength: plan.contentLength, abandon: plan.abandon });
  }

  /* -------------------------------------------------------- invariants */

  dataVersion(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  /** The checksum of the whole database as it is now (computed again only when something was committed). */
  currentChecksum(): string {
    const dataVersion = this.dataVersion();
    if (this.checksum?.dataVersion !== dataVersion) {
      this.checksum = { dataVersion, value: checksumOf(this.db, { skipColumns: BOOKKEEPING_COLUMNS, skipTables: BOOKKEEPING_TABLES }) };
    }
    return this.checksum.value;
  }

  moduleVersions(): Map<string, number> {
    const rows = this.db.prepare(`SELECT id, version FROM "Module" WHERE "schoolId" = ?`).all(this.own.schoolId) as { id: string; version: number }[];
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  fingerprintOfOtherSchools(): string {
    const marks = this.otherSchoolIds.map(() => "?").join(",");
    const q = (sql: string) => JSON.stringify(this.db.prepare(sql).all(...this.otherSchoolIds));
    return [
      q(`SELECT * FROM "School" WHERE id IN (${marks}) ORDER BY id`),
      q(`SELECT * FROM "Programme" WHERE "schoolId" IN (${marks}) ORDER BY id`),
      q(`SELECT t.* FROM "ProgrammeTarget" t JOIN "Programme" p ON p.id = t."programmeId" WHERE p."schoolId" IN (${marks}) ORDER BY 1, 2`),
      q(`SELECT * FROM "Module" WHERE "schoolId" IN (${marks}) ORDER BY id`),
      q(`SELECT x.* FROM "Mapping" x JOIN "Module" m ON m.id = x."moduleId" WHERE m."schoolId" IN (${marks}) ORDER BY 1, 2`),
      q(`SELECT * FROM "Membership" WHERE "schoolId" IN (${marks}) ORDER BY id`),
      q(`SELECT * FROM "Invitation" WHERE "schoolId" IN (${marks}) ORDER BY id`),
      q(`SELECT id, "userId", "schoolId", name, "revokedAt" FROM "ApiToken" WHERE "schoolId" IN (${marks}) ORDER BY id`),
    ].join("\n");
  }

  membershipsOfPersonas(): string {
    const emails = Object.values(this.own.emails);
    return JSON.stringify(
      this.db
        .prepare(`SELECT u.email, m."schoolId", m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email IN (${emails.map(() => "?").join(",")}) ORDER BY 1, 2`)
        .all(...emails),
    );
  }

  /**
   * Set when a success took a persona out of the suite's school (the admin removed them): the
   * suite can no longer act as that person, and the spec gives it a new school (`FuzzWorld.create`).
   */
  lostPersona = false;

  /** Whether each persona still belongs to the suite's school. */
  personasAreMembers(): boolean {
    const emails = Object.values(this.own.emails);
    const row = this.db
      .prepare(`SELECT count(DISTINCT u.email) AS n FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."schoolId" = ? AND u.email IN (${emails.map(() => "?").join(",")})`)
      .get(this.own.schoolId, ...emails) as { n: number };
    return row.n === new Set(emails).size;
  }

  demoFlagCounts(): string {
    return JSON.stringify([this.db.prepare(`SELECT count(*) AS n FROM "School" WHERE "isDemo" = 1`).get(), this.db.prepare(`SELECT count(*) AS n FROM "Programme" WHERE "isDemo" = 1`).get()]);
  }

  /* ----------------------------------------------------------- bodies */

  /** Serialises a generated JSON value by hand: duplicate keys, `__proto__` and deep nesting survive. */
  json(value: Gen, context: { moduleId?: string } = {}): string {
    if (value === null || typeof value === "boolean") return String(value);
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
    if (isSym(value) && value.asNumber) return String(Number(this.resolve(value, context)));
    if (typeof value === "string" || isSym(value)) return JSON.stringify(this.resolve(value, context));
    if ("rawNumber" in value) return value.rawNumber;
    if ("array" in value) return `[${value.array.map((v) => this.json(v, context)).join(",")}]`;
    if ("pairs" in value) return `{${value.pairs.map(([k, v]) => `${JSON.stringify(k)}:${this.json(v, context)}`).join(",")}}`;
    return value.open === "[" ? `${"[".repeat(value.nest)}${"]".repeat(value.nest)}` : `${'{"a":'.repeat(value.nest)}1${"}".repeat(value.nest)}`;
  }

  /** A generated value as one form field (a form has only text). */
  text(value: Gen, context: { moduleId?: string } = {}): string {
    if (typeof value === "string" || isSym(value)) return this.resolve(value, context);
    if (value === null || typeof value !== "object") return String(value);
    return this.json(value, context);
  }

  async programmeFileBytes(spec: ProgrammeFileSpec): Promise<{ bytes: Uint8Array; name: string; type: string }> {
    const rows = [spec.header, ...spec.rows].map((row) => row.map((cell) => this.resolve(cell)));
    for (let i = 0; i < spec.repeat; i++) rows.push([`R${i}`, "Module répété", "1", "1", "10", this.pools.itemRef[i % this.pools.itemRef.length], "2", "oui"]);
    if (spec.format === "bytes") {
      const prefix = spec.damage ? new Uint8Array([0x50, 0x4b, 3, 4]) : new Uint8Array();
      return { bytes: new Uint8Array([...prefix, ...spec.bytes]), name: spec.damage ? "formation.xlsx" : "formation.csv", type: "application/octet-stream" };
    }
    if (spec.format === "xlsx") {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Formation");
      // XML cannot carry control characters or lone surrogates: a spreadsheet would not write them either.
      // eslint-disable-next-line no-control-regex
      for (const row of rows) sheet.addRow(row.map((cell) => cell.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, "")));
      let bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      if (spec.damage) bytes = bytes.slice(0, Math.floor(bytes.length / 2));
      return { bytes, name: "formation.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    }
    const quote = (cell: string) => (/[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    let text = rows.map((row) => row.map(quote).join(spec.delimiter)).join(spec.lineEnd);
    if (spec.damage) text = text.replace(/,/, ',"');
    return { bytes: new TextEncoder().encode(`${spec.bom ? "\ufeff" : ""}${text}`), name: "formation.csv", type: "text/csv" };
  }

  /** A sheet file: one of the app's own exports, damaged in a few places, or a foreign CASE package, or no JSON at all. */
  sheetFileText(spec: SheetFileSpec): string {
    if (spec.base === "text") return spec.text;
    if (spec.base === "nest") return this.json({ nest: 1000 + spec.foreign.deep * 5, open: spec.foreign.items % 2 ? "[" : "{" });
    if (spec.base === "foreign-case") return this.foreignCase(spec);
    const value = JSON.parse(spec.base === "case" ? this.sheetCase : this.sheetJson) as Record<string, unknown>;
    if (spec.newSlug !== null) {
      const slug = `fuzz-${spec.newSlug}`;
      if (spec.base === "maquette") value.slug = slug;
      else ((value.CFDocument as { extensions: { maquette: Record<string, unknown> } }).extensions.maquette.slug = slug);
    }
    const placeholders: string[] = [];
    for (const mutation of spec.mutations) {
      const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
      const walk = (node: unknown) => {
        const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((child, i) => [i, child]) : node && typeof node === "object" ? Object.entries(node) : [];
        for (const [key, child] of entries) {
          paths.push({ parent: node as Record<string, unknown> | unknown[], key });
          walk(child);
        }
      };
      walk(value);
      if (!paths.length) break;
      const { parent, key } = paths[mutation.at % paths.length];
      if (mutation.op === "delete") {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
      } else if (mutation.op === "duplicate-array-item" && Array.isArray(parent)) {
        parent.push(parent[key as number]);
      } else {
        placeholders.push(this.json(mutation.value));
        (parent as Record<string | number, unknown>)[key] = `\u0001${placeholders.length - 1}\u0001`;
      }
    }
    return JSON.stringify(value).replace(/"\\u0001(\d+)\\u0001"/g, (_, n: string) => placeholders[Number(n)]);
  }

  private foreignCase(spec: SheetFileSpec): string {
    const { items, parents, deep } = spec.foreign;
    const total = items + deep;
    const CFItems = Array.from({ length: total }, (_, i) => ({ identifier: `i${i}`, fullStatement: i < items ? this.resolve(spec.mutations[i % Math.max(1, spec.mutations.length)]?.value as Value ?? `Item ${i}`) || `Item ${i}` : `Maillon ${i}`, CFItemType: i % 3 ? "Compétence" : "Savoir" }));
    const CFAssociations = CFItems.map((item, i) => {
      const parent = i >= items ? (i === items ? "doc" : `i${i - 1}`) : (parents[i] ?? -1) < 0 ? "doc" : `i${parents[i] % Math.max(1, items)}`;
      return { associationType: "isChildOf", originNodeURI: { identifier: item.identifier }, destinationNodeURI: { identifier: parent } };
    });
    return JSON.stringify({ CFDocument: { identifier: "doc", title: typeof spec.text === "string" && spec.text.trim() ? spec.text.slice(0, 500) : "Référentiel étranger", creator: "Fuzz" }, CFItems, CFAssociations });
  }

  /* ------------------------------------------------------------ sending */

  /** Builds the request of a case and sends it. */
  async send(c: FuzzCase): Promise<{ answer: Answer; summary: string; target: string; sender: Sender; repairs?: FuzzTarget["repairs"] }> {
    if (c.kind === "get") return this.sendGet(c);
    const target = FUZZ_TARGETS[c.target];
    const sender = c.sender ?? target.sender;
    const client = this.world(sender, c.address);
    const moduleId = this.resolveSegment(c.segments.module);
    const path = target.path
      .replace(":programme", this.encodeSegment(c.segments.programme))
      .replace(":module", this.encodeSegment(c.segments.module))
      .replace(":invitation", this.encodeSegment(c.segments.invitation));
    const fieldModule = c.fields.find(([name]) => name === "moduleId")?.[1];
    const context = { moduleId: fieldModule !== undefined && (typeof fieldModule === "string" || isSym(fieldModule)) ? this.resolve(fieldModule) : moduleId };
    const fields: [string, Gen][] = c.intent !== null ? [["intent", c.intent], ...c.fields] : c.fields;
    const headers: Record<string, string> = {};
    if (target.api && c.auth === "own" && sender !== "anonymous") headers.Authorization = `Bearer ${this.own.tokens[sender]}`;
    if (c.auth === "garbage") headers.Authorization = `Bearer ${"x".repeat(12)}`;
    let body: RequestBody;
    let url = c.dataSuffix ? `${path}.data` : path;
    const encoding = c.swap ?? target.encoding;
    if (encoding === "garbage") {
      body = { raw: randomBytes(64), type: ["application/x-www-form-urlencoded", "multipart/form-data; boundary=abc", "application/json", "text/csv"][c.address % 4] };
    } else if (encoding === "json") {
      body = { raw: `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${this.json(v, context)}`).join(",")}}`, type: "application/json" };
    } else if (encoding === "form") {
      body = { form: fields.map(([k, v]) => [k, this.text(v, context)]) };
    } else if (encoding === "multipart") {
      const parts: [string, string | { fileName: string; type: string; bytes: Uint8Array }][] = fields.map(([k, v]) => [k, this.text(v, context)]);
      const fileKind = Object.values(target.fields).find((kind) => kind === "csvFile" || kind === "sheetFile");
      if (fileKind === "csvFile") {
        const file = await this.programmeFileBytes(c.programmeFile);
        parts.push(["file", { fileName: this.resolve(c.fileName) || file.name, type: file.type, bytes: file.bytes }]);
      } else if (fileKind === "sheetFile") {
        parts.push(["file", { fileName: this.resolve(c.fileName) || "fiche.json", type: "application/json", bytes: new TextEncoder().encode(this.sheetFileText(c.sheetFile)) }]);
      }
      body = { multipart: parts };
    } else if (encoding === "raw-sheet") {
      const name = fields.find(([k]) => k === "filename");
      if (name) url += `?filename=${encodeURIComponent(wellFormed(this.text(name[1])))}`;
      body = { raw: this.sheetFileText(c.sheetFile), type: ["application/json", "text/plain", "application/octet-stream"][c.address % 3] };
    } else {
      // The programme API: a JSON document with rows, or a CSV body with the fields in the query.
      const file = c.programmeFile;
      if (file.format === "csv" || file.format === "bytes") {
        const query = new URLSearchParams(fields.map(([k, v]) => [k, this.text(v, context)]));
        url += `?${query}`;
        body = { raw: (await this.programmeFileBytes(file)).bytes, type: ["text/csv", "text/plain", "application/xml"][c.address % 3] };
      } else {
        const rows: Gen = {
          array: file.rows.map((row): Gen => ({ pairs: PROGRAMME_HEADER.map((name, i): [string, Gen] => [name, row[i] ?? null]) })),
        };
        body = { raw: `{${[...fields, ["rows", rows] as [string, Gen]].map(([k, v]) => `${JSON.stringify(k)}:${this.json(v, context)}`).join(",")}}`, type: "application/json" };
      }
    }
    const origin = c.origin === "own" ? this.baseUrl : c.origin === "foreign" ? "https://site-malveillant.example" : null;
    const answer = await this.sendWith(client, c, sender, "POST", url, { body, headers, origin });
    return { answer, summary: `POST ${url.slice(0, 200)} en tant que ${sender} (${describe(body)})${describeHeader(c.headers)}`, target: target.route, sender, repairs: target.repairs };
  }

  private async sendGet(c: GetCase) {
    const row = GET_ROWS[c.row];
    let path = row.path.replace(":programme", this.encodeSegment(c.segments.programme)).replace(":module", this.encodeSegment(c.segments.module));
    if (c.segments.slug !== null) path = path.replace("charge-e-commerce", this.encodeSegment(c.segments.slug));
    if (c.segments.format !== null) path = path.replace(/\/(json|csv|xlsx)$/, `/${this.encodeSegment(c.segments.format)}`);
    if (c.dataSuffix) path = `${path === "/" ? "/_root" : path}.data`;
    const query = new URLSearchParams(c.query.map(([k, v]) => [this.resolve(k), this.resolve(v)]));
    const url = `${path}${c.query.length ? `?${query}` : ""}`;
    const client = this.world(c.sender, c.address);
    const headers: Record<string, string> = {};
    if (row.api && c.auth === "own" && c.sender !== "anonymous") headers.Authorization = `Bearer ${this.own.tokens[c.sender]}`;
    if (c.auth === "garbage") headers.Authorization = "Bearer n'importe-quoi-de-long";
    const answer = await this.sendWith(client, c, c.sender, "GET", url, { headers });
    return { answer, summary: `GET ${url.slice(0, 300)} en tant que ${c.sender}${describeHeader(c.headers)}`, target: `${row.route} (GET)`, sender: c.sender };
  }

  private world(sender: Sender, address: number) {
    return this.client(sender, address);
  }

  private resolveSegment(s: Segment): string {
    return typeof s === "object" && "raw" in s ? s.raw : this.resolve(s);
  }

  private encodeSegment(s: Segment): string {
    return typeof s === "object" && "raw" in s ? s.raw : encodeURIComponent(wellFormed(this.resolve(s))) || "vide";
  }

  /** After a success that ended the sender's session or revoked its token: sign in again. */
  async repair(sender: Sender, what: FuzzTarget["repairs"]) {
    if (sender === "anonymous" || !what) return;
    const email = this.own.emails[sender];
    const fresh = new HttpClient(this.baseUrl, { headers: { "X-Forwarded-For": "10.250.0.1" } });
    // Behind no trusted proxy the suite's requests share one address, which the cases' failed
    // guesses may have brought to its limit for this minute: then wait for the next one.
    await untilNotLimited(() => fresh.signIn(email, this.own.password));
    this.own.clients[sender] = fresh;
    if (what === "token") {
      const answer = await untilNotLimited(async () => {
        const sent = await fresh.post("/api/v1/tokens", { json: { email, password: this.own.password } });
        if (sent.status === 429) throw new Error("(429)");
        return sent;
      });
      await expectStatus(answer, 201, "nouveau jeton");
      this.own.tokens[sender] = (answer.json() as { token: string }).token;
    }
  }

  /* --------------------------------------------------------- one case */

  /**
   * Runs one case and returns what went wrong (null when nothing did). Counts every answer in
   * `stats`.
   */
  async run(c: FuzzCase, stats: FuzzStats): Promise<string | null> {
    const before = this.currentChecksum();
    const versionsBefore = this.moduleVersions();
    let sent: Awaited<ReturnType<FuzzWorld["send"]>>;
    try {
      sent = await this.send(c);
    } catch (error) {
      stats.count("(aucune réponse)", 0);
      stats.serverErrors++;
      const cause = (error as { cause?: { message?: string; code?: string } }).cause;
      return `aucune réponse : ${(error as Error).message}${cause ? ` (${cause.code ?? ""} ${cause.message ?? ""})` : ""}\n  cas : ${JSON.stringify(c).slice(0, 1500)}`;
    }
    const { answer, summary, target } = sent;
    const problems: string[] = [];
    if (this.canaryHits.length) problems.push(`une requête a atteint ${this.canaryAddress}, l'adresse d'un en-tête Host : ${this.canaryHits.splice(0).join(", ")}`);
    if (c.headers?.kind === "content-length" && c.headers.variant === "longer") {
      // The sender announced more than it sent, then gave up: it reads no body, and often no
      // answer at all. An answer that came is never a 5xx, a refusal wrote nothing, and the
      // server stays well (it answers the next request).
      stats.count(target, answer.status, answer.status === 0);
      if (answer.status >= 500) {
        stats.serverErrors++;
        problems.push(`réponse ${answer.status}`);
      } else if (answer.status >= 400 && this.currentChecksum() !== before) {
        stats.refusedWrites++;
        problems.push("un refus a écrit dans la base");
      }
      const health = await new HttpClient(this.baseUrl).get("/healthz").catch(() => null);
      if (health?.status !== 200) problems.push(`le serveur ne répond plus après une requête abandonnée (${health?.status ?? "aucune réponse"})`);
      this.refreshPools();
      return problems.length ? `${problems.join(" ; ")}\n  requête : ${summary}` : null;
    }
    stats.count(target, answer.status);
    if (answer.status >= 500) {
      stats.serverErrors++;
      problems.push(`réponse ${answer.status}`);
    } else if (answer.status >= 400) {
      const unclear = unclearMessage(answer);
      if (unclear) problems.push(`refus sans message clair (${unclear})`);
      if (this.currentChecksum() !== before) {
        stats.refusedWrites++;
        problems.push("un refus a écrit dans la base");
      }
    } else {
      // An admin may remove a persona from the school (themself too, once another admin exists):
      // the suite then goes on with a school of its own again (see `lostPersona`).
      this.lostPersona ||= !this.personasAreMembers();
      if (sent.repairs && !this.lostPersona) await this.repair(sent.sender, sent.repairs);
      // Accepting another school's invitation (its link is the authority) joins that school: the one success allowed to change it.
      const foreign = this.fingerprintOfOtherSchools();
      if (foreign !== this.foreignFingerprint && target !== "invitation.$token") problems.push("les données d'un autre établissement ont changé");
      this.foreignFingerprint = foreign;
      if (target !== "etablissement.membres" && this.membershipsOfPersonas() !== this.mainMemberships) problems.push("le rôle d'une personne a changé");
      if (this.membershipsOfPersonas() !== this.mainMemberships) this.mainMemberships = this.membershipsOfPersonas();
      if (this.demoFlagCounts() !== this.demoFlags) problems.push("une formation ou un établissement est devenu « démonstration »");
      for (const [id, version] of this.moduleVersions()) {
        const previous = versionsBefore.get(id);
        if (previous !== undefined && version !== previous && version !== previous + 1) problems.push(`la version du module ${id} est passée de ${previous} à ${version}`);
      }
      this.refreshPools();
    }
    if (!problems.length) return null;
    return `${problems.join(" ; ")}\n  requête : ${summary}\n  réponse : ${answer.status} ${answer.text.slice(0, 600)}`;
  }
}

/** Runs `attempt` again after a minute while it fails with a 429 (twice at most). */
async function untilNotLimited<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (round >= 2 || !/\(429\)/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 61_000));
    }
  }
}

/** A lone surrogate cannot be percent-encoded: a browser sends U+FFFD in its place, and so does the suite. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

function describeHeader(header: HeaderCase | null): string {
  return header ? `, en-tête hostile ${JSON.stringify(header).slice(0, 300)}` : "";
}

function describe(body: RequestBody): string {
  if ("form" in body) return `formulaire ${JSON.stringify(body.form).slice(0, 400)}`;
  if ("json" in body) return `JSON ${JSON.stringify(body.json).slice(0, 400)}`;
  if ("raw" in body) return `corps ${body.type ?? ""} ${typeof body.raw === "string" ? JSON.stringify(body.raw.slice(0, 400)) : `${body.raw.length} octets`}`;
  return `multipart ${JSON.stringify(body.multipart.map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 80) : `${v.fileName.slice(0, 60)} (${v.bytes.length} octets)`])).slice(0, 400)}`;
}

const STACK_TRACE = /\n\s+at [\w.<>]+ \(|node_modules\/|PrismaClient|SQLITE_[A-Z]/;

/** Why a refusal's body does not tell a person what went wrong (null when it does). */
export function unclearMessage(answer: Answer): string | null {
  if (STACK_TRACE.test(answer.text)) return "trace technique dans la réponse";
  const type = answer.headers.get("content-type") ?? "";
  // 431 and 414 come from Node's HTTP parser (headers or address too long), before any of our code: no body to give.
  if (answer.status === 431 || answer.status === 414) return null;
  if (type.includes("json")) {
    const strings: string[] = [];
    const collect = (value: unknown) => {
      if (typeof value === "string") strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(answer.json());
    return strings.some((s) => /[a-zà-ÿ]{3,}/i.test(s)) ? null : "JSON sans message";
  }
  // A page: the form's errors (role="alert"), or the error page with its title.
  if (type.includes("text/html")) return /role="alert"|Requête refusée|Accès refusé|Page introuvable|Page not found/.test(answer.text) ? null : "page sans message";
  if (type.includes("text/x-script")) return null; // single fetch: the route's data, as the browser reads it
  return answer.text.trim().length >= 5 ? null : "corps vide";
}

/** What the suite saw: answers per endpoint and class, 5xx, refusals that wrote. */
export class FuzzStats {
  cases = 0;
  serverErrors = 0;
  refusedWrites = 0;
  readonly byTarget = new Map<string, Record<string, number>>();

  /** Requests whose sender gave up on purpose (a body shorter than announced): no answer expected. */
  abandoned = 0;

  count(target: string, status: number, abandoned = false) {
    this.cases++;
    if (abandoned) this.abandoned++;
    const row = this.byTarget.get(target) ?? {};
    const key = abandoned ? "abandon" : status === 0 ? "aucune" : `${Math.floor(status / 100)}xx`;
    row[key] = (row[key] ?? 0) + 1;
    this.byTarget.set(target, row);
  }

  table(): string {
    const lines = [...this.byTarget].sort(([a], [b]) => a.localeCompare(b)).map(([target, counts]) => `  ${target.padEnd(40)} ${["2xx", "3xx", "4xx", "5xx", "aucune", "abandon"].map((k) => `${k} ${String(counts[k] ?? 0).padStart(6)}`).join("  ")}`);
    return [`cas : ${this.cases}, 5xx : ${this.serverErrors}, refus qui ont écrit : ${this.refusedWrites}, abandonnées exprès : ${this.abandoned}`, ...lines].join("\n");
  }
}
