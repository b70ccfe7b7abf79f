/**
 * What the PostgreSQL path derives from the one Prisma schema (and from the SQLite migrations'
 * append-only triggers), as pure functions: the PostgreSQL schema text, the row-level security
 * policies of the school tables, and the append-only triggers. `scripts/derive-postgresql.ts`
 * compares them with what the PostgreSQL migrations already build and writes the difference as
 * a new migration. See docs/decisions/016-postgresql-derived-schema-and-client.md and
 * docs/decisions/017-row-level-security.md.
 */
import { createHash } from "node:crypto";

export const DERIVED_HEADER = [
  "// DERIVED FILE: do not edit. Written by `npm run db:postgresql` from prisma/schema.prisma,",
  "// which stays the one source of truth; only the provider and the client's folder differ.",
  "",
].join("\n");

/** prisma/schema.prisma, as PostgreSQL: same models, `postgresql` provider, its own client. */
export function derivePostgresSchema(sqliteSchema: string): string {
  let providers = 0;
  let outputs = 0;
  const text = sqliteSchema
    .replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/, (_, head: string) => {
      providers++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/app\/generated\/prisma"/, (_, head: string) => {
      outputs++;
      return `${head}"../../app/generated/prisma-pg"`;
    });
  if (providers !== 1 || outputs !== 1) {
    throw new Error('prisma/schema.prisma doit avoir un datasource `provider = "sqlite"` et un generator client `output = "../app/generated/prisma"`.');
  }
  return DERIVED_HEADER + text;
}

/* ------------------------------------------------------------------ models */

export type Field = {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  relation?: { fields: string[]; references: string[] };
};
export type Model = { name: string; table: string; fields: Field[] };

function stripComment(line: string) {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== "\\") inString = !inString;
    if (!inString && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

const names = (list: string) =>
  list
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);

/** The models of a Prisma schema with what row-level security needs: tables, columns, relations. */
export function parseModels(schema: string): Model[] {
  const models: Model[] = [];
  const blocks = schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm);
  for (const [, name, body] of blocks) {
    const fields: Field[] = [];
    let table = name;
    for (const raw of body.split("\n")) {
      const line = stripComment(raw).trim();
      if (!line) continue;
      if (line.startsWith("@@")) {
        const map = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(line);
        if (map) table = map[1];
        continue;
      }
      const match = /^(\w+)\s+(\w+)(\[\]|\?)?(.*)$/.exec(line);
      if (!match) continue;
      const [, fieldName, type, modifier, rest] = match;
      const column = /@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(rest)?.[1] ?? fieldName;
      const relation = /@relation\(([^)]*)\)/.exec(rest)?.[1];
      const fieldsList = relation ? /fields:\s*\[([^\]]*)\]/.exec(relation)?.[1] : undefined;
      const referencesList = relation ? /references:\s*\[([^\]]*)\]/.exec(relation)?.[1] : undefined;
      fields.push({
        name: fieldName,
        column,
        type,
        optional: modifier === "?",
        list: modifier === "[]",
        relation: fieldsList && referencesList ? { fields: names(fieldsList), references: names(referencesList) } : undefined,
      });
    }
    models.push({ name, table, fields });
  }
  return models;
}

/* ------------------------------------------------------- row-level security */

/** The transaction settings the app sets (app/utils/db-scope.server.ts) and the policies read. */
export const SETTINGS = { school: "app.school_id", person: "app.user_id", secret: "app.secret" } as const;
export const POLICY_NAME = "maquette_tenant";
export const SCHOOL_FIELD = "schoolId";

/**
 * School tables that are also reached before a school is known (docs/decisions/018): by the
 * person they belong to (after the password or the session proved who it is), or by the hash
 * of the secret the caller holds (session cookie, API token, invitation link).
 */
export const PRE_SCHOOL_ACCESS: Record<string, { person?: string; secret?: string }> = {
  Membership: { person: "userId" },
  Session: { person: "userId", secret: "id" },
  ApiToken: { person: "userId", secret: "tokenHash" },
  Invitation: { secret: "tokenHash" },
};

