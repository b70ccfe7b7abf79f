/**
 * The values the fuzz suite sends: plausible ones (so that requests get past the first check
 * and reach the deeper code, and sometimes succeed) mixed with hostile ones (very long text,
 * NUL and right-to-left characters, lone surrogates, numbers that are not numbers, wrong JSON
 * types, duplicate keys, `__proto__`, extra fields that try to set the school, role or
 * version, deep nesting, broken CSV, XLSX and JSON files).
 *
 * Values that name something of the running app (a module id, the current version of a
 * module, a pending invitation) are symbols, resolved when the request is sent: the app's
 * state moves on while the suite runs, and fast-check can still replay and shrink a case.
 */
import fc from "fast-check";
import type { FieldKind } from "./fuzz-targets";

export const POOLS = [
  "programmeId",
  "moduleId",
  "schoolId",
  "membershipId",
  "tokenId",
  "invitationId",
  "invitationToken",
  "userId",
  "itemRef",
  "confirmTitle",
  "currentVersion",
  "knownPassword",
  "email",
] as const;
export type PoolName = (typeof POOLS)[number];
/** A value of the running app, chosen when the request is sent; `asNumber` writes it as a JSON number. */
export type Sym = { pool: PoolName; n: number; asNumber?: boolean };

/** A JSON value as the suite writes it by hand: duplicate keys and `__proto__` kept, deep nesting built on demand. */
export type Gen = string | number | boolean | null | Sym | { array: Gen[] } | { pairs: [string, Gen][] } | { nest: number; open: "[" | "{" } | { rawNumber: string };

export const isSym = (value: unknown): value is Sym => typeof value === "object" && value !== null && "pool" in value;

export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u202Eexe.cod\u202C",
  "\u200F\u200Eא",
  "\uFEFF",
  "\uD800",
  "\uDFFFx",
  "💥🇫🇷",
  "e\u0301",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "'; DROP TABLE \"Programme\"; --",
  "${7*7}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x1F",
  "9007199254740993",
  "1.5e-400",
  "2,5",
  "3.",
  " 4 ",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "=1+1",
  "+33 1 23",
  "-2",
  "@SUM(A1)",
  '=HYPERLINK("http://exemple.invalid")',
  "\r\n",
  "\t",
  "\\",
  '"',
  "'",
  "`",
  "０",
  "١٢٣",
  "Ⅻ",
  "//exemple.invalid",
  "/\\exemple.invalid",
  "javascript:alert(1)",
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("a", "é", "\u0000", "<", "=", "😀", "\u202E", "9"), fc.integer({ min: 250, max: 120_000 }))
      .map(([unit, length]) => unit.repeat(length)),
  },
);

const sym = (pool: PoolName) => fc.nat({ max: 50 }).map((n): Sym => ({ pool, n }));
const word = fc.constantFrom("Marketing", "Gestion", "Projet", "Droit du numérique", "Stage", "Analyse", "Atelier e-commerce", "UE 1", "Logistique");

