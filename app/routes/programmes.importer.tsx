import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useRef, useState } from "react";
import { inputClass, Notice } from "~/components/forms";
import { withSaved } from "~/components/toast";
import { DIPLOMA_LABELS, DIPLOMA_TYPES } from "~/domain/programme";
import { PROGRAMME_CSV_HEADER, type ImportProblem } from "~/domain/programme-import";
import { renderSentence } from "~/domain/sentences";
import { listTargetChoices } from "~/models/targets.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill, type MessageKey } from "~/i18n";
import { metaTranslator, useLocale, useNumberFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.importProgramme")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  return { targets: await listTargetChoices({ db, schoolId: school.id }) };
}

type Preview = { ok: true; rows: number; modules: number; mappings: number; semesters: { semester: number; modules: number; ects: number }[]; form: { title: string; level: number; entryEcts: number; semesters: number; targets: string[] } };
type Refusal = { ok: false; problems: ImportProblem[]; formErrors: string[] };

/** Sends the form with XMLHttpRequest so that the upload shows its progress. */
function send(url: string, form: HTMLFormElement, onProgress: (percent: number) => void, t: (key: MessageKey) => string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        resolve({ status: request.status, body: { ok: false, problems: [], formErrors: [fill(t("imp.prog.unexpected"), { status: request.status })] } });
      }
    };
    request.onerror = () => reject(new Error(t("imp.prog.interrupted")));
    request.send(new FormData(form));
  });
}

export default function ImportProgramme() {
  const { targets } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [stage, setStage] = useState<"idle" | "checking" | "saving">("idle");
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function run(kind: "check" | "save") {
    if (!formRef.current) return;
    setStage(kind === "check" ? "checking" : "saving");
    setProgress(0);
    setFailure(null);
    try {
      const { status, body } = await send(kind === "check" ? "/programmes/importer/verifier" : "/programmes/importer/enregistrer", formRef.current, setProgress, t);
      if (kind === "save" && status === 201) {
        navigate(withSaved(`/programmes/${(body as { id: string }).id}`, "formation-importee"));
        return;
      }
      if (status >= 400 && (body as Refusal).ok === false) {
        setRefusal(body as Refusal);
        setPreview(null);
      } else if (status >= 400) {
        setFailure(fill(t("imp.prog.refused"), { status }));
      } else {
        setRefusal(null);
        setPreview(body as Preview);
      }
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setStage("idle");
    }
  }

  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/programmes" className="underline">
          ← {t("prog.list.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("imp.prog.title")}</h1>
      <p className="text-slate-700">
        {t("imp.prog.intro1")} <code className="rounded bg-slate-100 px-1">{PROGRAMME_CSV_HEADER.join(",")}</code>
        {t("imp.prog.intro2")} <code>item_ref</code>
        {t("imp.prog.intro3")}
      </p>
      <form
        ref={formRef}
        className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
        onSubmit={(event) => {
          event.preventDefault();
          void run("check");
        }}
        onChange={() => setPreview(null)}
      >
        <div>
          <label htmlFor="file" className="block text-sm font-medium">
            {t("imp.prog.file")}
          </label>
          <input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="title" className="block text-sm font-medium">
              {t("prog.form.title")}
            </label>
            <input id="title" name="title" required minLength={3} className={inputClass} />
          </div>
          <div>
            <label htmlFor="diplomaType" className="block text-sm font-medium">
              {t("prog.form.diplomaType")}
            </label>
            <select id="diplomaType" name="diplomaType" className={inputClass} defaultValue="master">
              {DIPLOMA_TYPES.map((type) => (
                <option key={type} value={type}>
                  {DIPLOMA_LABELS[type][locale]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="level" className="block text-sm font-medium">
              {t("prog.form.level")}
            </label>
            <select id="level" name="level" className={inputClass} defaultValue="7">
              <option value="5">5</option>
              <option value="6">6</option>
              <option value="7">7</option>
            </select>
          </div>
          <div>
            <label htmlFor="entryEcts" className="block text-sm font-medium">
              {t("imp.prog.entryEcts")}
            </label>
            <input id="entryEcts" name="entryEcts" type="number" min={0} max={300} className={inputClass} />
          </div>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("imp.prog.targets")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {targets.map((target) => (
              <label key={target.slug} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="targets" value={target.slug} /> {target.title}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={stage !== "idle"} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
            {t("imp.prog.check")}
          </button>
          {preview ? (
            <button type="button" disabled={stage !== "idle"} onClick={() => void run("save")} className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white disabled:opacity-60">
              {t("imp.prog.confirm")}
            </button>
          ) : null}
        </div>
        {stage !== "idle" ? (
          <div className="space-y-1" aria-live="polite">
            <p className="text-sm">{progress < 100 ? fill(t("imp.prog.uploading"), { percent: format.percent(progress / 100) }) : stage === "checking" ? t("imp.prog.checking") : t("imp.prog.saving")}</p>
            <progress className="h-2 w-full" max={100} value={progress < 100 ? progress : undefined} aria-label={t("imp.prog.progress")} />
          </div>
        ) : null}
      </form>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {refusal ? (
        <Notice tone="error">
          <p className="font-medium">{t("imp.prog.rejected")}</p>
          {refusal.formErrors.length ? (
            <ul className="mt-1 list-inside list-disc">
              {refusal.formErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          {refusal.problems.length ? (
            <table className="mt-2 w-full text-left text-sm" data-testid="import-problems">
              <thead>
                <tr>
                  <th className="pr-2">{t("imp.prog.line")}</th>
                  <th className="pr-2">{t("imp.prog.column")}</th>
                  <th>{t("imp.prog.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {refusal.problems.slice(0, 500).map((p, i) => (
                  <tr key={i}>
                    <td className="pr-2 tabular-nums">{p.line || "–"}</td>
                    <td className="pr-2 font-mono text-xs">{p.column ?? ""}</td>
                    <td>{p.sentence ? renderSentence(p.sentence, locale) : p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {refusal.problems.length > 500 ? <p className="mt-1">{fill(t("imp.prog.more"), { count: refusal.problems.length - 500 })}</p> : null}
        </Notice>
      ) : null}
      {preview ? (
        <Notice tone="success">
          <p data-testid="import-preview">
            {fill(t("imp.prog.ready"), {
              title: preview.form.title,
              modules: preview.modules,
              mappings: preview.mappings,
              rows: preview.rows,
              level: preview.form.level,
              targets: preview.form.targets.join(", "),
            })}
          </p>
          <ul className="mt-1 list-inside list-disc">
            {preview.semesters.map((s) => (
              <li key={s.semester}>
                {fill(t("imp.prog.semester"), { semester: s.semester, modules: s.modules, ects: format.number(s.ects) })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}
