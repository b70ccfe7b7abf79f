import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { inputClass, Notice, SubmitButton } from "~/components/forms";
import { ProgrammePageHeader, useDateFormat } from "~/components/versions";
import { actionsOfKind, describeEntry, HISTORY_KIND_LABELS, HISTORY_KINDS, isHistoryKind } from "~/domain/history";
import { fill, translator } from "~/i18n";
import { listProgrammeHistory } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("title.history")} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (AAAA-MM-JJ) as the start of that day in UTC, or null when the text is not one. */
function day(value: string | null): Date | null {
  if (!value || !DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** GET /programmes/:id/historique?personne=&type=&du=&au=&page=: who changed what and when. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx } = await requireProgramme(request, params.id);
  const url = new URL(request.url);
  const kind = url.searchParams.get("type");
  const from = day(url.searchParams.get("du"));
  const to = day(url.searchParams.get("au"));
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const invalid = [
    ...(url.searchParams.get("du") && !from ? ["du"] : []),
    ...(url.searchParams.get("au") && !to ? ["au"] : []),
    ...(kind && !isHistoryKind(kind) ? ["type"] : []),
  ];
  const history = await listProgrammeHistory({
    db,
    schoolId: ctx.school.id,
    programmeId: programme.id,
    page,
    filters: {
      userId: url.searchParams.get("personne") || undefined,
      actions: isHistoryKind(kind) ? actionsOfKind(kind) : undefined,
      from: from ?? undefined,
      until: to ? new Date(to.getTime() + 24 * 60 * 60 * 1000) : undefined,
    },
  });
  const locale = await getLocale(request);
  const names = new Map(history.people.map((p) => [p.id, p.name]));
  const t = translator(locale);
  return {
    programme: { id: programme.id, title: programme.title },
    invalid,
    filters: { personne: url.searchParams.get("personne") ?? "", type: isHistoryKind(kind) ? kind : "", du: from ? url.searchParams.get("du")! : "", au: to ? url.searchParams.get("au")! : "" },
    people: history.people,
    total: history.total,
    page: history.page,
    pages: Math.max(1, Math.ceil(history.total / history.pageSize)),
    rows: history.rows.map((row) => {
      const { kind: rowKind, text } = describeEntry(row, locale);
      return { id: row.id, who: (row.userId && names.get(row.userId)) || t(row.userId ? "people.deletedAccount" : "people.system"), text, kind: rowKind, when: row.createdAt.toISOString(), before: row.before, after: row.after };
    }),
  };
}

function pretty(json: string | null) {
  if (!json) return "—";
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export default function ProgrammeHistory() {
  const t = useT();
  const locale = useLocale();
  const format = useDateFormat();
  const { programme, invalid, filters, people, total, page, pages, rows } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(n) }).toString()}`;
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} top title={t("hist.title")}>
        <p className="max-w-3xl text-slate-600">{t("hist.intro")}</p>
      </ProgrammePageHeader>
      <Form method="get" className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-5" aria-label={t("hist.filters")}>
        <div>
          <label htmlFor="history-person" className="block text-sm font-medium">
            {t("hist.person")}
          </label>
          <select id="history-person" name="personne" defaultValue={filters.personne} className={inputClass}>
            <option value="">{t("hist.everyone")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="history-kind" className="block text-sm font-medium">
            {t("hist.kind")}
          </label>
          <select id="history-kind" name="type" defaultValue={filters.type} className={inputClass}>
            <option value="">{t("hist.allKinds")}</option>
            {HISTORY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {HISTORY_KIND_LABELS[kind][locale]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="history-from" className="block text-sm font-medium">
            {t("hist.from")}
          </label>
          <input id="history-from" name="du" type="date" defaultValue={filters.du} className={inputClass} aria-invalid={invalid.includes("du") || undefined} />
        </div>
        <div>
          <label htmlFor="history-to" className="block text-sm font-medium">
            {t("hist.to")}
          </label>
          <input id="history-to" name="au" type="date" defaultValue={filters.au} className={inputClass} aria-invalid={invalid.includes("au") || undefined} />
        </div>
        <SubmitButton tone="plain">{t("hist.apply")}</SubmitButton>
      </Form>
      {invalid.length ? <Notice tone="error">{t("hist.invalid")}</Notice> : null}
      <p className="text-sm text-slate-600" data-testid="history-total">
        {t("hist.count", { count: total })}
      </p>
      {rows.length === 0 ? (
        <div className="rounded-lg bg-white p-6 text-center ring-1 ring-slate-200">{t("hist.empty")}</div>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {rows.map((row) => (
            <li key={row.id} className="px-4 py-2 text-sm" data-testid="history-row">
              <p>
                <time dateTime={row.when} className="mr-2 text-slate-500">
                  {format(row.when)}
                </time>
                <span className="font-medium">{row.who}</span> {row.text}
              </p>
              {row.before || row.after ? (
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer">{t("hist.details")}</summary>
                  <div className="mt-1 grid gap-2 md:grid-cols-2">
                    <pre className="overflow-x-auto rounded bg-slate-50 p-2" aria-label={t("hist.before")}>
                      {pretty(row.before)}
                    </pre>
                    <pre className="overflow-x-auto rounded bg-slate-50 p-2" aria-label={t("hist.after")}>
                      {pretty(row.after)}
                    </pre>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between text-sm" aria-label={t("hist.pagination")}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="underline" rel="prev">
              ← {t("hist.newer")}
            </Link>
          ) : (
            <span />
          )}
          <span>{fill(t("hist.page"), { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="underline" rel="next">
              {t("hist.older")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
