/**
 * A school's own requirement lists (docs/decisions/054, 055): each is a reference sheet of kind
 * "school" owned by the school (`ReferenceSheet.schoolId`), with a draft its managers edit
 * (`SchoolList`); publishing the draft writes the next version of the sheet, so that versions,
 * their comparison, the programmes' upgrades and the exports are those of any sheet. Every
 * query names the school; every write is one transaction with its audit row.
 */
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/create-db.server";
import { referenceSheetSchema } from "~/domain/reference-data";
import { assignCodes, draftText, readDraft, schoolListSheetData, type SchoolListForm } from "~/domain/school-list";
import { schoolListSlug } from "~/domain/sheet-slug";
import { audit, type Actor } from "./audit.server";
import type { Tx } from "./programme.server";
import { contentHash, writeSheetVersion } from "./reference-sheet.server";

/** Who writes the school's own lists: its administrators and programme managers (every member reads them). */
export const LIST_EDITORS = ["admin", "manager"] as const;

/** The school a list belongs to: its id, its slug (the lists' namespace) and its name (their publisher). */
export type ListSchool = { id: string; slug: string; name: string };

const listSelect = {
  sheetId: true,
  slug: true,
  draft: true,
  revision: true,
  updatedAt: true,
  sheet: { select: { slug: true, versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, contentHash: true } } } },
} as const;

type ListRow = Prisma.SchoolListGetPayload<{ select: typeof listSelect }>;

function describe(row: ListRow, school: ListSchool) {
  const draft = readDraft(row.draft);
  const latest = row.sheet.versions[0] ?? null;
  const draftHash = contentHash(schoolListSheetData(draft, { slug: row.sheet.slug, schoolName: school.name }));
  return {
    /** The sheet's slug (`<school>~<chosen>`): its address, and what targets and mappings name. */
    slug: row.sheet.slug,
    chosen: row.slug,
    title: draft.title,
    draft,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    latestVersion: latest?.version ?? null,
    /** Whether publishing now would make a new version. */
    draftDiffers: latest?.contentHash !== draftHash,
  };
}

export type SchoolListDetail = ReturnType<typeof describe>;

