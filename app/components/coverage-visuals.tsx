/**
 * Pictures of coverage: bars per kind of requirement and the progression heatmap. Colour is
 * never the only signal: every bar carries its counts and every heatmap cell its depth.
 * Plain HTML and CSS (no canvas), so they print well in the report.
 */
import type { CoverageStatus, StatusCounts } from "~/domain/coverage";
import type { ProgressionRow } from "~/domain/progression";
import { fill } from "~/i18n";
import { useLocale, useNumberFormat, useT } from "~/utils/use-t";

export const STATUS_STYLE: Record<CoverageStatus, { bar: string; badge: string; fr: string; en: string }> = {
  covered: { bar: "bg-emerald-600", badge: "bg-emerald-100 text-emerald-900 ring-emerald-300", fr: "Couvert", en: "Covered" },
  partial: { bar: "bg-amber-500", badge: "bg-amber-100 text-amber-900 ring-amber-300", fr: "Partiel", en: "Partial" },
  missing: { bar: "bg-rose-600", badge: "bg-rose-100 text-rose-900 ring-rose-300", fr: "Manquant", en: "Missing" },
  not_required: { bar: "bg-slate-300", badge: "bg-slate-100 text-slate-700 ring-slate-300", fr: "Non requis", en: "Not required" },
};

export function StatusBadge({ status }: { status: CoverageStatus }) {
  const locale = useLocale();
  const style = STATUS_STYLE[status];
  return <span className={`status-badge ${style.badge}`}>{style[locale]}</span>;
}

const BAR_PARTS: CoverageStatus[] = ["covered", "partial", "missing"];

/** The bar alone: covered, partial and missing in proportion, named by its counts. */
export function StatusBar({ label, counts, className = "h-3" }: { label: string; counts: StatusCounts; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const total = counts.covered + counts.partial + counts.missing;
  return (
    <div className={`flex overflow-hidden rounded-full bg-slate-100 print:border print:border-slate-400 ${className}`} role="img" aria-label={fill(t("viz.bar.aria"), { label, parts: BAR_PARTS.map((p) => `${counts[p]} ${STATUS_STYLE[p][locale].toLowerCase()}`).join(", ") })}>
      {total > 0 &&
        BAR_PARTS.map((part) =>
          counts[part] > 0 ? <div key={part} className={`${STATUS_STYLE[part].bar} h-full`} style={{ width: `${(counts[part] / total) * 100}%` }} /> : null,
        )}
    </div>
  );
}

export function CoverageBar({ label, counts }: { label: string; counts: StatusCounts }) {
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  return (
    <div className="space-y-1" data-testid={`bar-${label}`}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="shrink-0 whitespace-nowrap tabular-nums text-slate-700">
          {counts.covered}/{counts.required} · {format.percent(counts.ratioCovered)}
        </span>
      </div>
      <StatusBar label={label} counts={counts} />
      <div className="flex gap-3 text-xs text-slate-600">
        {BAR_PARTS.map((part) => (
          <span key={part}>
            {fill(t("viz.bar.count"), { status: STATUS_STYLE[part][locale], count: counts[part] })}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Semesters × requirements: the depth reached by the end of each semester. */
export function ProgressionHeatmap({ rows, semesters, caption }: { rows: ProgressionRow[]; semesters: number; caption: string }) {
  const t = useT();
  return (
    // Focusable so that keyboard users can scroll it; named after its table.
    <div tabIndex={0} role="region" aria-label={caption} className="max-h-[32rem] overflow-auto rounded-lg ring-1 ring-slate-200 focus:outline-2 focus:outline-brand-600 print:max-h-none print:overflow-visible">
      {/* The cells' look is in app/tailwind.css (.heatmap): the depth colours by `data-depth`. */}
      <table className="heatmap w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-white">
          <tr>
            <th scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
              {t("viz.heatmap.requirement")}
            </th>
            <th scope="col" className="px-2 py-1 text-center font-medium text-slate-600">
              {t("viz.heatmap.required")}
            </th>
            {Array.from({ length: semesters }, (_, i) => (
              <th key={i} scope="col" className="px-1 py-1 text-center font-medium text-slate-600">
                S{i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.ref}>
              <th scope="row" title={row.label}>
                <span className="font-mono text-xs text-slate-500">{row.ref}</span> {row.label}
              </th>
              <td>{row.requiredDepth ?? "–"}</td>
              {row.byEndOf.map((depth, i) => {
                const reached = depth > 0 && (row.requiredDepth === null || depth >= row.requiredDepth);
                return (
                  <td
                    key={i}
                    data-depth={depth}
                    className={reached ? "font-bold" : undefined}
                    aria-label={`${fill(t("viz.heatmap.cell"), { semester: i + 1, value: depth === 0 ? t("viz.heatmap.untouched") : fill(t("viz.heatmap.depth"), { depth }) })}${reached ? t("viz.heatmap.reached") : ""}`}
                  >
                    {depth === 0 ? "·" : depth}
                    {reached ? "✓" : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
