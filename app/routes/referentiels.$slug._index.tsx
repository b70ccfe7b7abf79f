import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CertificationSheet } from "~/components/certification-sheet";
import { cncpText, DepthBadge, EditorialBadge, Field, originKey, SourceQuote } from "~/components/reference-sheet";
import type { ContextBlock, Requirement, SubItem } from "~/domain/reference-data";
import { filterRequirements, requirementsByKind } from "~/domain/sheet-view";
import { fill, type MessageKey } from "~/i18n";
import { LIST_EDITORS } from "~/models/school-list.server";
import { getCurrentUser } from "~/utils/auth.server";
import { requireSheetVersion } from "~/utils/reference-sheet-request.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.sheet.data.title} · ${metaTranslator(matches)("title.sheets")} · Maquette` : "Maquette" },
];

/** GET /referentiels/:slug[?version=N][&q=...]: one sheet, grouped by kind, searchable. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const sheet = await requireSheetVersion({ slug: params.slug, request });
  const q = new URL(request.url).searchParams.get("q") ?? "";
  // The school's own list: its editors may open its draft.
  const role = sheet.own ? (await getCurrentUser(request))?.current?.role : undefined;
  return { sheet, q, canEditList: role !== undefined && (LIST_EDITORS as readonly string[]).includes(role) };
}

type LoadedSheet = Awaited<ReturnType<typeof loader>>["sheet"];

export default function ReferenceSheetPage() {
  const { sheet, q, canEditList } = useLoaderData<typeof loader>();
  // A new search (or version) from the URL starts the view afresh.
  return <SheetView key={`${sheet.version}|${q}`} sheet={sheet as LoadedSheet} initialQuery={q} canEditList={canEditList} />;
}

function SheetView({ sheet, initialQuery, canEditList }: { sheet: LoadedSheet; initialQuery: string; canEditList: boolean }) {
  const t = useT();
  const [query, setQuery] = useState(initialQuery);
  const { data } = sheet;
  const isLatest = sheet.version === sheet.latestVersion;
  const versionQuery = isLatest ? "" : `?version=${sheet.version}`;
  const matches = filterRequirements(data.requirements, query);
  const searching = query.trim() !== "";
  const locale = useLocale();
  const dateFormat = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeZone: "Europe/Paris",
  });

  return (
    <article className="space-y-8">
      <nav className="text-sm">
        <Link to="/referentiels" className="text-brand-700 hover:underline">
          ← {t("ref.backToList")}
        </Link>
      </nav>

      {!isLatest ? (
        <p className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200" role="status">
          {fill(t("ref.oldVersion"), { n: sheet.version, latest: sheet.latestVersion })}{" "}
          <Link to={`/referentiels/${sheet.slug}`} className="font-medium underline">
            {t("ref.seeLatest")}
          </Link>
        </p>
      ) : null}

      <header className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            {sheet.own ? (
              <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-emerald-200" data-testid="school-list-badge">
                  {t("list.badge")}
                </span>
                {canEditList ? (
                  <Link to={`/referentiels/${sheet.slug}/modifier`} className="text-brand-700 underline">
                    {t("list.editLink")}
                  </Link>
                ) : null}
              </p>
            ) : null}
            <h1 className="text-3xl font-bold text-brand-900">{data.title}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {fill(t("ref.version"), { n: sheet.version })} · {dateFormat.format(new Date(sheet.createdAt))} ·{" "}
              {t(originKey(sheet.origin))} ·{" "}
              <Link to={`/referentiels/${sheet.slug}/versions`} className="text-brand-700 underline">
                {t("ref.history")}
              </Link>
            </p>
          </div>
          <div className="no-print">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("ref.exports")}</p>
            <ul className="mt-1 flex flex-wrap gap-2">
              {(["json", "case", "moodle"] as const).map((format) => (
                <li key={format}>
                  <a
                    href={`/referentiels/${sheet.slug}/export/${format}${versionQuery}`}
                    download
                    className="inline-block rounded-md border border-brand-700 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
                  >
                    {t(`ref.export.${format}`)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <dl className="mt-6 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          <Field label={t("ref.alternativeTitles")}>
            {data.alternativeTitles.length ? data.alternativeTitles.map((title) => title.label).join(" · ") : t("ref.none")}
          </Field>
          <Field label={t("ref.publisher")}>
            <span>{data.publisher.name}</span>{" "}
            {data.publisher.editorial ? <EditorialBadge reason={data.publisher.editorialReason} /> : null}
            <SourceQuote source={data.publisher.source} />
          </Field>
          <Field label={t("ref.sourceFile")}>
            <code className="text-sm">{data.sourceFile}</code>
          </Field>
          <Field label={t("ref.rome")}>
            {data.romeCodes.length ? (
              <ul>
                {data.romeCodes.map((rome) => (
                  <li key={rome.code}>
                    <code className="font-semibold">{rome.code}</code> {rome.label}
                  </li>
                ))}
              </ul>
            ) : (
              t("ref.none")
            )}
          </Field>
          <Field label={t("ref.cncp")}>
            <span className="font-semibold" data-testid="cncp">
              {cncpText(t, data.cncp)}
            </span>{" "}
            {data.cncp.editorial ? <EditorialBadge reason={data.cncp.editorialReason} /> : null}
            <SourceQuote source={data.cncp.source} />
          </Field>
          <Field label={t("ref.experience")}>
            {data.experience ? (
              <>
                {data.experience.text}
                <SourceQuote source={data.experience.source} />
              </>
            ) : (
              t("ref.noExperience")
            )}
          </Field>
        </dl>
      </header>

      {data.certification ? <CertificationSheet certification={data.certification} requirements={data.requirements} /> : null}
      {data.context?.length ? <SheetContext blocks={data.context} /> : null}

      <Form method="get" role="search" className="no-print flex flex-wrap items-end gap-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        {!isLatest ? <input type="hidden" name="version" value={sheet.version} /> : null}
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
          {t("ref.search.label")}
          <input
            type="search"
            name="q"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t("ref.search.placeholder")}
            className="rounded-md border border-slate-300 px-3 py-2 font-normal text-slate-900"
          />
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-600">
          {t("ref.search.submit")}
        </button>
        {searching ? (
          <Link to={`/referentiels/${sheet.slug}${versionQuery}`} className="px-2 py-2 text-sm text-brand-700 underline" onClick={() => setQuery("")}>
            {t("ref.search.clear")}
          </Link>
        ) : null}
        {searching ? (
          <p className="w-full text-sm text-slate-600" role="status" data-testid="search-status">
            {fill(t("ref.search.results"), { n: matches.length, total: data.requirements.length, q: query.trim() })}
          </p>
        ) : null}
      </Form>

      {requirementsByKind(matches).map(({ kind, items }) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} data-kind={kind} className="space-y-3">
          <h2 id={`kind-${kind}`} className="text-2xl font-semibold text-slate-900">
            {data.kind === "framework" && kind === "competence" ? t("lvl.framework.capacities") : t(`ref.kind.${kind}`)} <span className="text-base font-normal text-slate-500">({items.length})</span>
          </h2>
          {items.length === 0 ? <p className="text-slate-600">{t("ref.search.none")}</p> : null}
          {groupConsecutive(items).map((group, index) => (
            <div key={`${group.label ?? ""}-${index}`} className="space-y-2">
              {group.label ? <h3 className="pt-2 text-sm font-semibold uppercase tracking-wide text-slate-600">{group.label}</h3> : null}
              <ul className="space-y-2">
                {group.items.map((item) => (
                  <RequirementItem key={item.code} item={item} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}

function groupConsecutive(items: Requirement[]) {
  const groups: { label?: string; items: Requirement[] }[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.label === item.group) last.items.push(item);
    else groups.push({ label: item.group, items: [item] });
  }
  return groups;
}

function RequirementItem({ item }: { item: Requirement }) {
  const t = useT();
  return (
    <li id={item.code} data-code={item.code} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline gap-2">
        <code className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-semibold text-white">{item.code}</code>
        <p className="flex-1 font-medium text-slate-900" data-testid="label">
          {item.label}
        </p>
        <DepthBadge required={item.required} depth={item.requiredDepth} />
      </div>
      {item.editorial ? (
        <div className="mt-2">
          <EditorialBadge reason={item.editorialReason} />
        </div>
      ) : null}
      {item.kind === "knowledge" ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("ref.nsf")} {item.nsf ?? "—"} · {t("ref.formacode")} {item.formacode ?? "—"}
        </p>
      ) : null}
      {item.kind === "transversal" && item.depthDescriptor ? (
        <p className="mt-2 text-sm text-slate-700">
          {t("ref.depthDescriptor")} : « {item.depthDescriptor} »
        </p>
      ) : null}
      {item.excerpt ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="excerpt">
          {t("lvl.framework.excerpt")} : « {item.excerpt} »
        </p>
      ) : null}
      {item.kind === "competence" ? <CompetenceDetails item={item} /> : null}
      <SourceQuote source={item.source} />
    </li>
  );
}

function CompetenceDetails({ item }: { item: Extract<Requirement, { kind: "competence" }> }) {
  const t = useT();
  const lists: { key: MessageKey; subs: SubItem[] }[] = [
    { key: "ref.activity", subs: item.activity ? [item.activity] : [] },
    { key: "ref.subActivities", subs: item.subActivities },
    { key: "ref.subCompetences", subs: item.subCompetences },
    { key: "ref.keywords", subs: item.keywords },
  ];
  if (lists.every((list) => list.subs.length === 0)) return null;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer select-none text-brand-700 hover:underline">{t("ref.details")}</summary>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        {lists
          .filter((list) => list.subs.length > 0)
          .map((list) => (
            <div key={list.key}>
              <h4 className="font-semibold text-slate-700">{t(list.key)}</h4>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                {list.subs.map((sub, index) => (
                  <li key={`${sub.code ?? ""}-${index}`}>
                    {sub.code ? <code className="mr-1 text-xs font-semibold">{sub.code}</code> : null}
                    {sub.label}
                    {sub.editorial ? (
                      <span className="ml-1">
                        <EditorialBadge reason={sub.editorialReason} />
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>
    </details>
  );
}

/** Beside a national framework: the EQF lines and the arrêté's columns, quoted, as context (not requirements). */
function SheetContext({ blocks }: { blocks: ContextBlock[] }) {
  const t = useT();
  return (
    <section aria-labelledby="sheet-context" className="space-y-3 rounded-xl bg-slate-50 p-6 ring-1 ring-slate-200" data-testid="sheet-context">
      <h2 id="sheet-context" className="text-lg font-semibold text-slate-900">
        {t("lvl.framework.context")}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        {blocks.map((block) => (
          <div key={block.title} lang={block.language} className="space-y-2">
            <h3 className="font-semibold text-slate-800">{block.title}</h3>
            <dl className="space-y-2 text-sm">
              {block.entries.map((entry) => (
                <div key={entry.label}>
                  <dt className="font-medium text-slate-700">{entry.label}</dt>
                  <dd className="text-slate-700">
                    « {entry.source.quote} » <span className="text-xs text-slate-500">({entry.source.file})</span>
                  </dd>
                </div>
              ))}
            </dl>
            {block.note ? (
              <p className="text-xs text-slate-600" lang="fr">
                <strong>{t("lvl.framework.note")} :</strong> {block.note}
              </p>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
