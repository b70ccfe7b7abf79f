/**
 * Every endpoint that accepts input, as the fuzz suite sees it: the route file, the request it
 * takes (form, JSON, multipart, raw body), its fields and the kind of value each expects, and
 * who may send it. GET endpoints come from tests/authorization-matrix.ts as they are; an action
 * needs a row here, and the fuzz suite fails while a route file exports an action without one
 * (see `routesWithActions`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AUTHORIZATION_MATRIX } from "../authorization-matrix";

export type FieldKind =
  | "text"
  | "longText"
  | "title"
  | "email"
  | "accountEmail"
  | "password"
  | "knownPassword"
  | "int"
  | "level"
  | "ects"
  | "semester"
  | "depth"
  | "bool"
  | "boolJson"
  | "diploma"
  | "role"
  | "locale"
  | "path"
  | "moduleCode"
  | "hours"
  | "itemRef"
  | "slug"
  | "slugList"
  | "programmeId"
  | "moduleId"
  | "schoolId"
  | "membershipId"
  | "tokenId"
  | "invitationId"
  | "userId"
  | "version"
  | "confirmTitle"
  | "rows"
  | "csvFile"
  | "sheetFile";

/** Who sends the request when the case does not pick someone else. */
export type Sender = "anonymous" | "admin" | "manager" | "teacher" | "reviewer";

export type FuzzTarget = {
  route: string;
  path: string;
  encoding: "form" | "json" | "multipart" | "raw-sheet" | "programme-api";
  sender: Sender;
  /** API routes take the sender's Bearer token instead of the session cookie. */
  api?: boolean;
  fields: Record<string, FieldKind>;
  /** One field set per `intent`, for forms that do several things. */
  intents?: Record<string, Record<string, FieldKind>>;
  /** A success may end the sender's session or revoke its API token: sign in again afterwards. */
  repairs?: "session" | "token";
};

const PROGRAMME_FIELDS: Record<string, FieldKind> = {
  title: "title",
  diplomaType: "diploma",
  level: "level",
  entryEcts: "int",
  semesters: "semester",
  targets: "slugList",
  description: "longText",
};

const MODULE_FIELDS: Record<string, FieldKind> = {
  code: "moduleCode",
  title: "title",
  semester: "semester",
  ects: "ects",
  hoursLectures: "int",
  hoursTutorials: "int",
  hoursPractical: "int",
  hoursProjects: "int",
  assessmentMethod: "text",
  description: "longText",
  teacherIds: "userId",
};

/** A school's own requirement list: its fields, two groups deep (Conform's names). */
const SCHOOL_LIST_FIELDS: Record<string, FieldKind> = {
  title: "title",
  slug: "slug",
  level: "level",
  sourceName: "text",
  "groups[0].label": "title",
  "groups[0].items[0].code": "text",
  "groups[0].items[0].label": "title",
  "groups[0].items[0].requiredDepth": "depth",
  "groups[0].items[0].source": "longText",
  "groups[1].label": "title",
  "groups[1].items[0].label": "text",
};

/** Expected depths per level and kind (`depth-<level>-<kind>`), the school's or a programme's. */
const DEPTH_FIELDS: Record<string, FieldKind> = {
  "depth-5-competence": "depth",
  "depth-6-knowledge": "depth",
  "depth-7-transversal": "depth",
  "depth-6-competence": "text",
};

