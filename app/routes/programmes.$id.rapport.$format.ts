import type { LoaderFunctionArgs } from "@remix-run/node";
import { gapList } from "~/domain/coverage";
import { programmeCoverage } from "~/models/coverage.server";
import { db } from "~/utils/db.server";
import { canRenderPdf, renderPdf } from "~/utils/pdf.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { writeWorkbook } from "~/utils/xlsx.server";

const STATUS_FR = { covered: "couvert", partial: "partiel", missing: "manquant", not_required: "non requis" } as const;

/** GET /programmes/:id/rapport/(pdf|xlsx): the accreditation report as a PDF, or its tables as a workbook. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const base = `rapport-${programme.id}`;
  if (params.format === "pdf") {
    if (!canRenderPdf()) {
      return new Response("Chromium n'est pas installé sur ce serveur : ouvrez le rapport et utilisez Imprimer > Enregistrer au format PDF.", {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const url = new URL(`/programmes/${programme.id}/rapport`, request.url).href;
    const pdf = await renderPdf({ url, cookie: request.headers.get("Cookie") });
    return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${base}.pdf"` } });
  }
  if (params.format !== "xlsx") throw new Response("Format inconnu : pdf ou xlsx.", { status: 404 });
  const found = await programmeCoverage({ db, schoolId: ctx.school.id, programmeId: programme.id, loaded: programme });
  const coverages = found!.coverages;
  const refs = [...new Set(coverages.flatMap((c) => c.target.requirements.filter((r) => r.required).map((r) => r.ref)))];
  const sheets = [
    {
      name: "Formation",
      rows: [
        ["Intitulé", programme.title],
        ["Niveau CNCP", programme.level],
        ["Crédits d'entrée", programme.entryEcts],
        ["Crédits de la formation", programme.modules.reduce((n, m) => n + m.ects, 0)],
        ["Semestres", programme.semesters],
        ["Produit le (UTC)", new Date().toISOString()],
      ],
    },
    {
      name: "Tableau croisé",
      rows: [
        ["Semestre", "Module", "Intitulé", "ECTS", ...refs],
        ...programme.modules.map((m) => {
          const cells = new Map(m.mappings.map((x) => [x.itemRef, `${x.depth}${x.assessed ? "É" : ""}`]));
          return [m.semester, m.code, m.title, m.ects, ...refs.map((r) => cells.get(r) ?? "")];
        }),
      ],
    },
    ...coverages.map(({ target, result }) => ({
      name: `Couverture ${target.sheetSlug}`.slice(0, 31),
      rows: [
        ["Exigence", "Libellé", "Type", "Statut", "Profondeur requise", "Profondeur atteinte", "Évaluée", "Modules"],
        ...result.items.map((i) => [i.ref, i.label, i.kind, STATUS_FR[i.status], i.requiredDepth ?? "", i.achievedDepth, i.assessed ? "oui" : "non", i.modules.map((m) => `${m.code} (${m.depth})`).join(", ")]),
      ],
    })),
    {
      name: "Écarts",
      rows: [["Métier visé", "Exigence", "Libellé", "Statut", "Requis", "Atteint"], ...coverages.flatMap(({ target, result }) => gapList(result).map((g) => [target.title, g.ref, g.label, g.status === "covered" ? "jamais évalué" : STATUS_FR[g.status], g.requiredDepth ?? "", g.achievedDepth]))],
    },
    { name: "Avertissements", rows: [["Métier visé", "Code", "Message"], ...coverages.flatMap(({ target, result }) => result.warnings.map((w) => [target.title, w.code, w.message]))] },
  ];
  const body = await writeWorkbook(sheets);
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="${base}.xlsx"` },
  });
}
