import type { MappingNote } from "~/domain/mapping-notes";
import { useT } from "~/utils/use-t";

/** The report's notes on mappings (nothing when no mapping has one). */
export function ReportNotes({ notes }: { notes: readonly MappingNote[] }) {
  const t = useT();
  if (notes.length === 0) return null;
  return (
    <section className="space-y-2" data-testid="report-notes">
      <h2 className="text-xl font-semibold">{t("rep.notes")}</h2>
      <p className="text-sm text-slate-600">{t("rep.notesHint")}</p>
      <table className="w-full text-xs">
        <thead className="text-left">
          <tr>
            <th>{t("mat.module")}</th>
            <th>{t("cov.col.requirement")}</th>
            <th>{t("rep.notes.depth")}</th>
            <th>{t("xlsx.col.note")}</th>
          </tr>
        </thead>
        <tbody>
          {notes.map((n) => (
            <tr key={`${n.module}|${n.itemRef}`} className="border-t border-slate-100 align-top">
              <td>
                {n.semester} {n.module}
              </td>
              <td>
                <code>{n.itemRef}</code>
              </td>
              <td>{`${n.depth}${n.assessed ? t("rep.assessedMark") : ""}`}</td>
              <td className="whitespace-pre-line">{n.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
