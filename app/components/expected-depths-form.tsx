/**
 * The expected depths per level and kind, as a form: one select per level and kind, with who set
 * each value and when. The school's page and a programme's page use it (a programme's select
 * also offers "as the school").
 */
import { Form, useNavigation } from "@remix-run/react";
import { Notice, SubmitButton } from "~/components/forms";
import { depthFieldName, type ExpectedDepthSetting } from "~/domain/expected-depth";
import { requirementKinds } from "~/domain/reference-data";
import { fill, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/utils/use-t";

export function ExpectedDepthsForm({ own, school, forProgramme, error, saved }: { own: ExpectedDepthSetting[]; school: ExpectedDepthSetting[]; forProgramme: boolean; error?: string; saved?: string }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
  const find = (list: ExpectedDepthSetting[], level: number, kind: string) => list.find((s) => s.level === level && s.kind === kind);
  const depthText = (depth: number | null) => (depth === null ? t("lvl.settings.none") : `${depth} ${t(`ref.depth.${depth}` as MessageKey)}`);
  return (
    <Form method="post" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {error ? <Notice tone="error">{error}</Notice> : null}
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      <table className="w-full text-sm">
        <thead className="text-left">
          <tr>
            <th className="py-2">{t("lvl.settings.kind")}</th>
            {[5, 6, 7].map((level) => (
              <th key={level} className="py-2">
                {fill(t("lvl.settings.level"), { level })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {requirementKinds.map((kind) => (
            <tr key={kind}>
              <th className="py-2 pr-2 text-left font-medium">{t(`cov.kind.${kind}` as MessageKey)}</th>
              {[5, 6, 7].map((level) => {
                const mine = find(own, level, kind);
                const schools = find(school, level, kind);
                const name = depthFieldName(level, kind);
                const current = mine ? (mine.depth === null ? "none" : String(mine.depth)) : forProgramme ? "school" : "none";
                return (
                  <td key={level} className="py-2 pr-2 align-top">
                    <label className="sr-only" htmlFor={name}>
                      {`${t(`cov.kind.${kind}` as MessageKey)}, ${fill(t("lvl.settings.level"), { level })}`}
                    </label>
                    <select id={name} name={name} defaultValue={current} className="rounded border border-slate-300 px-2 py-1">
                      {forProgramme ? <option value="school">{fill(t("lvl.settings.schoolValue"), { value: depthText(schools?.depth ?? null) })}</option> : null}
                      <option value="none">{t("lvl.settings.none")}</option>
                      {[1, 2, 3, 4].map((depth) => (
                        <option key={depth} value={depth}>
                          {depthText(depth)}
                        </option>
                      ))}
                    </select>
                    {mine ? <p className="mt-1 text-xs text-slate-500">{fill(t("lvl.settings.setBy"), { name: mine.setByName, date: date.format(new Date(mine.setAt)) })}</p> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <SubmitButton pending={navigation.state === "submitting"}>{t("lvl.settings.submit")}</SubmitButton>
    </Form>
  );
}
