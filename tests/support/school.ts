/**
 * A school of its own for a reliability suite, built through the app over HTTP as people
 * would build it: sign-up (administrator), invitations accepted (manager, teacher, reviewer,
 * and one more teacher whom a suite may demote or remove), API tokens, and a programme
 * imported through the API with a module assigned to the teacher. Suites that write freely
 * then touch no other school's data.
 */
import { randomBytes } from "node:crypto";
import { HttpClient } from "./http-client";
import { withDatabase } from "./database-snapshot";

export type SchoolPersona = "admin" | "manager" | "teacher" | "reviewer";

type Invited = Exclude<SchoolPersona, "admin">;

/** A school; `P` names the people it has (always its administrator and its programme manager). */
export type SchoolWorld<P extends SchoolPersona = SchoolPersona> = {
  schoolId: string;
  schoolName: string;
  password: string;
  emails: Record<P, string>;
  clients: Record<P, HttpClient>;
  tokens: Record<P, string>;
  programmeId: string;
  programmeTitle: string;
  modules: { id: string; code: string; version: number }[];
  /** The extra teacher (same password as the others), whose membership a suite may change or remove ("" without one). */
  spareEmail: string;
  spareMembershipId: string;
  /** Item references the programme's targets require (for matrix edits). */
  itemRefs: string[];
};

