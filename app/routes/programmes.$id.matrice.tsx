import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { CoverageBar } from "~/components/coverage-visuals";
import { MatrixGrid, type MatrixCells, type MatrixColumn, type SaveCell } from "~/components/matrix-grid";
import { computeCoverage, indexMappings, type CncpLevel, type ProgrammeInput, type TargetInput } from "~/domain/coverage";
import type { RequirementKind } from "~/domain/reference-data";
import { programmeTargets } from "~/models/targets.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { fill, type MessageKey } from "~/i18n";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.matrix")} · Maquette` }];

const KIND_ORDER: RequirementKind[] = ["competence", "knowledge", "transversal"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, editableModuleIds, canEdit } = await requireProgramme(request, params.id);
  const targets = await programmeTargets(db, programme);
  // Columns: every requirement of the targets, shared items (T.., K-..) once, grouped by kind.
  const columns = new Map<string, MatrixColumn>();
  for (const target of targets) {
    for (const item of target.requirements) {
      if (!item.required) continue;
      const existing = columns.get(item.ref);
      const code = item.kind === "competence" && targets.length > 1 ? `${target.sheetSlug.split("-").map((w) => w[0]).join("").toUpperCase()}·${item.ref.split("/")[1]}` : item.ref.split("/").pop()!;
      if (!existing) columns.set(item.ref, { ref: item.ref, kind: item.kind, code, label: item.label, requiredDepth: item.requiredDepth });
      else if ((item.requiredDepth ?? 0) > (existing.requiredDepth ?? 0)) existing.requiredDepth = item.requiredDepth;
    }
  }
  const ordered = [...columns.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const cells: MatrixCells = {};
  for (const module of programme.modules) cells[module.id] = Object.fromEntries(module.mappings.map((m) => [m.itemRef, { depth: m.depth, assessed: m.assessed }]));
  return {
    programme: { id: programme.id, title: programme.title, level: programme.level as CncpLevel, entryEcts: programme.entryEcts, semesters: programme.semesters },
    columns: ordered,
    rows: programme.modules.map((m) => ({ id: m.id, code: m.code, title: m.title, semester: m.semester, version: m.version, editable: editableModuleIds.has(m.id), ects: m.ects })),
    cells,
    targets: targets.map(({ editorial: _editorial, version: _version, publisher: _publisher, sourceFile: _sourceFile, ...target }) => target as TargetInput),
    readOnly: editableModuleIds.size === 0,
    canEdit,
  };
}

const saveCell: (programmeId: string, t: (key: MessageKey) => string) => SaveCell = (programmeId, t) => async ({ moduleId, version, itemRef, value }) => {
  const response = await fetch(`/programmes/${programmeId}/matrice/cellule`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ moduleId, version, itemRef, depth: value.depth, assessed: value.assessed }),
  });
  const body = (await response.json().catch(() => ({}))) as { version?: number; current?: { depth: number; assessed: boolean }; error?: string };
  if (response.ok) return { kind: "ok", version: body.version };
  if (response.status === 409 && body.current) return { kind: "conflict", current: body.current, version: body.version };
  if (response.status >= 500) return { kind: "network", message: body.error ?? fill(t("mat.serverError"), { status: response.status }) };
  return { kind: "refused", message: body.error ?? fill(t("mat.refused"), { status: response.status }) };
};

export default function Matrix() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const [cells, setCells] = useState<MatrixCells>(data.cells);
  const [kind, setKind] = useState<"all" | RequirementKind>("all");
  const [semester, setSemester] = useState<number | "all">("all");
  const [gapsOnly, setGapsOnly] = useState(false);

  const input: ProgrammeInput = useMemo(
    () => ({
      level: data.programme.level,
      entryEcts: data.programme.entryEcts,
      semesters: data.programme.semesters,
      modules: data.rows.map((row) => ({
        id: row.id,
        code: row.code,
        title: row.title,
        semester: row.semester,
        ects: row.ects,
        mappings: Object.entries(cells[row.id] ?? {})
          .filter(([, v]) => v.depth > 0)
          .map(([itemRef, v]) => ({ itemRef, depth: v.depth, assessed: v.assessed })),
      })),
    }),
    [cells, data.rows, data.programme],
  );
  const coverages = useMemo(() => {
    const index = indexMappings(input);
    return data.targets.map((target) => computeCoverage(input, target, index));
  }, [input, data.targets]);
  const gapRefs = useMemo(() => {
    const refs = new Set<string>();
    for (const c of coverages) for (const item of c.items) if (item.status === "missing" || item.status === "partial" || (item.status === "covered" && !item.assessed)) refs.add(item.ref);
    return refs;
  }, [coverages]);

  const columns = data.columns.filter((c) => (kind === "all" || c.kind === kind) && (!gapsOnly || gapRefs.has(c.ref)));
  const rows = data.rows.filter((r) => semester === "all" || r.semester === semester);
  const onCellsChange = useCallback((next: MatrixCells) => setCells(next), []);

  return (
    <section className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link to={`/programmes/${data.programme.id}`} className="underline">
              ← {data.programme.title}
            </Link>
          </p>
          <h1 className="text-2xl font-bold text-brand-900">{t("mat.title")}</h1>
          {data.readOnly ? <p className="text-sm text-slate-600">{t("mat.readOnly")}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-1">
            {t("mat.filter.kind")}
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className="rounded border border-slate-300 px-2 py-1">
              <option value="all">{t("mat.filter.all")}</option>
              <option value="competence">{t("mat.filter.competence")}</option>
              <option value="knowledge">{t("mat.filter.knowledge")}</option>
              <option value="transversal">{t("mat.filter.transversal")}</option>
            </select>
          </label>
          <label className="flex items-center gap-1">
            {t("mat.filter.semester")}
            <select value={String(semester)} onChange={(e) => setSemester(e.target.value === "all" ? "all" : Number(e.target.value))} className="rounded border border-slate-300 px-2 py-1">
              <option value="all">{t("mat.filter.all")}</option>
              {Array.from({ length: data.programme.semesters }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  S{i + 1}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)} />
            {t("mat.filter.gapsOnly")}
          </label>
        </div>
      </header>
      <div className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-3" data-testid="live-coverage">
        {coverages.map((c) => (
          <div key={c.target.sheetSlug} data-testid={`live-${c.target.sheetSlug}`}>
            <CoverageBar label={c.target.title} counts={c.summary.overall} />
          </div>
        ))}
      </div>
      {rows.length === 0 || columns.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center ring-1 ring-slate-200">{t("mat.nothing")}</p>
      ) : (
        <MatrixGrid columns={columns} rows={rows} initialCells={cells} save={saveCell(data.programme.id, t)} onCellsChange={onCellsChange} />
      )}
    </section>
  );
}
