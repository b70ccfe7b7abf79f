/**
 * Pieces shared by the version, comparison and review pages: the review state badge, dates
 * in the reader's language, and the readable diff between two versions.
 */
import { STATUS_STYLE } from "~/components/coverage-visuals";
import { inputClass } from "~/components/forms";
import type { ReviewStatus, SnapshotDiff, SnapshotMapping } from "~/domain/programme-version";
import { fill, type MessageKey } from "~/i18n";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLocale, useT } from "~/utils/use-t";

const STATUS_KEY: Record<ReviewStatus | "none", { key: MessageKey; style: string }> = {
  none: { key: "ver.status.published", style: "bg-slate-100 text-slate-800 ring-slate-300" },
  submitted: { key: "ver.status.submitted", style: "bg-amber-50 text-amber-900 ring-amber-300" },
  changes_requested: { key: "ver.status.changes_requested", style: "bg-rose-50 text-rose-900 ring-rose-300" },
  approved: { key: "ver.status.approved", style: "bg-emerald-50 text-emerald-900 ring-emerald-300" },
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus | null }) {
  const t = useT();
  const { key, style } = STATUS_KEY[status ?? "none"];
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>{t(key)}</span>;
}

/** Formats an ISO date and time for the reader: their language, the school's time zone, named. */
export { useDateFormat } from "~/utils/use-t";