/** The school's lists, by title, each with its draft and its latest published version. */
export async function listSchoolLists({ db, school }: { db: Db; school: ListSchool }): Promise<SchoolListDetail[]> {
  const rows = await db.schoolList.findMany({ where: { schoolId: school.id }, select: listSelect });
  return rows.map((row) => describe(row, school)).sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/**
 * What the reference-sheet list shows a member of the school in use: the school's lists, and
 * whether they may write them. Null for a visitor.
 */
export async function schoolListsOf(db: Db, membership: { school: ListSchool; role: string } | null) {
  if (!membership) return null;
  const lists = await listSchoolLists({ db, school: membership.school });
  return {
    schoolName: membership.school.name,
    canEdit: (LIST_EDITORS as readonly string[]).includes(membership.role),
    lists: lists.map(({ slug, title, latestVersion, draftDiffers }) => ({ slug, title, latestVersion, draftDiffers })),
  };
}

/** One of the school's lists by its sheet slug; null for another school's list, a public sheet or nothing. */
export async function getSchoolList({ db, school, slug }: { db: Db | Tx; school: ListSchool; slug: string }): Promise<SchoolListDetail | null> {
  const row = await db.schoolList.findFirst({ where: { schoolId: school.id, sheet: { slug, schoolId: school.id } }, select: listSelect });
  return row ? describe(row, school) : null;
}

export type CreateResult = { ok: true; slug: string } | { ok: false; reason: "slug_taken" };

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Inside the caller's transaction: the list's sheet (owned by the school) and its first draft. */
export async function insertSchoolList(tx: Tx, school: ListSchool, form: SchoolListForm) {
  const slug = schoolListSlug(school.slug, form.slug);
  const draft = assignCodes(form, []);
  const sheet = await tx.referenceSheet.create({
    data: { slug, kind: "school", schoolId: school.id, list: { create: { schoolId: school.id, slug: form.slug, draft: draftText(draft) } } },
    select: { id: true },
  });
  return { slug, sheetId: sheet.id, draft };
}

/** Inside the caller's transaction: a draft as the next version of the list's sheet (unless it is the latest already). */
export async function publishDraft(tx: Tx, school: ListSchool, list: { sheetId: string; slug: string; draft: string }) {
  // Checked again as any sheet is before it is stored.
  const data = referenceSheetSchema.parse(schoolListSheetData(readDraft(list.draft), { slug: list.slug, schoolName: school.name }));
  return writeSheetVersion(tx, list.sheetId, data, "school");
}

/** Creates a list with its first draft (nothing published yet). Refused when the school already has that slug. */
export async function createSchoolList({ db, school, form, actor }: { db: Db; school: ListSchool; form: SchoolListForm; actor: Actor }): Promise<CreateResult> {
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.schoolList.findFirst({ where: { schoolId: school.id, slug: form.slug }, select: { sheetId: true } });
      if (taken) return { ok: false, reason: "slug_taken" } as const;
      const { slug, draft } = await insertSchoolList(tx, school, form);
      await audit(tx, actor, { action: "create", entity: "school_list", entityId: slug, after: draft });
      return { ok: true, slug } as const;
    });
  } catch (error) {
    // Two people creating the same slug at once: the database keeps one.
    if (isUniqueViolation(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

export type SaveResult = { ok: true; revision: number; changed: boolean } | { ok: false; reason: "not_found" | "stale" };

/** Every code the list's published versions gave (never given again to another item). */
async function publishedCodes(tx: Tx, sheetId: string): Promise<string[]> {
  const rows = await tx.sheetRequirement.findMany({ where: { sheetVersion: { sheetId } }, select: { code: true }, distinct: ["code"] });
  return rows.map((row) => row.code);
}

/**
 * Saves the draft, made from the draft of `revision`: refused when someone saved another draft
 * since (nothing lost: the form keeps what was typed). The slug stays the one chosen at creation.
 */
export async function saveSchoolListDraft({
  db,
  school,
  slug,
  revision,
  form,
  actor,
}: {
  db: Db;
  school: ListSchool;
  slug: string;
  revision: number;
  form: SchoolListForm;
  actor: Actor;
}): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const list = await tx.schoolList.findFirst({ where: { schoolId: school.id, sheet: { slug, schoolId: school.id } }, select: { sheetId: true, slug: true, draft: true, revision: true } });
    if (!list) return { ok: false, reason: "not_found" } as const;
    if (list.revision !== revision) return { ok: false, reason: "stale" } as const;
    const draft = assignCodes({ ...form, slug: list.slug }, await publishedCodes(tx, list.sheetId));
    const text = draftText(draft);
    if (text === list.draft) return { ok: true, revision, changed: false } as const;
    const updated = await tx.schoolList.updateMany({ where: { sheetId: list.sheetId, schoolId: school.id, revision }, data: { draft: text, revision: { increment: 1 } } });
    if (updated.count !== 1) return { ok: false, reason: "stale" } as const;
    await audit(tx, actor, { action: "update", entity: "school_list", entityId: slug, before: readDraft(list.draft), after: draft });
    return { ok: true, revision: revision + 1, changed: true } as const;
  });
}

export type PublishResult =
  | { ok: true; status: "created" | "unchanged"; version: number }
  | { ok: false; reason: "not_found" | "stale" };

/**
 * Publishes the draft of `revision` as the next version of the list's sheet (or says it is the
 * latest version already). The programmes that target the list keep the version they are pinned
 * to until they are upgraded (docs/decisions/014).
 */
export async function publishSchoolList({ db, school, slug, revision, actor }: { db: Db; school: ListSchool; slug: string; revision: number; actor: Actor }): Promise<PublishResult> {
  return db.$transaction(
    async (tx) => {
      const list = await tx.schoolList.findFirst({ where: { schoolId: school.id, sheet: { slug, schoolId: school.id } }, select: { sheetId: true, draft: true, revision: true } });
      if (!list) return { ok: false, reason: "not_found" } as const;
      if (list.revision !== revision) return { ok: false, reason: "stale" } as const;
      const written = await publishDraft(tx, school, { sheetId: list.sheetId, slug, draft: list.draft });
      if (written.status === "created") {
        await audit(tx, actor, { action: "publish", entity: "reference_sheet", entityId: slug, after: { version: written.version, contentHash: written.contentHash } });
      }
      return { ok: true, status: written.status, version: written.version } as const;
    },
    { timeout: 60_000 },
  );
}
