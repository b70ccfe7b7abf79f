/**
 * Every target of a programme side by side at one level: grouped by kind (job sheets, the
 * national framework, certifications, the school's own lists), each with its figures, a bar, its
 * level warning and a link to its detail on the coverage page.
 */
import { Link } from "@remix-run/react";
import { StatusBar } from "~/components/coverage-visuals";
import { KIND_HEADINGS } from "~/components/programme-form";
import type { StatusCounts } from "~/domain/coverage";
import type { SheetKind } from "~/domain/reference-data";
import { groupByKind } from "~/domain/target-groups";
import { fill } from "~/i18n";
import { useNumberFormat, useT } from "~/utils/use-t";

export type SideBySideTarget = {
  slug: string;
  kind: SheetKind;
  title: string;
  summary: { overall: StatusCounts; coveredNotAssessed: number };
  warnings: string[];
};

export function TargetsSideBySide({ targets, shown, level }: { targets: SideBySideTarget[]; shown: string; level: number }) {
  const t = useT();
  const format = useNumberFormat();
  const columns = ["list.side.required", "list.side.covered", "list.side.partial", "list.side.missing", "list.side.notAssessed", "list.side.ratio"] as const;
  return (
    <section aria-labelledby="side-by-side" className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="side-by-side">
      <h2 id="side-by-side" className="text-lg font-semibold">
        {fill(t("list.side.title"), { level })}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm [&_td]:px-2 [&_td]:py-1.5">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("list.side.target")}
              </th>
              {columns.map((key) => (
                <th key={key} scope="col" className="px-2 py-1 text-right">
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          {groupByKind(targets).map((group) => (
            <tbody key={group.kind} className="border-t border-slate-200" data-kind={group.kind}>
              <tr>
                <th colSpan={columns.length + 1} scope="rowgroup" className="bg-slate-50 px-2 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {t(KIND_HEADINGS[group.kind])}
                </th>
              </tr>
              {group.items.map((target) => {
                const o = target.summary.overall;
                const current = target.slug === shown;
                return (
                  <tr key={target.slug} data-slug={target.slug} aria-current={current ? "true" : undefined} className={current ? "bg-brand-50" : undefined}>
                    <td className="min-w-56">
                      <Link to={`?fiche=${encodeURIComponent(target.slug)}&niveau=${level}`} className="font-medium text-brand-700 underline" aria-label={fill(t("list.side.open"), { title: target.title })}>
                        {target.title}
                      </Link>
                      {current ? <span className="ml-1 text-xs text-slate-700">({t("list.side.current")})</span> : null}
                      {target.warnings.map((w) => (
                        <p key={w} className="mt-1 text-xs text-rose-700">
                          ⚠ {w}
                        </p>
                      ))}
                    </td>
                    {[o.required, o.covered, o.partial, o.missing, target.summary.coveredNotAssessed].map((value, i) => (
                      <td key={columns[i]} className="text-right tabular-nums" data-column={columns[i]}>
                        {value}
                      </td>
                    ))}
                    <td className="min-w-32 text-right tabular-nums font-semibold" data-column="list.side.ratio">
                      {format.percent(o.ratioCovered)}
                      <StatusBar label={target.title} counts={o} className="mt-1 h-2" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
