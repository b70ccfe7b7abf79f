import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { CoverageBar } from "~/components/coverage-visuals";
import { MatrixGrid, type ColumnStatus, type GridRow } from "~/components/matrix-grid";
import { useMatrixEditor } from "~/components/matrix-editor";
import { Legend, RequirementPanel } from "~/components/matrix-panel";
import { MatrixRowSuggestions } from "~/components/matrix-suggestions";
import { computeCoverage, indexMappings, type CoverageStatus, type ProgrammeInput } from "~/domain/coverage";
import { ectsInSemester, runsIn } from "~/domain/matrix";
import { expandMatrixData, type MatrixColumn, type MatrixRowData, type RowLock } from "~/domain/matrix-data";
import type { RequirementKind } from "~/domain/reference-data";
import { canEditModuleRow } from "~/domain/roles";
import { loadMatrixData } from "~/models/matrix.server";
import { db } from "~/utils/db.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { fill } from "~/i18n";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.matrix")} · Maquette` }];

/** Dismissing a row's suggestion changes nothing the grid shows: the matrix is not loaded again for it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.split("?")[0].endsWith("/matrice/suggestions") ? false : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, editableModuleIds, canEdit, lockedBy, ctx } = await requireProgramme(request, params.id);
  const teaches = new Set(programme.modules.filter((m) => m.teachers.some((t) => t.userId === ctx.user.id)).map((m) => m.id));
  // Why a row this person may not edit is locked: the draft is under review, the module is another teacher's, or the role reads only.
  const lockReason: RowLock = lockedBy !== null ? "review" : canEditModuleRow(ctx.role, true) ? "notMine" : "role";
  const rowState = (moduleId: string): { mine: boolean; lock: RowLock | null } => ({
    mine: teaches.has(moduleId),
    lock: editableModuleIds.has(moduleId) ? null : lockReason,
  });
  const matrix = await loadMatrixData(db, programme, rowState);
  return {
    programme: { id: programme.id, title: programme.title },
    matrix,
    role: ctx.role,
    // Why nothing here can be changed, said once above the grid (null when something can).
    readOnly: editableModuleIds.size > 0 ? null : lockReason,
    canEdit,
  };
}

export default function Matrix() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { matrix } = data;
  const expanded = useMemo(() => expandMatrixData(matrix), [matrix]);
  const rowsById = useMemo(() => new Map(matrix.rows.map((r) => [r.id, r])), [matrix.rows]);
  const columnsByRef = useMemo(() => new Map(expanded.columns.map((c) => [c.ref, c])), [expanded.columns]);
  const describeCell = useCallback((moduleId: string, ref: string) => `${rowsById.get(moduleId)?.code ?? "?"} × ${columnsByRef.get(ref)?.code ?? ref}`, [rowsById, columnsByRef]);
  const editor = useMatrixEditor({ url: `/programmes/${data.programme.id}/matrice/cellule`, rows: matrix.rows, initialCells: expanded.cells, t, describeCell });
  const { cells } = editor;

  const [kind, setKind] = useState<"all" | RequirementKind>("all");
  const [semester, setSemester] = useState<number | "all">("all");
  const [target, setTarget] = useState<number | "all">("all");
  const [gapsOnly, setGapsOnly] = useState(false);
  const [mineOnly, setMineOnly] = useState(data.role === "teacher" && matrix.rows.some((r) => r.mine));
  const [focused, setFocused] = useState<{ row: MatrixRowData; column: MatrixColumn } | null>(null);

  const input: ProgrammeInput = useMemo(
    () => ({
      level: matrix.level,
      entryEcts: matrix.entryEcts,
      semesters: matrix.semesters,
      modules: matrix.rows.map((row) => ({
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
    [cells, matrix],
  );
  const coverages = useMemo(() => {
    const index = indexMappings(input);
    return expanded.targets.map((t) => computeCoverage(input, t, index));
  }, [input, expanded.targets]);

  // Per column: modules that map it, the depth reached against the depth required, assessed or not, the worst status among the targets requiring it.
  const columnStatus = useMemo(() => {
    const severity: Record<CoverageStatus, number> = { missing: 0, partial: 1, covered: 2, not_required: 3 };
    const byRef = new Map<string, ColumnStatus>();
    for (const coverage of coverages) {
      for (const item of coverage.items) {
        if (!item.required) continue;
        const known = byRef.get(item.ref);
        if (!known) byRef.set(item.ref, { modules: item.modules.length, reached: item.achievedDepth, required: item.requiredDepth, assessed: item.assessed, status: item.status });
        else {
          known.assessed &&= item.assessed;
          if (severity[item.status] < severity[known.status]) known.status = item.status;
        }
      }
    }
    return byRef;
  }, [coverages]);

  const gapRefs = useMemo(() => new Set([...columnStatus].filter(([, s]) => s.status === "missing" || s.status === "partial" || (s.status === "covered" && !s.assessed)).map(([ref]) => ref)), [columnStatus]);
  const columns = useMemo(
    () => expanded.columns.filter((c) => (kind === "all" || c.kind === kind) && (target === "all" || c.sheets.includes(target)) && (!gapsOnly || gapRefs.has(c.ref))),
    [expanded.columns, kind, target, gapsOnly, gapRefs],
  );
  const gridRows = useMemo(() => {
    const shown = matrix.rows.filter((r) => (semester === "all" || runsIn({ semester: r.semester, semesterSpan: r.span }, semester)) && (!mineOnly || r.mine));
    const list: GridRow[] = [];
    const semesters = semester === "all" ? Array.from({ length: matrix.semesters }, (_, i) => i + 1) : [semester];
    let index = 0;
    for (const s of semesters) {
      const group = shown.filter((r) => (semester === "all" ? r.semester === s : true));
      for (const row of group) list.push({ type: "module", row, index: index++ });
      // The semester's credits: a module over two semesters counts half in each.
      const running = matrix.rows.filter((r) => runsIn({ semester: r.semester, semesterSpan: r.span }, s));
      if (group.length || running.length) list.push({ type: "semester", semester: s, ects: running.reduce((sum, r) => sum + ectsInSemester({ semester: r.semester, semesterSpan: r.span, ects: r.ects }, s), 0), modules: running.length });
    }
    return list;
  }, [matrix.rows, matrix.semesters, semester, mineOnly]);
  const hasRows = gridRows.some((r) => r.type === "module");

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
          {data.readOnly ? <p className="text-sm text-slate-600">{t(`mat.readOnly.${data.readOnly}`)}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} data-testid="filter-mine" />
            {t("mx.filter.mine")}
          </label>
          <label className="flex items-center gap-1">
            {t("mx.filter.target")}
            <select value={String(target)} onChange={(e) => setTarget(e.target.value === "all" ? "all" : Number(e.target.value))} className="max-w-56 rounded border border-slate-300 px-2 py-1" data-testid="filter-target">
              <option value="all">{t("mat.filter.all")}</option>
              {matrix.sheets.map((sheet, i) => (
                <option key={sheet.slug} value={i}>
                  {sheet.mark} — {sheet.title}
                </option>
              ))}
            </select>
          </label>
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
              {Array.from({ length: matrix.semesters }, (_, i) => (
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
          <Link to={`/programmes/${data.programme.id}/matrice/imprimer`} className="rounded bg-white px-3 py-1 ring-1 ring-slate-300">
            {t("mx.print")}
          </Link>
        </div>
      </header>
      <div className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-3" data-testid="live-coverage">
        {coverages.map((c) => (
          <div key={c.target.sheetSlug} data-testid={`live-${c.target.sheetSlug}`}>
            <CoverageBar label={c.target.title} counts={c.summary.overall} />
          </div>
        ))}
      </div>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="matrix-status">
        {editor.message ?? statusLine(editor.states, t)}
      </p>
      {!hasRows || columns.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center ring-1 ring-slate-200">{t("mat.nothing")}</p>
      ) : (
        <div className="flex flex-col gap-4 xl:flex-row">
          <div className="min-w-0 flex-1">
            <MatrixGrid
              columns={columns}
              gridRows={gridRows}
              cells={cells}
              states={editor.states}
              sheets={matrix.sheets}
              columnStatus={columnStatus}
              edit={editor.edit}
              undo={editor.undo}
              redo={editor.redo}
              setMessage={editor.setMessage}
              onFocusCell={setFocused}
            />
          </div>
          {/* The side column: the focused column's requirement, then the focused row's suggestions, one above the other so the grid keeps its width. */}
          <div className="flex flex-col gap-4 xl:w-80 xl:flex-none">
            <RequirementPanel
              focused={focused}
              sheets={matrix.sheets}
              level={matrix.level}
              value={focused ? cells[focused.row.id]?.[focused.column.ref] : undefined}
              state={focused ? editor.states[`${focused.row.id}|${focused.column.ref}`] : undefined}
              edit={editor.edit}
              takeCurrent={editor.takeCurrent}
            />
            {focused && focused.row.lock === null ? (
              <MatrixRowSuggestions
                programmeId={data.programme.id}
                row={focused.row}
                rowCells={cells[focused.row.id]}
                columnRefs={columnsByRef}
                accept={(ref, depth) => editor.edit([{ row: focused.row, ref, value: { depth, assessed: false } }])}
              />
            ) : null}
          </div>
        </div>
      )}
      <Legend sheets={matrix.sheets} />
    </section>
  );
}

function statusLine(states: Record<string, { status: string }>, t: ReturnType<typeof useT>) {
  const all = Object.values(states);
  const saving = all.filter((s) => s.status === "saving").length;
  const failures = all.filter((s) => s.status === "failed" || s.status === "conflict").length;
  if (saving > 0) return fill(t("mat.status.saving"), { count: saving });
  if (failures > 0) return t("mat.status.failed", { count: failures });
  return t("mat.status.saved");
}