/**
 * School tables whose rows without a school are public reference data, read by everyone (a
 * reference sheet: public, or a school's own requirement list; docs/decisions/054). Their
 * children follow them: a version or a requirement of a public sheet is public too.
 */
export const PUBLIC_WITHOUT_SCHOOL: readonly string[] = ["ReferenceSheet"];

export type TablePolicy = {
  model: string;
  table: string;
  /** How the table is tied to a school: its own column, or its parent's row. */
  via: { column: string } | { parent: string };
  /** Rows without a school (here or, for a child, in its parent) are seen by everyone. */
  publicWithoutSchool: boolean;
  using: string;
  check: string;
};

const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const setting = (name: string) => `current_setting('${name}', true)`;

function fieldOf(model: Model, name: string) {
  const field = model.fields.find((f) => f.name === name);
  if (!field) throw new Error(`PRE_SCHOOL_ACCESS : le modèle ${model.name} n'a pas de champ ${name} (scripts/postgresql-derivation.ts).`);
  return field;
}

/**
 * Row-level security for every school table: each model with a `schoolId` field, and each
 * model without one whose required relation leads to such a table (Mapping → Module,
 * ProgrammeTarget → Programme, ...): its rows are visible exactly when its parent row is.
 * Models with neither (reference data, people, schools, rate limits) have no policy.
 */
export function rowSecurityPlan(models: Model[], preSchoolAccess = PRE_SCHOOL_ACCESS, publicWithoutSchool = PUBLIC_WITHOUT_SCHOOL): TablePolicy[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  for (const name of Object.keys(preSchoolAccess)) {
    if (!byName.has(name)) throw new Error(`PRE_SCHOOL_ACCESS nomme un modèle absent du schéma : ${name}.`);
  }
  for (const name of publicWithoutSchool) {
    const field = byName.get(name)?.fields.find((f) => f.name === SCHOOL_FIELD);
    if (!field?.optional) throw new Error(`PUBLIC_WITHOUT_SCHOOL nomme un modèle sans ${SCHOOL_FIELD} facultatif : ${name}.`);
  }
  const plan = new Map<string, TablePolicy>();
  for (const model of models) {
    const school = model.fields.find((f) => f.name === SCHOOL_FIELD && f.type === "String" && !f.list);
    if (!school) continue;
    const own = `${q(school.column)} = ${setting(SETTINGS.school)}`;
    const isPublic = publicWithoutSchool.includes(model.name);
    const extra: string[] = isPublic ? [`${q(school.column)} IS NULL`] : [];
    const access = preSchoolAccess[model.name] ?? {};
    if (access.person) extra.push(`${q(fieldOf(model, access.person).column)} = ${setting(SETTINGS.person)}`);
    if (access.secret) extra.push(`${q(fieldOf(model, access.secret).column)} = ${setting(SETTINGS.secret)}`);
    const using = [own, ...extra].join(" OR ");
    // A row that belongs to no school (a sign-in before choosing one) may be written by anyone
    // in a transaction; nobody reads it through the school wall.
    const check = [own, ...(school.optional && !isPublic ? [`${q(school.column)} IS NULL`] : []), ...extra].join(" OR ");
    plan.set(model.name, { model: model.name, table: model.table, via: { column: school.column }, publicWithoutSchool: isPublic, using, check });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const model of models) {
      if (plan.has(model.name)) continue;
      const parentField = model.fields.find(
        (f) => f.relation && plan.has(f.type) && f.relation.fields.every((name) => !fieldOf(model, name).optional),
      );
      if (!parentField?.relation) continue;
      const parent = byName.get(parentField.type)!;
      const pairs = parentField.relation.fields.map(
        (name, i) => `parent.${q(fieldOf(parent, parentField.relation!.references[i]).column)} = ${q(model.table)}.${q(fieldOf(model, name).column)}`,
      );
      const exists = `EXISTS (SELECT 1 FROM ${q(parent.table)} AS parent WHERE ${pairs.join(" AND ")})`;
      const publicRows = plan.get(parent.name)!.publicWithoutSchool;
      plan.set(model.name, { model: model.name, table: model.table, via: { parent: parent.table }, publicWithoutSchool: publicRows, using: exists, check: exists });
      changed = true;
    }
  }
  return models.flatMap((m) => (plan.has(m.name) ? [plan.get(m.name)!] : []));
}