function percent(ratio: number, locale: string) {
  return new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

function cell(mapping: SnapshotMapping | null, t: (key: MessageKey) => string) {
  if (!mapping) return t("ver.diff.noMapping");
  return `${fill(t("ver.diff.depth"), { depth: mapping.depth })}${mapping.assessed ? ` · ${t("ver.diff.assessed")}` : ""}`;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  title: "ver.field.title",
  semester: "ver.field.semester",
  ects: "ver.field.ects",
  hoursLectures: "ver.field.hoursLectures",
  hoursTutorials: "ver.field.hoursTutorials",
  hoursPractical: "ver.field.hoursPractical",
  hoursProjects: "ver.field.hoursProjects",
  assessmentMethod: "ver.field.assessmentMethod",
  description: "ver.field.description",
  diplomaType: "ver.field.diplomaType",
  level: "ver.field.level",
  entryEcts: "ver.field.entryEcts",
  semesters: "ver.field.semesters",
};

function Section({ title, count, children, testId }: { title: string; count: number; children: React.ReactNode; testId: string }) {
  return (
    <section className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <h2 className="flex justify-between border-b border-slate-100 px-4 py-2 font-semibold">
        <span>{title}</span>
        <span className="tabular-nums text-sm text-slate-500">{count}</span>
      </h2>
      {count === 0 ? null : <div className="px-4 py-2 text-sm">{children}</div>}
    </section>
  );
}

export function SnapshotDiffView({ diff, titles }: { diff: SnapshotDiff; titles: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const lang = locale === "en" ? "en" : "fr";
  const value = (v: string | number) => (v === "" ? "∅" : String(v));
  return (
    <div className="space-y-4">
      <Section title={t("ver.diff.coverage")} count={diff.coverage.length} testId="diff-coverage">
        <ul className="space-y-3">
          {diff.coverage.map((c) => {
            const rose = (c.to?.ratioCovered ?? 0) > (c.from?.ratioCovered ?? 0);
            const fell = (c.to?.ratioCovered ?? 0) < (c.from?.ratioCovered ?? 0);
            return (
              <li key={c.sheetSlug}>
                <p className="font-medium">
                  {titles[c.sheetSlug] ?? c.sheetSlug} :{" "}
                  <span className={rose ? "text-emerald-800" : fell ? "text-rose-800" : ""}>
                    {c.from ? percent(c.from.ratioCovered, locale) : "—"} → {c.to ? percent(c.to.ratioCovered, locale) : "—"} {rose ? `▲ ${t("ver.diff.rose")}` : fell ? `▼ ${t("ver.diff.fell")}` : ""}
                  </span>
                </p>
                {c.items.length ? (
                  <ul className="ml-4 list-disc text-slate-700">
                    {c.items.map((item) => (
                      <li key={item.ref} className={item.direction === "rose" ? "text-emerald-800" : item.direction === "fell" ? "text-rose-800" : ""}>
                        {item.direction === "rose" ? "▲" : item.direction === "fell" ? "▼" : "•"} <span className="font-mono">{item.ref}</span> : {item.from ? STATUS_STYLE[item.from][lang] : "—"} →{" "}
                        {item.to ? STATUS_STYLE[item.to][lang] : "—"}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Section>
      <Section title={t("ver.diff.programme")} count={diff.programme.length + diff.targets.length} testId="diff-programme">
        <ul className="space-y-1">
          {diff.programme.map((c) => (
            <li key={c.field}>
              {t(FIELD_KEYS[c.field] ?? "ver.field.title")} : <del className="bg-rose-50 text-rose-900">{value(c.from)}</del> → <ins className="bg-emerald-50 text-emerald-900 no-underline">{value(c.to)}</ins>
            </li>
          ))}
          {diff.targets.map((c) => (
            <li key={c.sheetSlug}>
              {titles[c.sheetSlug] ?? c.sheetSlug} : {c.from === null ? t("ver.diff.targetAdded") : c.to === null ? t("ver.diff.targetRemoved") : fill(t("ver.diff.targetVersion"), { from: c.from, to: c.to })}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("ver.diff.modulesAdded")} count={diff.modulesAdded.length} testId="diff-modules-added">
        <ul className="space-y-1">
          {diff.modulesAdded.map((m) => (
            <li key={m.code} className="text-emerald-900">
              + <span className="font-mono">{m.code}</span> {m.title} (S{m.semester})
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("ver.diff.modulesRemoved")} count={diff.modulesRemoved.length} testId="diff-modules-removed">
        <ul className="space-y-1">
          {diff.modulesRemoved.map((m) => (
            <li key={m.code} className="text-rose-900">
              − <span className="font-mono">{m.code}</span> {m.title} (S{m.semester})
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("ver.diff.modulesChanged")} count={diff.modulesChanged.length} testId="diff-modules-changed">
        <ul className="space-y-2">
          {diff.modulesChanged.map((m) => (
            <li key={m.code}>
              <span className="font-mono font-semibold">{m.code}</span> {m.title}
              <ul className="ml-4">
                {m.changes.map((c) => (
                  <li key={c.field}>
                    {t(FIELD_KEYS[c.field])} : <del className="bg-rose-50 text-rose-900">{value(c.from)}</del> → <ins className="bg-emerald-50 text-emerald-900 no-underline">{value(c.to)}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("ver.diff.mappings")} count={diff.mappingsChanged.length} testId="diff-mappings">
        <table className="w-full text-left">
          <thead className="text-slate-600">
            <tr>
              <th scope="col">{t("ver.diff.module")}</th>
              <th scope="col">{t("ver.diff.item")}</th>
              <th scope="col">{t("ver.diff.before")}</th>
              <th scope="col">{t("ver.diff.after")}</th>
            </tr>
          </thead>
          <tbody>
            {diff.mappingsChanged.map((m) => (
              <tr key={`${m.moduleCode}|${m.itemRef}`}>
                <td className="font-mono">{m.moduleCode}</td>
                <td className="font-mono">{m.itemRef}</td>
                <td className="text-rose-900">{cell(m.from, t)}</td>
                <td className="text-emerald-900">{cell(m.to, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

/** The top of a programme sub-page: the way back (programme, and versions unless `top`), the title, then what follows. */
export function ProgrammePageHeader({ programme, top = false, title, children }: { programme: { id: string; title: string }; top?: boolean; title: ReactNode; children?: ReactNode }) {
  const t = useT();
  return (
    <header className="space-y-1">
      <p className="text-sm text-slate-500">
        <Link to={`/programmes/${programme.id}`} className="underline">
          {programme.title}
        </Link>
        {top ? null : (
          <>
            {" · "}
            <Link to={`/programmes/${programme.id}/versions`} className="underline">
              {t("ver.title")}
            </Link>
          </>
        )}
      </p>
      <h1 className="text-2xl font-bold text-brand-900">{title}</h1>
      {children}
    </header>
  );
}

/** A choice among the versions and the draft (for comparing). */
export function VersionSelect({ id, name, label, numbers, defaultValue }: { id: string; name: string; label: string; numbers: number[]; defaultValue: string }) {
  const t = useT();
  return (
    <div className="text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {numbers.map((number) => (
          <option key={number} value={number}>
            {fill(t("ver.name"), { number })}
          </option>
        ))}
        <option value="brouillon">{t("ver.draft")}</option>
      </select>
    </div>
  );
}
