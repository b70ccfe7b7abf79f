import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { canSubmitForReview } from "~/domain/review";
import { languageFromAcceptLanguage } from "~/domain/sentences";
import { fill, translator } from "~/i18n";
import { listVersions, publishVersion } from "~/models/programme-version.server";
import { db } from "~/utils/db.server";
import { requireApiProgramme } from "~/utils/programme-access.server";

/** GET /api/v1/programmes/:id/versions: the published versions, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireApiProgramme(request, params.id);
  return Response.json({ versions: await listVersions({ db, schoolId: ctx.school.id, programmeId: programme.id }) });
}

/** POST /api/v1/programmes/:id/versions {label?}: publishes the draft. 201 {number, snapshotHash}. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, ctx, actor } = await requireApiProgramme(request, params.id);
  if (!canSubmitForReview(ctx.role)) return Response.json({ error: "Seuls les responsables de formation publient des versions." }, { status: 403 });
  let body: unknown = {};
  const text = await request.text();
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      return Response.json({ error: "Corps JSON attendu." }, { status: 400 });
    }
  }
  const label = body && typeof body === "object" && "label" in body ? (body as { label: unknown }).label : "";
  if (typeof label !== "string" || label.length > 200 || label.includes("\u0000")) return Response.json({ error: "« label » : texte de 200 caractères au plus." }, { status: 400 });
  const published = await publishVersion({ db, schoolId: ctx.school.id, programmeId: programme.id, label: label.trim(), actor });
  if (!published) return Response.json({ error: "Formation introuvable." }, { status: 404 });
  if (published.unchanged) {
    const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
    return Response.json({ error: fill(translator(language)("act.ver.unchanged"), { number: published.number }), number: published.number, snapshotHash: published.snapshotHash }, { status: 409 });
  }
  return Response.json({ number: published.number, snapshotHash: published.snapshotHash }, { status: 201 });
}
