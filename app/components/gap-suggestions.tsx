/**
 * The gaps of the coverage page with the change that closes each: the module proposed, the words
 * that matched, two alternatives, the reason for the depth, or a module to create. Applying one
 * keeps its confirmation where the gap was, in view; a gap with review comments says so.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { StatusBadge } from "~/components/coverage-visuals";
import type { CoveragePageData } from "~/models/coverage-page.server";
import { fill, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/utils/use-t";

type PageData = Exclude<CoveragePageData, { empty: true }>;
type Gap = PageData["gaps"][number];
type Applied = { ref: string; label: string; index: number; message: string };
type ApplyReply = { applied?: string; module?: string; depth?: number; error?: string };

/** "3 (attendu par l'établissement)": the depth an item is checked against, and whose it is. */
export function DepthAgainst({ depth, origin }: { depth: number | null; origin: string | null }) {
  const t = useT();
  if (depth === null) return <>{t("cov.unspecified")}</>;
  if (origin === "school" || origin === "programme") {
    return (
      <>
        {depth} <span className="text-xs text-indigo-800">{t(origin === "school" ? "lvl.depth.bySchool" : "lvl.depth.byProgramme")}</span>
      </>
    );
  }
  return <>{depth}</>;
}

/** The depths expected at this level, as the school's (or the programme's) choice, with who set them and when. */
export function ExpectedDepthsNote({ expected, level, editHref }: { expected: PageData["expected"]; level: number; editHref: string | null }) {
  const t = useT();
  const locale = useLocale();
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "Europe/Paris" });
  return (
    <section className="rounded-lg bg-indigo-50 p-4 text-sm text-indigo-950 ring-1 ring-indigo-200" aria-labelledby="expected-depths" data-testid="expected-depths">
      <h2 id="expected-depths" className="font-semibold">
        {fill(t("lvl.expected.title"), { level })}
      </h2>
      {expected.length === 0 ? (
        <p>{t("lvl.expected.none")}</p>
      ) : (
        <ul className="list-inside list-disc">
          {expected.map((e) => (
            <li key={e.kind}>
              {fill(t(e.origin === "school" ? "lvl.expected.school" : "lvl.expected.programme"), {
                kind: t(`cov.kind.${e.kind}` as MessageKey),
                depth: e.depth,
                depthLabel: t(`ref.depth.${e.depth}` as MessageKey),
                name: e.setByName,
                date: date.format(new Date(e.setAt)),
              })}
            </li>
          ))}
        </ul>
      )}
      {editHref ? (
        <p className="mt-1 flex flex-wrap gap-4 print:hidden">
          <Link to={editHref} className="underline">
            {t("lvl.expected.edit")}
          </Link>
          <Link to="/etablissement/profondeurs" className="underline">
            {t("lvl.expected.editSchool")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** The list of gaps, most severe first; applied suggestions leave their confirmation in place. */
export function GapList({ programmeId, gaps }: { programmeId: string; gaps: PageData["gaps"] }) {
  const t = useT();
  const [applied, setApplied] = useState<Applied[]>([]);
  const confirmation = useRef<HTMLLIElement>(null);
  const last = applied.at(-1)?.ref;
  useEffect(() => {
    if (!last) return;
    confirmation.current?.scrollIntoView({ block: "nearest" });
    confirmation.current?.focus();
  }, [last]);
  const shown = new Set(gaps.map((gap) => gap.ref));
  const rows: ({ gap: Gap } | { done: Applied })[] = gaps.map((gap) => ({ gap }));
  for (const done of applied) if (!shown.has(done.ref)) rows.splice(Math.min(done.index, rows.length), 0, { done });
  return (
    <ol className="space-y-2" data-testid="gap-list">
      {rows.map((row) =>
        "done" in row ? (
          <li
            key={`applied-${row.done.ref}`}
            ref={row.done.ref === last ? confirmation : undefined}
            tabIndex={-1}
            role="status"
            className="rounded-lg bg-emerald-50 p-4 text-emerald-900 ring-1 ring-emerald-300"
            data-testid="applied-confirmation"
          >
            ✓ {row.done.message}
          </li>
        ) : (
          <GapRow
            key={row.gap.ref}
            programmeId={programmeId}
            gap={row.gap}
            onApply={(module, depth) => {
              // Recorded when sent: once the gap has left the list (the change saved and the page
              // read again), its confirmation takes its place.
              const message = fill(t("lvl.applied"), { ref: row.gap.ref, label: row.gap.label, module, depth });
              setApplied((list) => [...list.filter((a) => a.ref !== row.gap.ref), { ref: row.gap.ref, label: row.gap.label, index: gaps.indexOf(row.gap), message }]);
            }}
          />
        ),
      )}
    </ol>
  );
}

function ApplyButton({
  fetcher,
  moduleId,
  moduleCode,
  itemRef,
  depth,
  assessed,
  label,
  accessibleName,
  onApply,
}: {
  fetcher: ReturnType<typeof useFetcher>;
  moduleId: string;
  moduleCode: string;
  itemRef: string;
  depth: number;
  assessed: boolean;
  label: string;
  accessibleName?: string;
  onApply: (module: string, depth: number) => void;
}) {
  return (
    <fetcher.Form method="post" className="print:hidden" preventScrollReset onSubmit={() => onApply(moduleCode, depth)}>
      <input type="hidden" name="moduleId" value={moduleId} />
      <input type="hidden" name="itemRef" value={itemRef} />
      <input type="hidden" name="depth" value={depth} />
      <input type="hidden" name="assessed" value={String(assessed)} />
      <button type="submit" disabled={fetcher.state !== "idle"} aria-label={accessibleName} className="rounded-md bg-emerald-700 px-3 py-1 text-white hover:bg-emerald-600 disabled:opacity-60">
        {label}
      </button>
    </fetcher.Form>
  );
}

function GapRow({ programmeId, gap, onApply }: { programmeId: string; gap: Gap; onApply: (module: string, depth: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<ApplyReply>();
  const reply = fetcher.data;
  const s = gap.suggestion;
  const plural = new Intl.PluralRules(locale).select(gap.comments) === "one" ? "lvl.comments.one" : "lvl.comments.other";
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-ref={gap.ref}>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={gap.status} />
        {gap.status === "covered" && !gap.assessed ? <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-900 ring-1 ring-violet-300">{t("cov.neverAssessed")}</span> : null}
        <code className="text-xs text-slate-500">{gap.ref}</code>
        <span className="font-medium">{gap.label}</span>
        {gap.editorial ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("cov.editorial")}</span> : null}
        <span className="ml-auto text-sm tabular-nums text-slate-600">
          {fill(t("lvl.depths.achieved"), { achieved: gap.achievedDepth })} <DepthAgainst depth={gap.targetDepth} origin={gap.depthOrigin} />
        </span>
        {gap.comments > 0 ? (
          <Link to={`/programmes/${programmeId}/revue?sujet=requirement&exigence=${encodeURIComponent(gap.ref)}`} className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900 ring-1 ring-sky-300" data-testid="gap-comments">
            💬 {fill(t(plural), { count: gap.comments })}
          </Link>
        ) : null}
        <Link to={`/programmes/${programmeId}/revue?sujet=requirement&exigence=${encodeURIComponent(gap.ref)}#nouveau`} className="text-sm text-brand-700 underline print:hidden">
          {t("cov.comment")}
        </Link>
      </div>
      {s ? (
        <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="gap-suggestion">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span>→ {s.explanation}</span>
            {s.canApply && s.moduleId ? (
              <ApplyButton fetcher={fetcher} moduleId={s.moduleId} moduleCode={s.moduleCode ?? ""} itemRef={gap.ref} depth={s.toDepth} assessed={s.toAssessed} label={t("cov.apply")} onApply={onApply} />
            ) : null}
            {s.createHref ? (
              <Link to={s.createHref} className="rounded-md bg-brand-700 px-3 py-1 text-white hover:bg-brand-600 print:hidden">
                {t("lvl.createModule")}
              </Link>
            ) : null}
          </div>
          {s.basis === "words" && s.matchedWords.length ? (
            <p className="text-xs text-slate-600" data-testid="matched-words">
              {fill(t("lvl.matched"), { title: s.moduleTitle ?? "", words: s.matchedWords.join(", "), score: s.score ?? 0 })}
            </p>
          ) : null}
          <p className="text-xs text-slate-600">{s.depthReason}</p>
          {s.alternatives.length ? (
            <div className="text-xs" data-testid="alternatives">
              <p className="font-medium text-slate-700">{t(s.kind === "create_module" ? "lvl.alternatives.weak" : "lvl.alternatives")}</p>
              <ul className="mt-1 space-y-1">
                {s.alternatives.map((a) => (
                  <li key={a.moduleId} className="flex flex-wrap items-center gap-2">
                    <span>
                      <strong>{a.moduleCode}</strong> {a.moduleTitle}
                      {a.matchedWords.length ? ` : ${a.matchedWords.join(", ")}` : ""} · {fill(t("lvl.alternative.depth"), { depth: a.toDepth })}
                    </span>
                    {a.canApply ? (
                      <ApplyButton
                        fetcher={fetcher}
                        onApply={onApply}
                        moduleCode={a.moduleCode}
                        moduleId={a.moduleId}
                        itemRef={gap.ref}
                        depth={a.toDepth}
                        assessed={s.toAssessed}
                        label={t("lvl.pick")}
                        accessibleName={fill(t("lvl.pick.name"), { module: a.moduleCode, ref: gap.ref })}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {reply?.applied ? (
            <p role="status" className="text-sm text-emerald-800">
              ✓ {fill(t("lvl.applied"), { ref: gap.ref, label: gap.label, module: reply.module ?? "", depth: reply.depth ?? "" })}
            </p>
          ) : null}
          {reply?.error ? (
            <p role="alert" className="text-sm text-rose-800">
              {reply.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
