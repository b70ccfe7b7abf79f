import { readForm } from "~/utils/form-data.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorList, inputClass, Notice, SubmitButton } from "~/components/forms";
import { SheetDiffView } from "~/components/sheet-diff-view";
import { ProgrammePageHeader } from "~/components/versions";
import { decisionKey } from "~/domain/sheet-upgrade";
import { canEditProgrammes } from "~/domain/roles";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { applyUpgrade, pendingUpgrades } from "~/models/sheet-upgrade.server";
import { db } from "~/utils/db.server";
import { lockMessage, requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: `${t("title.sheets")} · ${data?.programme.title ?? t("title.programme")} · Maquette` }];
};

/** GET /programmes/:id/referentiels: the targets whose reference sheet has a newer version, and what upgrading does. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, ctx, lockedBy } = await requireProgramme(request, params.id);
  return {
    programme: { id: programme.id, title: programme.title },
    targets: programme.targets,
    upgrades: await pendingUpgrades({ db, programme }),
    canUpgrade: canEditProgrammes(ctx.role) && lockedBy === null,
    lockedBy,
  };
}

type ActionData = { ok?: boolean; message?: string; error?: string; sheet?: string; errors?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { programme, ctx, actor, lockedBy } = await requireProgramme(request, params.id);
  const locale = await getLocale(request);
  const t = translator(locale);
  if (!canEditProgrammes(ctx.role)) throw new Response(t("act.ref.onlyManagers"), { status: 403 });
  if (lockedBy !== null) return Response.json({ error: lockMessage(lockedBy, locale) }, { status: 409 });
  const form = await readForm(request);
  const sheetSlug = String(form.get("sheet") ?? "");
  const fromVersion = Number(form.get("from"));
  const toVersion = Number(form.get("to"));
  if (!sheetSlug || !Number.isInteger(fromVersion) || !Number.isInteger(toVersion)) return Response.json({ error: t("act.ref.incomplete") }, { status: 400 });
  const choices: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (key.startsWith("choice:") && typeof value === "string" && value) choices[key.slice(7)] = value;
  const result = await applyUpgrade({ db, schoolId: ctx.school.id, programmeId: programme.id, sheetSlug, fromVersion, toVersion, choices, actor });
  if (result.ok) {
    return { ok: true, sheet: sheetSlug, message: t("act.ref.upgraded", { version: toVersion, kept: result.kept, moved: result.moved, removed: result.removed, keptAsIs: result.keptAsIs }) };
  }
  if (result.reason === "invalid") return Response.json({ sheet: sheetSlug, error: t("act.ref.decisionsPending"), errors: result.errors }, { status: 400 });
  if (result.reason === "stale") return Response.json({ sheet: sheetSlug, error: t("act.ref.stale") }, { status: 409 });
  if (result.reason === "locked") return Response.json({ error: lockMessage(lockedBy ?? 0, locale) }, { status: 409 });
  return Response.json({ sheet: sheetSlug, error: t("act.ref.noLongerPossible") }, { status: 404 });
}

export default function SheetUpgrades() {
  const t = useT();
  const { programme, targets, upgrades, canUpgrade, lockedBy } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const navigation = useNavigation();
  return (
    <section className="space-y-6">
      <ProgrammePageHeader programme={programme} top title={t("upg.title")}>
        <p className="max-w-3xl text-slate-600">{t("upg.intro")}</p>
      </ProgrammePageHeader>
      {result?.message ? <Notice tone="success">{result.message}</Notice> : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}
      {lockedBy !== null ? <Notice>{fill(t("ver.locked"), { number: lockedBy })}</Notice> : null}
      <ul className="text-sm text-slate-700" data-testid="pins">
        {targets.map((target) => (
          <li key={target.sheetSlug}>{fill(t("upg.pinned"), { sheet: target.sheetSlug, version: target.sheetVersion })}</li>
        ))}
      </ul>
      {upgrades.length === 0 ? <Notice>{t("upg.none")}</Notice> : null}
      {upgrades.map((upgrade) => {
        const errors = result?.sheet === upgrade.sheetSlug ? result.errors : undefined;
        return (
          <section key={upgrade.sheetSlug} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby={`upgrade-${upgrade.sheetSlug}`} data-testid={`upgrade-${upgrade.sheetSlug}`}>
            <h2 id={`upgrade-${upgrade.sheetSlug}`} className="text-lg font-semibold">
              {fill(t("upg.heading"), { title: upgrade.title, from: upgrade.fromVersion, to: upgrade.toVersion })}
            </h2>
            <SheetDiffView from={upgrade.fromVersion} to={upgrade.toVersion} diff={upgrade.diff} />
            <details className="text-sm">
              <summary className="cursor-pointer font-medium">{t("upg.kept", { count: upgrade.plan.kept.length })}</summary>
              <ul className="mt-1 columns-2 text-slate-600">
                {upgrade.plan.kept.map((m) => (
                  <li key={decisionKey(m)}>
                    <span className="font-mono">{m.moduleCode}</span> × <span className="font-mono">{m.itemRef}</span> ({m.depth}
                    {m.assessed ? `, ${t("mat.cell.assessedMark")}` : ""})
                  </li>
                ))}
              </ul>
            </details>
            <Form
              method="post"
              noValidate
              className="space-y-3"
              onSubmit={(event) => {
                // Removing mappings cannot be undone: ask first, saying how many.
                const removed = [...event.currentTarget.querySelectorAll("select")].filter((select) => select.value === "remove").length;
                if (removed > 0 && !window.confirm(t("upg.removeConfirm", { count: removed }))) event.preventDefault();
              }}
            >
              <input type="hidden" name="sheet" value={upgrade.sheetSlug} />
              <input type="hidden" name="from" value={upgrade.fromVersion} />
              <input type="hidden" name="to" value={upgrade.toVersion} />
              <h3 className="font-semibold">{fill(t("upg.decisions"), { count: upgrade.plan.decisions.length })}</h3>
              {upgrade.plan.decisions.length === 0 ? <p className="text-sm text-slate-600">{t("upg.noDecision")}</p> : null}
              <ul className="space-y-2">
                {upgrade.plan.decisions.map((row) => {
                  const key = decisionKey(row);
                  const id = `choice-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
                  return (
                    <li key={key} className="grid gap-2 text-sm md:grid-cols-[1fr_22rem]" data-testid="upgrade-decision">
                      <label htmlFor={id}>
                        <span className="font-mono">{row.moduleCode}</span> × <span className="font-mono">{row.itemRef}</span> {row.label} ·{" "}
                        {fill(t("upg.depth"), { depth: row.depth })}
                        {row.assessed ? ` · ${t("ver.diff.assessed")}` : ""}
                      </label>
                      <div>
                        <select id={id} name={`choice:${key}`} defaultValue="" disabled={!canUpgrade} className={inputClass} aria-invalid={errors?.[key] ? true : undefined} aria-describedby={errors?.[key] ? `${id}-error` : undefined}>
                          <option value="">{t("upg.choose")}</option>
                          <option value="remove">{t("upg.remove")}</option>
                          {row.shared ? <option value="keep">{t("upg.keep")}</option> : null}
                          <optgroup label={t("upg.moveTo")}>
                            {upgrade.to.map((item) => (
                              <option key={item.ref} value={`move:${item.ref}`}>
                                {item.ref} · {item.label.slice(0, 70)}
                              </option>
                            ))}
                          </optgroup>
                        </select>
                        <ErrorList id={`${id}-error`} errors={errors?.[key] ? [errors[key]] : undefined} />
                      </div>
                    </li>
                  );
                })}
              </ul>
              {canUpgrade ? <SubmitButton pending={navigation.state === "submitting"}>{fill(t("upg.submit"), { version: upgrade.toVersion })}</SubmitButton> : <p className="text-sm text-slate-600">{t("upg.readOnly")}</p>}
            </Form>
          </section>
        );
      })}
    </section>
  );
}
