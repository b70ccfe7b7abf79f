/**
 * What every section of the accreditation report shares: its heading, kept on the page of
 * what follows it when printed (never alone at the foot of a page), and tables whose header
 * row repeats on every printed page, with cells spaced so that their headers never run
 * together. Print rules: app/tailwind.css, `.report`.
 */
import type { ReactNode } from "react";

export function ReportSection({ id, title, children, hint }: { id: string; title: string; children: ReactNode; hint?: string }) {
  return (
    <section aria-labelledby={id} className="report-section space-y-3" data-report-section={id}>
      <div className="report-keep-with-next">
        <h2 id={id} className="report-heading text-xl font-semibold">
          {title}
        </h2>
        {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** A heading inside a section (one target), kept with what follows it. */
export function ReportSubheading({ children }: { children: ReactNode }) {
  return <h3 className="report-heading font-semibold">{children}</h3>;
}

/** A table of the report: header cells and body cells padded, the header repeated on each printed page. */
export function ReportTable({ caption, head, children, className = "" }: { caption?: string; head: ReactNode[]; children: ReactNode; className?: string }) {
  return (
    <table className={`report-table w-full border-collapse text-xs ${className}`}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          {head.map((cell, i) => (
            <th key={i} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The mark of an editorial choice of the transcription, with its reason when asked to say it. */
export function EditorialMark({ reason, label, withReason = false }: { reason: string | null; label: string; withReason?: boolean }) {
  if (reason === null) return null;
  return (
    <span className="ml-1 inline-block rounded bg-violet-50 px-1 text-[10px] text-violet-900 ring-1 ring-violet-200" data-testid="report-editorial">
      {label}
      {withReason && reason ? ` : ${reason}` : ""}
    </span>
  );
}
