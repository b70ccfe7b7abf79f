/**
 * The guard of every programme page and endpoint: the person's school must own the
 * programme (else 404, exactly like an id that does not exist), a reviewer must be invited
 * to it (else 404 too), and writing needs a role that may write.
 */
import { canEditModuleRow, canEditProgrammes, canReadProgramme, type Role } from "~/domain/roles";
import { getProgramme, isInvitedReviewer, type ProgrammeDetail } from "~/models/programme.server";
import { requireApiAuth, requireMembership, type SchoolContext } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export type ProgrammeAccess = {
  ctx: Pick<SchoolContext, "user" | "school" | "role">;
  programme: ProgrammeDetail;
  canEdit: boolean;
  /** The modules whose matrix row this person may edit. */
  editableModuleIds: Set<string>;
  actor: { userId: string; schoolId: string };
};

function notFound(api: boolean): never {
  throw api ? Response.json({ error: "Formation introuvable." }, { status: 404 }) : new Response("Formation introuvable.", { status: 404 });
}

async function access(ctx: Pick<SchoolContext, "user" | "school" | "role">, programmeId: string, api: boolean): Promise<ProgrammeAccess> {
  const programme = await getProgramme({ db, schoolId: ctx.school.id, id: programmeId });
  if (!programme) notFound(api);
  const role: Role = ctx.role;
  if (!canReadProgramme(role, role === "reviewer" && (await isInvitedReviewer({ db, programmeId, userId: ctx.user.id })))) notFound(api);
  const editableModuleIds = new Set(
    programme.modules.filter((m) => canEditModuleRow(role, m.teachers.some((t) => t.userId === ctx.user.id))).map((m) => m.id),
  );
  return { ctx, programme, canEdit: canEditProgrammes(role), editableModuleIds, actor: { userId: ctx.user.id, schoolId: ctx.school.id } };
}

export async function requireProgramme(request: Request, programmeId: string | undefined, options: { edit?: boolean } = {}) {
  const ctx = await requireMembership(request);
  const result = await access(ctx, programmeId ?? "", false);
  if (options.edit && !result.canEdit) throw new Response("Votre rôle ne permet pas de modifier cette formation.", { status: 403 });
  return result;
}

export async function requireApiProgramme(request: Request, programmeId: string | undefined) {
  const ctx = await requireApiAuth(request);
  return access(ctx, programmeId ?? "", true);
}
