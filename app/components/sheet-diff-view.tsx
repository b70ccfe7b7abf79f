/**
 * What changed between two versions of a reference sheet, section by section (added, removed,
 * reworded, depth, required, editorial, header). Shown on the sheet's history and on a
 * programme's upgrade page.
 */
import type { ReactNode } from "react";
import { DepthBadge } from "~/components/reference-sheet";
import { isEmptyDiff, type SheetDiff } from "~/domain/sheet-diff";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

export function SheetDiffView({ from, to, diff }: { from: number; to: number; diff: SheetDiff }) {
  const t = useT();
  const requiredText = (required: boolean) => (required ? t("ref.diff.required") : t("ref.notRequired"));
  const editorialText = (value: { editorial: boolean; reason: string | null }) =>
    value.editorial ? `${t("ref.editorial")} : ${value.reason ?? ""}` : t("ref.diff.notEditorial");
  const sections: { key: MessageKey; rows: { code: string; label: string; change?: ReactNode }[] }[] = [
    { key: "ref.diff.added", rows: diff.added },
    { key: "ref.diff.removed", rows: diff.removed },
    {
      key: "ref.diff.reworded",
      rows: diff.reworded.map((c) => ({ ...c, change: <><del className="text-red-700">{c.from}</del> → <ins className="text-green-800 no-underline">{c.to}</ins></> })),
    },
    {
      key: "ref.diff.depthChanged",
      rows: diff.depthChanged.map((c) => ({ ...c, change: <><DepthBadge required depth={c.from} /> → <DepthBadge required depth={c.to} /></> })),
    },
    { key: "ref.diff.requiredChanged", rows: diff.requiredChanged.map((c) => ({ ...c, change: `${requiredText(c.from)} → ${requiredText(c.to)}` })) },
    { key: "ref.diff.editorialChanged", rows: diff.editorialChanged.map((c) => ({ ...c, change: `${editorialText(c.from)} → ${editorialText(c.to)}` })) },
    { key: "ref.diff.headerChanged", rows: diff.headerChanged.map((c) => ({ code: t(`ref.diff.field.${c.field}`), label: "", change: `${c.from || "—"} → ${c.to || "—"}` })) },
  ];
  return (
    <div className="space-y-4" data-testid="diff">
      <h3 className="text-lg font-semibold">{fill(t("ref.compare.heading"), { from, to })}</h3>
      {isEmptyDiff(diff) ? <p className="text-slate-600">{t("ref.diff.none")}</p> : null}
      {sections
        .filter((section) => section.rows.length > 0)
        .map((section) => (
          <section key={section.key} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={t(section.key)}>
            <h4 className="font-semibold text-slate-800">
              {t(section.key)} ({section.rows.length})
            </h4>
            <ul className="mt-2 space-y-1 text-sm">
              {section.rows.map((row) => (
                <li key={row.code}>
                  <code className="mr-2 rounded bg-slate-100 px-1 font-semibold">{row.code}</code>
                  {row.change ?? row.label}
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
