import type { ReactNode } from "react";
import type { Source } from "~/domain/reference-data";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

/** Where a sheet version came from, in words: a data file, an import, or the school's list written in Maquette. */
export function originKey(origin: string): MessageKey {
  return origin === "import" ? "ref.origin.import" : origin === "school" ? "list.origin" : "ref.origin.seed";
}

export function cncpText(t: (key: MessageKey) => string, cncp: { min: number; max: number }) {
  return cncp.min === cncp.max ? fill(t("ref.cncpSingle"), cncp) : fill(t("ref.cncpRange"), cncp);
}

/** "2 Application", "profondeur non précisée" or "non requis". */
export function DepthBadge({ required, depth }: { required: boolean; depth: number | null }) {
  const t = useT();
  if (!required) {
    return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300">{t("ref.notRequired")}</span>;
  }
  if (depth === null) {
    return <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">{t("ref.depth.unspecified")}</span>;
  }
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900 ring-1 ring-brand-100"
      title={t("ref.depth.label")}
      data-testid="depth"
    >
      <span className="font-bold">{depth}</span> {t(`ref.depth.${depth}` as MessageKey)}
    </span>
  );
}

export function EditorialBadge({ reason }: { reason?: string | null }) {
  const t = useT();
  return (
    <span className="inline-block rounded-md bg-violet-50 px-2 py-0.5 text-xs text-violet-900 ring-1 ring-violet-200" data-testid="editorial">
      <strong className="font-semibold">{t("ref.editorial")}</strong>
      {reason ? ` : ${reason}` : null}
    </span>
  );
}

/** The source quote, shown on demand. */
export function SourceQuote({ source }: { source: Source }) {
  const t = useT();
  return (
    <details className="group mt-2 text-sm">
      <summary className="cursor-pointer select-none text-brand-700 hover:underline">{t("ref.source")}</summary>
      <blockquote className="mt-2 border-l-4 border-brand-100 bg-slate-50 px-3 py-2 italic text-slate-700">{source.quote}</blockquote>
      <p className="mt-1 text-xs text-slate-500">
        <code>{source.file}</code>
        {source.fiche ? (
          <>
            {" · "}
            <code>{source.fiche}</code>
            {source.field ? <> · <code>{source.field}</code></> : null}
            {source.exportDate ? ` · ${source.exportDate}` : null}
          </>
        ) : null}
      </p>
    </details>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-slate-800">{children}</dd>
    </div>
  );
}
