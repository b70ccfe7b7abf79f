import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { detectDelimiter, parseCsv } from "~/domain/csv";
import { PROGRAMME_CSV_HEADER } from "~/domain/programme-import";
import { languageFromAcceptLanguage, renderSentence } from "~/domain/sentences";
import { importProgramme, listProgrammes } from "~/models/programme.server";
import { requireApiAuth } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { checkProgrammeImport, MAX_UPLOAD_BYTES } from "~/utils/programme-upload.server";

/** GET /api/v1/programmes: the school's programmes (a reviewer's: those they are invited to). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { school, role, user } = await requireApiAuth(request);
  const programmes = await listProgrammes({ db, schoolId: school.id, reviewerId: role === "reviewer" ? user.id : undefined });
  return Response.json({
    school: { id: school.id, slug: school.slug, name: school.name },
    programmes: programmes.map((p) => ({
      id: p.id,
      title: p.title,
      diplomaType: p.diplomaType,
      level: p.level,
      entryEcts: p.entryEcts,
      semesters: p.semesters,
      targets: p.targets.map((t) => t.sheetSlug),
      modules: p._count.modules,
      updatedAt: p.updatedAt.toISOString(),
    })),
  });
}

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? "" : String(v)));
const jsonBody = z.strictObject({
  title: z.string(),
  level: z.union([z.number(), z.string()]).optional(),
  entryEcts: z.union([z.number(), z.string()]).optional(),
  semesters: z.union([z.number(), z.string()]).optional(),
  diplomaType: z.string().optional(),
  description: z.string().optional(),
  targets: z.union([z.array(z.string()), z.string()]).optional(),
  rows: z.array(z.strictObject(Object.fromEntries(PROGRAMME_CSV_HEADER.map((k) => [k, cell.optional()])) as Record<(typeof PROGRAMME_CSV_HEADER)[number], z.ZodOptional<typeof cell>>)).max(50_000),
});

/**
 * POST /api/v1/programmes?title=&level=&entryEcts=&targets=a,b with a text/csv body (or a
 * JSON body {title, level, entryEcts, targets, rows}): creates the programme, all or nothing.
 * 201 {"id"}; 400 with the problems by line, and nothing created.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Méthode non permise." }, { status: 405 });
  const { school, user } = await requireApiAuth(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const type = request.headers.get("Content-Type") ?? "";
  const text = await request.text();
  if (text.length > MAX_UPLOAD_BYTES) return Response.json({ error: "Corps trop volumineux (20 Mo au plus)." }, { status: 413 });
  let meta: Record<string, unknown>;
  let rows: string[][];
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return Response.json({ error: "JSON illisible." }, { status: 400 });
    }
    const parsed = jsonBody.safeParse(body);
    if (!parsed.success) return Response.json({ error: "Corps JSON invalide.", problems: parsed.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`) }, { status: 400 });
    const { rows: jsonRows, targets, ...rest } = parsed.data;
    meta = { ...rest, targets: typeof targets === "string" ? targets.split(",") : (targets ?? []) };
    rows = [[...PROGRAMME_CSV_HEADER], ...jsonRows.map((row) => PROGRAMME_CSV_HEADER.map((k) => row[k] ?? ""))];
  } else if (type.includes("text/csv") || type.includes("text/plain")) {
    meta = {
      title: url.searchParams.get("title") ?? undefined,
      level: url.searchParams.get("level") ?? undefined,
      entryEcts: url.searchParams.get("entryEcts") ?? undefined,
      semesters: url.searchParams.get("semesters") ?? undefined,
      diplomaType: url.searchParams.get("diplomaType") ?? undefined,
      targets: (url.searchParams.get("targets") ?? "").split(",").filter(Boolean),
    };
    rows = parseCsv(text, detectDelimiter(text));
  } else {
    return Response.json({ error: "Content-Type attendu : text/csv ou application/json." }, { status: 415 });
  }
  // Problems of the lines and the fields in French, or in English when Accept-Language prefers it.
  const language = languageFromAcceptLanguage(request.headers.get("Accept-Language"));
  const outcome = await checkProgrammeImport({ meta, rows, language, schoolId: school.id });
  if (!outcome.ok) {
    const problems = outcome.problems.map(({ line, column, sentence }) => ({ line, ...(column ? { column } : {}), message: renderSentence(sentence, language) }));
    return Response.json({ error: "Import refusé : rien n'a été créé.", problems, formErrors: outcome.formErrors }, { status: 400 });
  }
  const { id } = await importProgramme({ db, schoolId: school.id, form: outcome.form, modules: outcome.read.modules, actor: { userId: user.id, schoolId: school.id } });
  return Response.json({ id }, { status: 201 });
}