/** A private client address per client, so that one suite's refused sign-ins never rate-limit another. */
export function clientAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${Math.max(1, c)}`;
}

function newClient(baseUrl: string) {
  return new HttpClient(baseUrl, { headers: { "X-Forwarded-For": clientAddress() } });
}

export async function expectStatus(answer: { status: number; text: string }, status: number, what: string) {
  if (answer.status !== status) throw new Error(`${what} : attendu ${status}, reçu ${answer.status} : ${answer.text.slice(0, 300)}`);
}

async function apiToken(client: HttpClient, email: string, password: string) {
  const answer = await client.post("/api/v1/tokens", { json: { email, password } });
  await expectStatus(answer, 201, `jeton de ${email}`);
  return (answer.json() as { token: string }).token;
}

/** The rows of a demo-like programme: `modules` modules, each mapping a few of `refs`. */
export function programmeRows(refs: string[], modules: number, mappingsPerModule = 3) {
  return Array.from({ length: modules }, (_, m) =>
    Array.from({ length: mappingsPerModule }, (_, k) => ({
      module_code: `M${m + 1}`,
      module_title: `Module ${m + 1}`,
      semester: 1 + (m % 2),
      ects: 3,
      hours: "20/10/0/0",
      item_ref: refs[(m * mappingsPerModule + k) % refs.length],
      depth: 1 + ((m + k) % 3),
      assessed: k === 0 ? "oui" : "non",
    })),
  ).flat();
}

export async function createSchool<P extends Invited = Invited>(
  baseUrl: string,
  {
    databaseFile,
    tag = randomBytes(4).toString("hex"),
    schoolName,
    personName = (role: SchoolPersona) => `Personne ${role} ${tag}`,
    programmeTitle,
    moduleCount = 4,
    personas = ["manager", "teacher", "reviewer"] as P[],
    spare = true,
  }: {
    databaseFile: string;
    tag?: string;
    schoolName?: string;
    personName?: (role: SchoolPersona) => string;
    programmeTitle?: string;
    moduleCount?: number;
    /** Who is invited besides the administrator (each costs a password hash or two): the manager always is. */
    personas?: P[];
    /** An extra teacher whose membership a suite may change or remove. */
    spare?: boolean;
  },
): Promise<SchoolWorld<P | "admin" | "manager">> {
  type Member = P | "admin" | "manager";
  const members = [...new Set<Member>(["admin", "manager", ...personas])];
  const password = `mot de passe ${tag} solide`;
  const emails = Object.fromEntries(members.map((role) => [role, `${role}-${tag}@ecole-${tag}.fr`])) as Record<Member, string>;
  const name = schoolName ?? `École ${tag}`;
  const admin = newClient(baseUrl);
  await expectStatus(await admin.post("/inscription", { form: [["schoolName", name], ["name", personName("admin")], ["email", emails.admin], ["password", password]] }), 302, "inscription");
  const clients = { admin } as Record<Member, HttpClient>;
  const invite = async (email: string, role: string, personLabel: string) => {
    const page = await admin.post("/etablissement/membres", { form: [["intent", "invite"], ["email", email], ["role", role]] });
    await expectStatus(page, 200, `invitation de ${email}`);
    const link = /\/invitation\/[A-Za-z0-9_-]{20,}/.exec(page.text)?.[0];
    if (!link) throw new Error(`Lien d'invitation introuvable pour ${email}`);
    const client = newClient(baseUrl);
    await expectStatus(await client.post(link, { form: [["name", personLabel], ["password", password]] }), 302, `acceptation de ${email}`);
    return client;
  };
  for (const role of members) if (role !== "admin") clients[role] = await invite(emails[role], role, personName(role));
  const spareEmail = spare ? `remplacant-${tag}@ecole-${tag}.fr` : "";
  if (spare) await invite(spareEmail, "teacher", `Remplaçant ${tag}`);
  const tokens = {} as Record<Member, string>;
  for (const role of members) tokens[role] = await apiToken(clients[role], emails[role], password);

  const sheet = (await (await fetch(`${baseUrl}/api/v1/reference-sheets/charge-e-commerce`, { headers: { Authorization: `Bearer ${tokens.manager}` } })).json()) as {
    requirements: { ref: string; required: boolean }[];
  };
  const itemRefs = sheet.requirements.filter((r) => r.required).map((r) => r.ref);
  const title = programmeTitle ?? `Formation ${tag}`;
  const created = await clients.manager.post(
    "/api/v1/programmes",
    { json: { title, level: 6, entryEcts: 120, semesters: 2, targets: ["charge-e-commerce"], rows: programmeRows(itemRefs, moduleCount) } },
    { Authorization: `Bearer ${tokens.manager}` },
  );
  await expectStatus(created, 201, "import de la formation");
  const programmeId = (created.json() as { id: string }).id;

  const teacherEmail = (emails as Record<string, string>).teacher;
  const ids = withDatabase(databaseFile, (db) => ({
    schoolId: (db.prepare(`SELECT "schoolId" FROM "Programme" WHERE id = ?`).get(programmeId) as { schoolId: string }).schoolId,
    teacherId: teacherEmail ? (db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(teacherEmail) as { id: string }).id : null,
    spareMembershipId: spare ? (db.prepare(`SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = ?`).get(spareEmail) as { id: string }).id : "",
    modules: db.prepare(`SELECT id, code, version FROM "Module" WHERE "programmeId" = ? ORDER BY code`).all(programmeId) as { id: string; code: string; version: number }[],
  }));
  // The teacher teaches the first module: its matrix row is theirs.
  const first = ids.modules[0];
  if (ids.teacherId) {
    const assigned = await clients.manager.post(`/programmes/${programmeId}/modules/${first.id}`, {
      form: [
        ["version", String(first.version)],
        ["code", first.code],
        ["title", "Module 1"],
        ["semester", "1"],
        ["ects", "3"],
        ["hoursLectures", "20"],
        ["hoursTutorials", "10"],
        ["teacherIds", ids.teacherId],
      ],
    });
    await expectStatus(assigned, 302, "attribution du module à l'enseignant");
    first.version += 1;
  }
  return {
    schoolId: ids.schoolId,
    schoolName: name,
    password,
    emails,
    clients,
    tokens,
    programmeId,
    programmeTitle: title,
    modules: ids.modules,
    spareEmail,
    spareMembershipId: ids.spareMembershipId,
    itemRefs,
  };
}