/** A fingerprint stored as the policy's comment, so that a later derivation sees whether it changed. */
export function fingerprint(text: string) {
  return `maquette:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

export function policyFingerprint(policy: TablePolicy) {
  return fingerprint(`${policy.using}\n${policy.check}`);
}

export function createPolicySql(policy: TablePolicy) {
  return [
    `CREATE POLICY ${q(POLICY_NAME)} ON ${q(policy.table)} AS PERMISSIVE FOR ALL`,
    `    USING (${policy.using})`,
    `    WITH CHECK (${policy.check});`,
    `COMMENT ON POLICY ${q(POLICY_NAME)} ON ${q(policy.table)} IS '${policyFingerprint(policy)}';`,
  ].join("\n");
}

/* ------------------------------------------------------ append-only tables */

export type RefusalTrigger = {
  name: string;
  table: string;
  event: "UPDATE" | "DELETE" | "TRUNCATE";
  message: string;
  /** `BEFORE UPDATE OF "a", "b"`: only changes of these columns are refused. */
  columns?: string[];
};

export const REFUSAL_FUNCTION = "maquette_refuse_change";

/**
 * The SQLite migrations' refusal triggers (`BEFORE UPDATE [OF "a", "b"]|DELETE ON "T" ... RAISE(ABORT, '...')`),
 * replayed in order (a later `DROP TRIGGER` removes one). Each one that refuses deletes also
 * refuses TRUNCATE on PostgreSQL, which SQLite does not have.
 */
export function refusalTriggers(sqliteMigrations: string[]): RefusalTrigger[] {
  const triggers = new Map<string, RefusalTrigger>();
  for (const sql of sqliteMigrations) {
    const statements = sql.matchAll(/CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?[\s\S]*?\bEND\s*;|DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?\s*;/gi);
    for (const [statement, created, dropped] of statements) {
      if (dropped) {
        triggers.delete(dropped);
        triggers.delete(`${dropped}_truncate`);
        continue;
      }
      const shape = /^CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?"?\w+"?\s+BEFORE\s+(UPDATE|DELETE)(?:\s+OF\s+((?:"?\w+"?\s*,\s*)*"?\w+"?))?\s+ON\s+"?(\w+)"?\s+BEGIN\s+SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*'((?:[^']|'')*)'\s*\)\s*;\s*END\s*;$/i.exec(statement);
      if (!shape) {
        throw new Error(`Le déclencheur SQLite « ${created} » n'a pas une forme que le chemin PostgreSQL sait reproduire (BEFORE UPDATE|DELETE … RAISE(ABORT, '…')).`);
      }
      const [, event, columnList, table, message] = shape;
      const unquoted = message.replace(/''/g, "'");
      const columns = columnList ? columnList.split(",").map((c) => c.trim().replace(/"/g, "")) : undefined;
      triggers.set(created, { name: created, table, event: event.toUpperCase() as "UPDATE" | "DELETE", message: unquoted, ...(columns ? { columns } : {}) });
      if (event.toUpperCase() === "DELETE") triggers.set(`${created}_truncate`, { name: `${created}_truncate`, table, event: "TRUNCATE", message: unquoted });
    }
  }
  return [...triggers.values()];
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function triggerFingerprint(trigger: RefusalTrigger) {
  return fingerprint(`${trigger.table}\n${trigger.event}\n${trigger.message}${trigger.columns ? `\n${trigger.columns.join(",")}` : ""}`);
}

export const REFUSAL_FUNCTION_SQL = [
  `CREATE OR REPLACE FUNCTION ${q(REFUSAL_FUNCTION)}() RETURNS trigger LANGUAGE plpgsql AS $$`,
  "BEGIN",
  "    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'P0001';",
  "END",
  "$$;",
].join("\n");