/** A value each kind of field accepts (as far as the suite can tell without the app's state). */
export function validValue(kind: FieldKind): fc.Arbitrary<string | Sym> {
  switch (kind) {
    case "text":
    case "longText":
      return word;
    case "title":
      return fc.tuple(word, fc.nat(999)).map(([w, n]) => `${w} ${n}`);
    case "email":
      return fc.nat(9_999_999).map((n) => `fuzz-${n}@exemple.fr`);
    case "accountEmail":
      return sym("email");
    case "password":
      return fc.constant("un mot de passe solide");
    case "knownPassword":
      return sym("knownPassword");
    case "int":
      return fc.constantFrom("0", "10", "20", "120");
    case "level":
      return fc.constantFrom("5", "6", "7");
    case "ects":
      return fc.constantFrom("3", "2,5", "2.5", "6");
    case "semester":
      return fc.constantFrom("1", "2");
    case "depth":
      return fc.integer({ min: 0, max: 4 }).map(String);
    case "bool":
    case "boolJson":
      return fc.constantFrom("true", "false");
    case "diploma":
      return fc.constantFrom("bts", "but", "licence", "licence_pro", "bachelor", "master", "other");
    case "role":
      return fc.constantFrom("admin", "manager", "teacher", "reviewer");
    case "locale":
      return fc.constantFrom("fr", "en");
    case "path":
      return fc.constantFrom("/", "/programmes", "/referentiels?q=a");
    case "moduleCode":
      return fc.nat(99_999).map((n) => `N${n}`);
    case "hours":
      return fc.constantFrom("20", "20/10/0/6");
    case "slug":
      return fc.constantFrom("charge-e-commerce", "directeur-e-commerce");
    case "slugList":
      return fc.constant("charge-e-commerce");
    case "version":
      return sym("currentVersion");
    case "itemRef":
    case "programmeId":
    case "moduleId":
    case "schoolId":
    case "membershipId":
    case "tokenId":
    case "invitationId":
    case "userId":
    case "confirmTitle":
      return sym(kind);
    case "rows":
    case "csvFile":
    case "sheetFile":
      return fc.constant("");
  }
}

/** A value of the right shape but often out of range, or of a neighbouring kind. */
function borderline(kind: FieldKind): fc.Arbitrary<string | Sym> {
  switch (kind) {
    case "int":
      return fc.integer({ min: -3, max: 320 }).map(String);
    case "level":
      return fc.constantFrom("4", "8", "6.5", "06");
    case "ects":
      return fc.constantFrom("0", "60", "61", "0.25", "-1");
    case "semester":
      return fc.integer({ min: 0, max: 13 }).map(String);
    case "depth":
      return fc.constantFrom("-1", "5", "2.5");
    case "bool":
    case "boolJson":
      return fc.constantFrom("on", "oui", "1", "TRUE");
    case "diploma":
      return fc.constantFrom("doctorat", "BTS", "");
    case "role":
      return fc.constantFrom("owner", "Admin", "superadmin");
    case "locale":
      return fc.constantFrom("de", "FR", "fr-FR");
    case "path":
      return fc.constantFrom("//exemple.invalid", "/\\exemple.invalid", "https://exemple.invalid/", "/programmes/../compte", "javascript:alert(1)");
    case "moduleCode":
      return fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,33}$/);
    case "email":
    case "accountEmail":
      return fc.oneof(sym("email"), fc.nat(999).map((n) => `inconnu-${n}@exemple.fr`), fc.constantFrom("pas-une-adresse", "a@b", "ADMIN@DEMO.MAQUETTE.FR "));
    case "password":
    case "knownPassword":
      return fc.string({ minLength: 1, maxLength: 20 });
    case "version":
      return fc.integer({ min: -1, max: 12 }).map(String);
    case "slug":
    case "slugList":
      return fc.constantFrom("inconnu", "responsable-e-commerce", "chef-de-projet-e-commerce", "chef-de-projet-commerce-electronique", "Charge-E-Commerce");
    default:
      return validValue(kind);
  }
}

/** A field's value: valid three times out of five, borderline or hostile otherwise. */
export function fieldValue(kind: FieldKind): fc.Arbitrary<string | Sym> {
  return fc.oneof({ weight: 3, arbitrary: validValue(kind) }, { weight: 1, arbitrary: borderline(kind) }, { weight: 1, arbitrary: hostileText });
}

/** A JSON value of the wrong type (or of no type at all). */
export const wrongJson: fc.Arbitrary<Gen> = fc.oneof(
  fc.integer().map((n): Gen => n),
  fc.constantFrom<Gen>(true, false, null, { rawNumber: "1e400" }, { rawNumber: "-0" }, { rawNumber: "123456789012345678901234567890" }, { array: [] }, { pairs: [] }),
  fc.double().map((n): Gen => (Number.isFinite(n) ? n : null)),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }).map((items): Gen => ({ array: items })),
  fc.constantFrom<Gen>({ pairs: [["__proto__", { pairs: [["role", "admin"]] }]] }, { pairs: [["constructor", { pairs: [["prototype", { pairs: [["isAdmin", true]] }]] }]] }),
  fc.record({ nest: fc.integer({ min: 10, max: 200_000 }), open: fc.constantFrom<"[" | "{">("[", "{") }),
);

