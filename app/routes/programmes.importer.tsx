import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useRef, useState } from "react";
import { inputClass, Notice } from "~/components/forms";
import { withSaved } from "~/components/toast";
import { DIPLOMA_LABELS, DIPLOMA_TYPES } from "~/domain/programme";
import { PROGRAMME_CSV_HEADER } from "~/domain/programme-import";
import { FIELD_LABELS, ImportForm, ImportRefusal, UploadProgress, useImportUpload } from "~/components/import-upload";
import { KIND_HEADINGS } from "~/components/programme-form";
import { levelOfFrameworkSlug } from "~/domain/cncp-levels";
import { groupByKind } from "~/domain/target-groups";
import { listTargetChoices } from "~/models/targets.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fill } from "~/i18n";
import { metaTranslator, useLocale, useNumberFormat, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.importProgramme")} · Maquette` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin", "manager"]);
  return { targets: await listTargetChoices({ db, schoolId: school.id }) };
}

type Preview = {
  ok: true;
  rows: number;
  modules: number;
  mappings: number;
  fromFile: string[];
  semesters: { semester: number; modules: number; ects: number }[];
  form: { title: string; level: number; entryEcts: number; semesters: number; targets: string[] };
};

export default function ImportProgramme() {
  const { targets } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [level, setLevel] = useState("");
  const upload = useImportUpload((kind, status, body) => {
    if (kind === "save" && status === 201) navigate(withSaved(`/programmes/${(body as { id: string }).id}`, "formation-importee"));
    else setPreview(body as Preview | null);
  });
  const run = (kind: "check" | "save") => upload.run(kind, kind === "check" ? "/programmes/importer/verifier" : "/programmes/importer/enregistrer", formRef.current);
  const stage = upload.stage;

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
      <ImportForm formRef={formRef} onCheck={() => void run("check")} onChange={() => setPreview(null)}>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="title" className="block text-sm font-medium">
              {t("prog.form.title")}
            </label>
            <input id="title" name="title" aria-describedby="title-hint" className={inputClass} />
            <p id="title-hint" className="mt-1 text-xs text-slate-600">
              {t("imp.prog.titleHint")}
            </p>
          </div>
          <div>
            <label htmlFor="diplomaType" className="block text-sm font-medium">
              {t("prog.form.diplomaType")}
            </label>
            <select id="diplomaType" name="diplomaType" className={inputClass} defaultValue="">
              <option value="">{t("imp.prog.fromFileOption")}</option>
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
            <select id="level" name="level" className={inputClass} defaultValue="" onChange={(event) => setLevel(event.currentTarget.value)}>
              <option value="">{t("imp.prog.fromFileOption")}</option>
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
        <fieldset onChange={(event) => setTicked([...event.currentTarget.querySelectorAll<HTMLInputElement>("input[name=targets]:checked")].map((box) => box.value))}>
          <legend className="text-sm font-medium">{t("imp.prog.targets")}</legend>
          {/* Grouped by kind as in the programme form; the level's framework is added by the server, not chosen. */}
          {groupByKind(targets.filter((target) => levelOfFrameworkSlug(target.slug) === null)).map((group) => (
            <fieldset key={group.kind} className="mt-2" data-kind={group.kind}>
              <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t(KIND_HEADINGS[group.kind])}</legend>
              <div className="mt-1 grid gap-2 sm:grid-cols-2">
                {group.items.map((target) => (
                  <label key={target.slug} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="targets" value={target.slug} /> {target.title}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          {ticked.length ? (
            <a className="mt-2 inline-block text-sm underline" href={`/programmes/importer/modele?${[...ticked.map((slug) => `cible=${encodeURIComponent(slug)}`), ...(level ? [`niveau=${level}`] : [])].join("&")}`} download>
              {t("imp.prog.template")}
            </a>
          ) : null}
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
        <UploadProgress stage={stage} progress={upload.progress} />
      </ImportForm>
      <ImportRefusal refusal={upload.refusal} failure={upload.failure} />
      {preview ? (
        <Notice tone="success">
          <p data-testid="import-preview">
            {t("imp.prog.ready", {
              title: preview.form.title,
              modules: preview.modules,
              mappings: preview.mappings,
              rows: preview.rows,
              level: preview.form.level,
              targets: preview.form.targets.join(", "),
            })}
          </p>
          {preview.fromFile.length ? <p data-testid="import-from-file">{fill(t("imp.prog.fromFile"), { fields: preview.fromFile.map((f) => t(FIELD_LABELS[f] ?? "imp.field.title")).join(", ") })}</p> : null}
          <ul className="mt-1 list-inside list-disc">
            {preview.semesters.map((s) => (
              <li key={s.semester}>
                {t("imp.prog.semester", { semester: s.semester, modules: s.modules, ects: format.number(s.ects) })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </section>
  );
}
