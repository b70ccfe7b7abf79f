/**
 * The report's table of an RNCP certification's blocs × the programme's modules: which modules
 * teach each bloc (E) and which assess it (É), then the bloc's assessment methods as the fiche
 * states them beside the programme's own (each assessing module's assessment method).
 */
import { BlocState } from "~/components/bloc-coverage";
import type { BlocView } from "~/domain/bloc-coverage";
import { useT } from "~/utils/use-t";

export type BlocTable = { slug: string; title: string; blocs: BlocView[]; modules: { code: string; semester: number }[] };

export function BlocModulesTables({ tables }: { tables: readonly BlocTable[] }) {
  const t = useT();
  if (tables.length === 0) return null;
  return (
    <section className="space-y-4" aria-labelledby="bloc-modules-title" data-testid="bloc-modules">
      <h2 id="bloc-modules-title" className="text-xl font-semibold">
        {t("rep.bloc.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("rep.bloc.hint")}</p>
      {tables.map((table) => (
        <div key={table.slug} className="space-y-3">
          <h3 className="font-medium">{table.title}</h3>
          <div className="overflow-x-auto print:overflow-visible">
            <table className="border-collapse text-xs" data-testid={`bloc-grid-${table.slug}`}>
              <thead>
                <tr>
                  <th scope="col" className="border border-slate-300 px-1 text-left">
                    {t("rep.bloc.bloc")}
                  </th>
                  {table.modules.map((m) => (
                    <th key={m.code} scope="col" className="border border-slate-300 px-0.5 align-bottom font-normal">
                      <span className="[writing-mode:vertical-rl] rotate-180">
                        S{m.semester} {m.code}
                      </span>
                    </th>
                  ))}
                  <th scope="col" className="border border-slate-300 px-1 text-left">
                    {t("rep.bloc.state")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.blocs.map((bloc) => {
                  const teaches = new Set(bloc.teaching.map((m) => m.code));
                  const assesses = new Set(bloc.assessing.map((m) => m.code));
                  return (
                    <tr key={bloc.code} data-bloc={bloc.code}>
                      <th scope="row" className="border border-slate-300 px-1 text-left font-normal">
                        <code>{bloc.code}</code> {bloc.label}
                      </th>
                      {table.modules.map((m) => (
                        <td key={m.code} className="border border-slate-300 px-0.5 text-center" data-module={m.code}>
                          {[teaches.has(m.code) ? t("rep.bloc.teach") : "", assesses.has(m.code) ? t("rep.bloc.assess") : ""].filter(Boolean).join(" ")}
                        </td>
                      ))}
                      <td className="border border-slate-300 px-1">
                        <BlocState bloc={bloc} />
                        {bloc.warning ? <p className="text-rose-800">⚠ {bloc.warning}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <table className="w-full border-collapse text-xs" data-testid={`bloc-methods-${table.slug}`}>
            <caption className="text-left font-medium">{t("rep.bloc.methods")}</caption>
            <thead className="text-left">
              <tr>
                <th scope="col" className="border border-slate-300 px-1">
                  {t("rep.bloc.bloc")}
                </th>
                <th scope="col" className="border border-slate-300 px-1">
                  {t("rep.bloc.fiche")}
                </th>
                <th scope="col" className="border border-slate-300 px-1">
                  {t("rep.bloc.programme")}
                </th>
              </tr>
            </thead>
            <tbody>
              {table.blocs.map((bloc) => (
                <tr key={bloc.code} data-bloc={bloc.code} className="align-top">
                  <th scope="row" className="border border-slate-300 px-1 text-left font-normal">
                    <code>{bloc.code}</code>
                  </th>
                  <td className="border border-slate-300 px-1">{bloc.ficheMethods ? bloc.ficheMethods.join(" · ") : t("rep.bloc.noMethod")}</td>
                  <td className="border border-slate-300 px-1">
                    {bloc.programmeMethods.length ? (
                      <ul>
                        {bloc.programmeMethods.map((m) => (
                          <li key={m.module}>
                            <code>{m.module}</code> — {m.method}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t("rep.bloc.noMethod")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