const NUMERIC: FieldKind[] = ["int", "level", "semester", "depth", "version", "ects"];

/** A JSON field's value of the right type: numbers as numbers, booleans as booleans, lists as lists. */
export function validJsonValue(kind: FieldKind): fc.Arbitrary<Gen> {
  if (kind === "boolJson") return fc.boolean();
  if (kind === "slugList") return fc.constant<Gen>({ array: ["charge-e-commerce"] });
  if (kind === "version") return fc.nat({ max: 50 }).map((n): Gen => ({ pool: "currentVersion", n, asNumber: true }));
  return validValue(kind).map((value): Gen => (typeof value === "string" && NUMERIC.includes(kind) ? Number(value.replace(",", ".")) : value));
}

/** A value for a JSON field: its kind, sometimes as text where a number is expected, or the wrong type. */
export function jsonFieldValue(kind: FieldKind): fc.Arbitrary<Gen> {
  return fc.oneof({ weight: 3, arbitrary: validJsonValue(kind) }, { weight: 1, arbitrary: fieldValue(kind).map((v): Gen => v) }, { weight: 1, arbitrary: wrongJson });
}

/** Extra fields that must change nothing they name (mass assignment). */
export const massAssignment: fc.Arbitrary<[string, Gen]> = fc.oneof(
  sym("schoolId").map((s): [string, Gen] => ["schoolId", s]),
  fc.constantFrom<[string, Gen]>(
    ["role", "admin"],
    ["version", "999"],
    ["isDemo", "true"],
    ["id", "1"],
    ["createdAt", "2000-01-01"],
    ["__proto__", "x"],
    ["constructor", "x"],
    ["prototype", "x"],
    ["isAdmin", "true"],
  ),
  sym("userId").map((s): [string, Gen] => ["userId", s]),
  sym("programmeId").map((s): [string, Gen] => ["programmeId", s]),
);

/* ---------------------------------------------------------------- files */

export const PROGRAMME_HEADER = ["module_code", "module_title", "semester", "ects", "hours", "item_ref", "depth", "assessed"];

/** One row of a programme file: plausible cells with now and then a hostile one. */
const programmeRow: fc.Arbitrary<(string | Sym)[]> = fc.tuple(
  fieldValue("moduleCode"),
  fieldValue("title"),
  fieldValue("semester"),
  fieldValue("ects"),
  fieldValue("hours"),
  fc.oneof({ weight: 3, arbitrary: sym("itemRef") }, { weight: 1, arbitrary: fc.constantFrom("", "charge-e-commerce/C99", "T99", "K-inconnu", "inconnu/C1") }),
  fieldValue("depth"),
  fc.constantFrom("oui", "non", "x", "1", "0", "", "peut-être"),
);

export type ProgrammeFileSpec = {
  format: "csv" | "xlsx" | "bytes";
  header: (string | Sym)[];
  rows: (string | Sym)[][];
  delimiter: "," | ";" | "\t";
  lineEnd: "\r\n" | "\n" | "\r";
  bom: boolean;
  /** Breaks the CSV quoting (an unclosed quote) or the XLSX bytes (truncated). */
  damage: boolean;
  bytes: Uint8Array;
  /** A module repeated this many times (big files); 0 for none. */
  repeat: number;
};

/** Rows a programme file may hold: each module described alike on each of its rows, requirements of the targets. */
const validProgrammeRows: fc.Arbitrary<(string | Sym)[][]> = fc
  .uniqueArray(
    fc.record({
      code: fc.nat(60).map((n) => `V${n}`),
      title: word,
      semester: fc.constantFrom("1", "2"),
      ects: fc.constantFrom("3", "6", "2,5"),
      hours: fc.constantFrom("20", "20/10/0/6", ""),
      refs: fc.uniqueArray(fc.nat(30), { minLength: 1, maxLength: 3 }),
      depth: fc.integer({ min: 1, max: 4 }).map(String),
      assessed: fc.constantFrom("oui", "non"),
    }),
    { minLength: 1, maxLength: 4, selector: (module) => module.code },
  )
  .map((modules) => modules.flatMap((m) => m.refs.map((n) => [m.code, m.title, m.semester, m.ects, m.hours, { pool: "itemRef", n } as Sym, m.depth, m.assessed])));