export const FUZZ_TARGETS: FuzzTarget[] = [
  { route: "langue", path: "/langue", encoding: "form", sender: "anonymous", fields: { locale: "locale", redirectTo: "path" } },
  { route: "connexion", path: "/connexion", encoding: "form", sender: "anonymous", fields: { email: "accountEmail", password: "knownPassword", redirectTo: "path" } },
  { route: "deconnexion", path: "/deconnexion", encoding: "form", sender: "teacher", fields: {}, repairs: "session" },
  { route: "inscription", path: "/inscription", encoding: "form", sender: "anonymous", fields: { schoolName: "title", name: "text", email: "email", password: "password" } },
  {
    route: "compte",
    path: "/compte",
    encoding: "form",
    sender: "manager",
    fields: {},
    intents: {
      password: { currentPassword: "password", newPassword: "password" },
      "sign-out-others": {},
      "create-token": { name: "text" },
      "revoke-token": { id: "tokenId" },
      "end-session": { session: "text" },
      "2fa-start": {},
      "2fa-confirm": { code: "text" },
      "2fa-disable": {},
      "2fa-codes": {},
    },
    repairs: "token",
  },
  { route: "connexion_.second-facteur", path: "/connexion/second-facteur", encoding: "form", sender: "anonymous", fields: { code: "text" } },
  // Sent by the reviewer: wrong passwords count on the sender's account, and the reviewer is the persona the suite signs in again least.
  { route: "confirmer", path: "/confirmer", encoding: "form", sender: "reviewer", fields: {}, intents: { password: { password: "knownPassword" }, code: { code: "text" } } },
  { route: "reinitialisation.$token", path: "/reinitialisation/:invitation", encoding: "form", sender: "anonymous", fields: { password: "password" } },
  { route: "invitation.$token", path: "/invitation/:invitation", encoding: "form", sender: "anonymous", fields: { name: "text", password: "password" } },
  {
    route: "etablissement.membres",
    path: "/etablissement/membres",
    encoding: "form",
    sender: "admin",
    fields: {},
    intents: {
      invite: { email: "email", role: "role" },
      "change-role": { id: "membershipId", role: "role" },
      remove: { id: "membershipId" },
      "revoke-invitation": { id: "invitationId" },
      "reset-link": { id: "membershipId" },
      "second-factor-policy": { managers: "bool" },
    },
  },
  { route: "etablissement.parametres", path: "/etablissement/parametres", encoding: "form", sender: "admin", fields: { timeZone: "text" } },
  { route: "etablissement.changer", path: "/etablissement/changer", encoding: "form", sender: "manager", fields: { schoolId: "schoolId", redirectTo: "path" } },
  { route: "referentiels.importer", path: "/referentiels/importer", encoding: "multipart", sender: "admin", fields: { file: "sheetFile" } },
  {
    route: "referentiels.importer.rncp",
    path: "/referentiels/importer/rncp",
    encoding: "multipart",
    sender: "admin",
    fields: { file: "sheetFile", fiche: "text", exportDate: "text" },
    intents: { scan: {}, import: { fiche: "text" } },
  },
  { route: "api.v1.reference-sheets._index", path: "/api/v1/reference-sheets", encoding: "raw-sheet", sender: "admin", api: true, fields: { filename: "text" } },
  { route: "referentiels.nouvelle-liste", path: "/referentiels/nouvelle-liste", encoding: "form", sender: "manager", fields: SCHOOL_LIST_FIELDS },
  {
    route: "referentiels.$slug.modifier",
    path: "/referentiels/:list/modifier",
    encoding: "form",
    sender: "manager",
    fields: { revision: "version", ...SCHOOL_LIST_FIELDS },
    intents: { publish: { revision: "version" }, save: {} },
  },
  { route: "api.v1.tokens", path: "/api/v1/tokens", encoding: "json", sender: "anonymous", fields: { email: "accountEmail", password: "knownPassword", school: "schoolId", name: "text" } },
  { route: "programmes.nouveau", path: "/programmes/nouveau", encoding: "form", sender: "manager", fields: PROGRAMME_FIELDS },
  {
    route: "programmes.importer.verifier",
    path: "/programmes/importer/verifier",
    encoding: "multipart",
    sender: "manager",
    fields: { file: "csvFile", ...PROGRAMME_FIELDS },
  },
  {
    route: "programmes.importer.enregistrer",
    path: "/programmes/importer/enregistrer",
    encoding: "multipart",
    sender: "manager",
    fields: { file: "csvFile", ...PROGRAMME_FIELDS },
  },
  {
    route: "programmes.$id._index",
    path: "/programmes/:programme",
    encoding: "form",
    sender: "manager",
    fields: {},
    intents: { duplicate: { moduleId: "moduleId" }, "move-up": { moduleId: "moduleId" }, "move-down": { moduleId: "moduleId" }, delete: { moduleId: "moduleId" } },
  },
  {
    route: "programmes.$id.modifier",
    path: "/programmes/:programme/modifier",
    encoding: "form",
    sender: "manager",
    fields: PROGRAMME_FIELDS,
    intents: { delete: { confirmTitle: "confirmTitle" } },
  },
  { route: "programmes.$id.modules.nouveau", path: "/programmes/:programme/modules/nouveau", encoding: "form", sender: "manager", fields: MODULE_FIELDS },
  { route: "programmes.$id.modules.$moduleId", path: "/programmes/:programme/modules/:module", encoding: "form", sender: "manager", fields: { version: "version", ...MODULE_FIELDS } },
  {
    route: "programmes.$id.matrice.cellule",
    path: "/programmes/:programme/matrice/cellule",
    encoding: "json",
    sender: "manager",
    fields: { moduleId: "moduleId", version: "version", itemRef: "itemRef", depth: "depth", assessed: "boolJson" },
  },
  { route: "programmes.$id.matrice.suggestions", path: "/programmes/:programme/matrice/suggestions?module=:module", encoding: "form", sender: "manager", fields: { itemRef: "itemRef" } },
  {
    route: "programmes.$id.couverture",
    path: "/programmes/:programme/couverture",
    encoding: "form",
    sender: "manager",
    fields: { moduleId: "moduleId", itemRef: "itemRef", depth: "depth", assessed: "bool" },
  },
  {
    route: "programmes.$id.versions._index",
    path: "/programmes/:programme/versions",
    encoding: "form",
    sender: "manager",
    fields: {},
    intents: { publish: { label: "text" }, submit: { number: "int" }, withdraw: { number: "int" } },
  },
  { route: "programmes.$id.versions.$number", path: "/programmes/:programme/versions/1", encoding: "form", sender: "manager", fields: {}, intents: { restore: { confirm: "text" } } },
  {
    route: "programmes.$id.revue",
    path: "/programmes/:programme/revue",
    encoding: "form",
    sender: "manager",
    fields: {},
    intents: {
      comment: { subject: "text", moduleCode: "moduleCode", itemRef: "itemRef", parentId: "text", body: "longText" },
      edit: { commentId: "text", body: "longText" },
      open_reviewer: { email: "email", until: "text" },
      close_reviewer: { userId: "userId" },
      request_changes: { number: "int", note: "longText" },
      approve: { number: "int", note: "longText" },
    },
  },
  { route: "etablissement.profondeurs", path: "/etablissement/profondeurs", encoding: "form", sender: "manager", fields: DEPTH_FIELDS },
  { route: "programmes.$id.profondeurs", path: "/programmes/:programme/profondeurs", encoding: "form", sender: "manager", fields: DEPTH_FIELDS },
  { route: "programmes.$id.dupliquer", path: "/programmes/:programme/dupliquer", encoding: "form", sender: "manager", fields: { title: "title" } },
  { route: "programmes.$id.importer.verifier", path: "/programmes/:programme/importer/verifier", encoding: "multipart", sender: "manager", fields: { file: "csvFile", mode: "text" } },
  { route: "programmes.$id.importer.enregistrer", path: "/programmes/:programme/importer/enregistrer", encoding: "multipart", sender: "manager", fields: { file: "csvFile", mode: "text", digest: "text" } },
  { route: "programmes.$id.referentiels", path: "/programmes/:programme/referentiels", encoding: "form", sender: "manager", fields: { sheet: "slug", from: "int", to: "int" } },
  { route: "api.v1.programmes.$id.versions._index", path: "/api/v1/programmes/:programme/versions", encoding: "json", sender: "manager", api: true, fields: { label: "text" } },
  {
    route: "api.v1.programmes._index",
    path: "/api/v1/programmes",
    encoding: "programme-api",
    sender: "manager",
    api: true,
    fields: { title: "title", level: "level", entryEcts: "int", semesters: "semester", diplomaType: "diploma", description: "longText", targets: "slugList", rows: "rows" },
  },
];

/** Query parameters the GET endpoints read, plus a few they do not. */
export const QUERY_NAMES = ["version", "from", "to", "q", "fiche", "niveau", "sheet", "level", "redirectTo", "filename", "title", "targets", "_data", "index", "page", "de", "a", "personne", "type", "du", "au", "sujet", "exigence", "module"];

/** The GET endpoints, as the authorization matrix lists them (the pages and the API). */
export const GET_ROWS = AUTHORIZATION_MATRIX.filter((row) => row.method === "GET");

const ROUTES_DIR = join(process.cwd(), "app/routes");

/** The route files (without extension) that export an action: every one must be a fuzz target. */
export function routesWithActions(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((file) => /export (async )?(function|const) action\b/.test(readFileSync(join(ROUTES_DIR, file), "utf8")))
    .map((file) => file.replace(/\.tsx?$/, ""))
    .sort();
}
