import { requireProgramme } from "~/utils/programme-access.server";

/**
 * The guard of the two endpoints of an import into a programme: the programme's guard for a
 * write, with a refusal for a programme under review (409) as JSON, which the page shows.
 */
export async function requireProgrammeForImport(request: Request, programmeId: string | undefined) {
  try {
    return await requireProgramme(request, programmeId, { edit: true });
  } catch (error) {
    if (error instanceof Response && error.status === 409) throw Response.json({ ok: false, problems: [], formErrors: [await error.text()] }, { status: 409 });
    throw error;
  }
}