export const programmeFile: fc.Arbitrary<ProgrammeFileSpec> = fc.record({
  format: fc.constantFrom<"csv" | "xlsx" | "bytes">("csv", "csv", "csv", "xlsx", "xlsx", "bytes"),
  header: fc.oneof({ weight: 6, arbitrary: fc.constant(PROGRAMME_HEADER) }, { weight: 1, arbitrary: fc.array(fieldValue("text"), { maxLength: 10 }) }, { weight: 1, arbitrary: fc.shuffledSubarray(PROGRAMME_HEADER) }),
  rows: fc.oneof({ weight: 2, arbitrary: validProgrammeRows }, { weight: 1, arbitrary: fc.array(programmeRow, { maxLength: 12 }) }),
  delimiter: fc.constantFrom<"," | ";" | "\t">(",", ",", ";", "\t"),
  lineEnd: fc.constantFrom<"\r\n" | "\n" | "\r">("\r\n", "\n", "\r"),
  bom: fc.boolean(),
  damage: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  bytes: fc.uint8Array({ maxLength: 400 }),
  repeat: fc.oneof({ weight: 49, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 5_000 }) }),
});

/** A file the import takes: the right header, rows that describe their modules alike, nothing damaged. */
export const validProgrammeFile: fc.Arbitrary<ProgrammeFileSpec> = fc.record({
  format: fc.constantFrom<"csv" | "xlsx">("csv", "xlsx"),
  header: fc.constant(PROGRAMME_HEADER),
  rows: validProgrammeRows,
  delimiter: fc.constantFrom<"," | ";">(",", ";"),
  lineEnd: fc.constantFrom<"\r\n" | "\n">("\r\n", "\n"),
  bom: fc.boolean(),
  damage: fc.constant(false),
  bytes: fc.constant(new Uint8Array()),
  repeat: fc.constant(0),
});

/** A change to one place of a sheet file (our JSON or a CASE package). */
export type SheetMutation = { at: number; op: "delete" | "replace" | "duplicate-array-item"; value: Gen };
export type SheetFileSpec = {
  base: "maquette" | "case" | "foreign-case" | "nest" | "text";
  mutations: SheetMutation[];
  /** A new slug (so that a valid file creates a new sheet) instead of the exported one. */
  newSlug: number | null;
  foreign: { items: number; parents: number[]; deep: number };
  text: string;
};

export const sheetFile: fc.Arbitrary<SheetFileSpec> = fc.record({
  base: fc.constantFrom<SheetFileSpec["base"]>("maquette", "maquette", "case", "foreign-case", "nest", "text"),
  mutations: fc.array(
    fc.record({ at: fc.nat(), op: fc.constantFrom<SheetMutation["op"]>("delete", "replace", "replace", "duplicate-array-item"), value: fc.oneof(fieldValue("text").map((v): Gen => v), wrongJson) }),
    { maxLength: 3 },
  ),
  newSlug: fc.option(fc.nat(999), { freq: 3 }),
  foreign: fc.record({ items: fc.integer({ min: 0, max: 40 }), parents: fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 40 }), deep: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 30_000 }) }) }),
  text: hostileText,
});

/** One of the app's own exports as it is, sometimes under a new slug (a new sheet). */
export const validSheetFile: fc.Arbitrary<SheetFileSpec> = fc.record({
  base: fc.constantFrom<SheetFileSpec["base"]>("maquette", "case"),
  mutations: fc.constant([]),
  newSlug: fc.option(fc.nat(999), { freq: 2 }),
  foreign: fc.constant({ items: 0, parents: [], deep: 0 }),
  text: fc.constant(""),
});