export function createTriggerSql(trigger: RefusalTrigger) {
  const level = trigger.event === "TRUNCATE" ? "STATEMENT" : "ROW";
  return [
    `CREATE TRIGGER ${q(trigger.name)} BEFORE ${trigger.event}${trigger.columns ? ` OF ${trigger.columns.map(q).join(", ")}` : ""} ON ${q(trigger.table)}`,
    `    FOR EACH ${level} EXECUTE FUNCTION ${q(REFUSAL_FUNCTION)}(${literal(trigger.message)});`,
    `COMMENT ON TRIGGER ${q(trigger.name)} ON ${q(trigger.table)} IS '${triggerFingerprint(trigger)}';`,
  ].join("\n");
}

/* ------------------------------------------------------------ the difference */

/** What a database built by the PostgreSQL migrations holds of the managed objects. */
export type ManagedState = {
  tables: string[];
  rowSecurity: string[];
  policies: { table: string; name: string; comment: string | null }[];
  triggers: { table: string; name: string; comment: string | null }[];
  hasRefusalFunction: boolean;
};

/**
 * The SQL that takes the managed objects from `current` to what the schema asks: `before` runs
 * ahead of the table changes (policies and triggers that would block dropping a column or a
 * table go first), `after` once the tables exist.
 */
export function managedDifference(current: ManagedState, policies: TablePolicy[], triggers: RefusalTrigger[], desiredTables: string[]) {
  const before: string[] = [];
  const after: string[] = [];
  const desiredPolicy = new Map(policies.map((p) => [p.table, p]));
  for (const existing of current.policies) {
    const wanted = desiredPolicy.get(existing.table);
    if (existing.name === POLICY_NAME && wanted && existing.comment === policyFingerprint(wanted)) continue;
    before.push(`DROP POLICY ${q(existing.name)} ON ${q(existing.table)};`);
  }
  for (const table of current.rowSecurity) {
    if (!desiredPolicy.has(table) && desiredTables.includes(table)) before.push(`ALTER TABLE ${q(table)} DISABLE ROW LEVEL SECURITY;`);
  }
  const desiredTrigger = new Map(triggers.map((t) => [t.name, t]));
  for (const existing of current.triggers) {
    const wanted = desiredTrigger.get(existing.name);
    if (wanted && wanted.table === existing.table && existing.comment === triggerFingerprint(wanted)) continue;
    before.push(`DROP TRIGGER ${q(existing.name)} ON ${q(existing.table)};`);
  }
  for (const policy of policies) {
    if (!current.rowSecurity.includes(policy.table)) after.push(`ALTER TABLE ${q(policy.table)} ENABLE ROW LEVEL SECURITY;`);
    const kept = current.policies.some((p) => p.table === policy.table && p.name === POLICY_NAME && p.comment === policyFingerprint(policy));
    if (!kept) after.push(createPolicySql(policy));
  }
  const newTriggers = triggers.filter(
    (t) => !current.triggers.some((e) => e.name === t.name && e.table === t.table && e.comment === triggerFingerprint(t)),
  );
  if (newTriggers.length && !current.hasRefusalFunction) after.push(REFUSAL_FUNCTION_SQL);
  for (const trigger of newTriggers) after.push(createTriggerSql(trigger));
  return { before, after };
}

/** One migration file from the three parts, or null when there is nothing to do. */
export function migrationSql(parts: { before: string[]; tables: string; after: string[] }) {
  const tables = parts.tables.trim();
  const emptyTables = !tables || /^-- This is an empty migration/.test(tables);
  if (!parts.before.length && emptyTables && !parts.after.length) return null;
  const sections = [];
  if (parts.before.length) sections.push(`-- Row-level security and triggers that the table changes would block\n${parts.before.join("\n")}`);
  if (!emptyTables) sections.push(tables);
  if (parts.after.length) sections.push(`-- Row-level security of the school tables, append-only tables\n${parts.after.join("\n\n")}`);
  return `${sections.join("\n\n")}\n`;
}
