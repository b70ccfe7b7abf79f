/**
 * The guard of every programme page and endpoint: the person's school must own the
 * programme (else 404, exactly like an id that does not exist), a reviewer must be invited
 * to it (else 404 too), and writing needs a role that may write.
 */
import { canEditModuleRow, canEditProgrammes, canReadProgramme, type Role } from "~/domain/roles";
import { getModuleRows, getProgramme, getProgrammeHead, isInvitedReviewer, type ProgrammeDetail } from "~/models/programme.server";
import { requireApiAuth, requireMembership, type SchoolContext } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill, translator, type Locale } from "~/i18n";
import { getLocale } from "~/utils/locale.server";

export type ProgrammeAccess = {
  ctx: Pick<SchoolContext, "user" | "school" | "role">;
  programme: ProgrammeDetail;
  canEdit: boolean;
  /** The number of the version under review: while it is, the draft is locked for everyone. */
  lockedBy: number | null;
  /** The modules whose matrix row this person may edit (none while the draft is locked). */
  editableModuleIds: Set<string>;
  actor: { userId: string; schoolId: string };
};

function notFound(api: boolean): never {
  throw api ? Response.json({ error: "Formation introuvable." }, { status: 404 }) : new Response("Formation introuvable.", { status: 404 });
}

/** Every member reads the school's programmes; a reviewer, only those they are invited to. */
async function mayRead(ctx: Pick<SchoolContext, "user" | "role">, programmeId: string) {
  return canReadProgramme(ctx.role, ctx.role === "reviewer" && (await isInvitedReviewer({ db, programmeId, userId: ctx.user.id })));
}

async function access(ctx: Pick<SchoolContext, "user" | "school" | "role">, programmeId: string, api: boolean, head = false): Promise<ProgrammeAccess> {
  const programme = await (head ? getProgrammeHead : getProgramme)({ db, schoolId: ctx.school.id, id: programmeId });
  if (!programme) notFound(api);
  const role: Role = ctx.role;
  if (!(await mayRead(ctx, programmeId))) notFound(api);
  const lockedBy = programme.versions[0]?.number ?? null;
  const editableModuleIds = new Set(
    lockedBy === null ? programme.modules.filter((m) => canEditModuleRow(role, m.teachers.some((t) => t.userId === ctx.user.id))).map((m) => m.id) : [],
  );
  return { ctx, programme, canEdit: canEditProgrammes(role) && lockedBy === null, lockedBy, editableModuleIds, actor: { userId: ctx.user.id, schoolId: ctx.school.id } };
}

/** Why the draft cannot be changed now, in words (French unless told otherwise). */
export function lockMessage(lockedBy: number, locale: Locale = "fr") {
  return fill(translator(locale)("act.locked"), { number: lockedBy });
}

/**
 * `head`: the modules come without their mappings (empty lists), for endpoints that change one
 * cell and need only the rows' ids, versions and teachers.
 */
export async function requireProgramme(request: Request, programmeId: string | undefined, options: { edit?: boolean; head?: boolean } = {}) {
  const ctx = await requireMembership(request);
  const result = await access(ctx, programmeId ?? "", false, options.head);
  if (options.edit && !canEditProgrammes(result.ctx.role)) throw new Response(translator(await getLocale(request))("act.roleCannotEdit"), { status: 403 });
  if (options.edit && result.lockedBy !== null) throw new Response(lockMessage(result.lockedBy, await getLocale(request)), { status: 409 });
  return result;
}

export async function requireApiProgramme(request: Request, programmeId: string | undefined, options: { head?: boolean } = {}) {
  const ctx = await requireApiAuth(request);
  return access(ctx, programmeId ?? "", true, options.head);
}

/**
 * The guard of a write of cells, lighter than the programme's: the same 404 for a programme
 * that is not the school's (or a reviewer's who is not invited), then the rows of the modules
 * named. `canEditRow` is false while the draft is under review.
 */
export async function requireModuleRows(ctx: Pick<SchoolContext, "user" | "school" | "role">, programmeId: string | undefined, moduleIds: readonly string[]) {
  const row = await getModuleRows({ db, schoolId: ctx.school.id, programmeId: programmeId ?? "", moduleIds, userId: ctx.user.id });
  if (!row) notFound(false);
  const role: Role = ctx.role;
  if (!(await mayRead(ctx, row.id))) notFound(false);
  const canEditRow = (moduleId: string) => {
    const module = row.modules.get(moduleId);
    return module !== undefined && row.lockedBy === null && canEditModuleRow(role, module.taughtByMe);
  };
  return { programme: { id: row.id, targets: row.targets }, modules: row.modules, lockedBy: row.lockedBy, canEditRow, actor: { userId: ctx.user.id, schoolId: ctx.school.id } };
}
