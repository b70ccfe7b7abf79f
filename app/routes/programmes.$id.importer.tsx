import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useRef, useState } from "react";
import { FIELD_LABELS, ImportForm, ImportRefusal, UploadProgress, useImportUpload } from "~/components/import-upload";
import { withSaved } from "~/components/toast";
import type { MappingChange, ModuleField, PlanPreview, Sample } from "~/domain/import-plan";
import type { ImportedMapping } from "~/domain/programme-import";
import { fill, type MessageKey } from "~/i18n";
import { requireProgramme } from "~/utils/programme-access.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaTranslator(matches)("prog.import.link")} · ${data?.programme.title ?? ""}` }];

/** The page of an import into a programme: the file, merge or replace, the preview, then the confirmation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgramme(request, params.id, { edit: true });
  return { programme: { id: programme.id, title: programme.title } };
}

type Checked = { ok: true; digest: string; rows: number; preview: PlanPreview };

const MODULE_FIELD_LABELS: Record<ModuleField, MessageKey> = { title: "imp.mfield.title", semester: "imp.mfield.semester", ects: "imp.mfield.ects", hours: "imp.mfield.hours" };

export default function ImportIntoProgramme() {
  const { programme } = useLoaderData<typeof loader>();
  const t = useT();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const upload = useImportUpload((kind, _status, body) => {
    if (kind === "save" && body) navigate(withSaved(`/programmes/${programme.id}`, "fichier-importe"));
    else setChecked(body as Checked | null);
  });
  const base = `/programmes/${programme.id}/importer`;
  const run = (kind: "check" | "save") => upload.run(kind, kind === "check" ? `${base}/verifier` : `${base}/enregistrer`, formRef.current);
  const preview = checked?.preview;
  const cell = (m: ImportedMapping | null) => {
    if (!m) return t("imp.into.none");
    const depth = fill(t(m.assessed ? "imp.into.cellAssessed" : "imp.into.cell"), { depth: m.depth });
    return m.note ? `${depth}, ${fill(t("imp.into.cellNote"), { note: m.note })}` : depth;
  };
  const mappingLine = (m: MappingChange) => fill(t("imp.into.mappingLine"), { module: m.module, ref: m.itemRef, before: cell(m.before), after: cell(m.after) });

  return (
    <section className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${programme.id}`} className="underline">
          ← {programme.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{fill(t("imp.into.title"), { title: programme.title })}</h1>
      <p className="text-slate-700">{t("imp.into.intro")}</p>
      <p className="text-sm">
        <a href={`/programmes/${programme.id}/modele`} className="underline" download>
          {t("imp.into.template")}
        </a>
      </p>
      <ImportForm formRef={formRef} onCheck={() => void run("check")} onChange={() => setChecked(null)}>
        <fieldset>
          <legend className="text-sm font-medium">{t("imp.into.mode")}</legend>
          {(["merge", "replace"] as const).map((mode) => (
            <label key={mode} className="mt-2 flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value={mode} defaultChecked={mode === "merge"} className="mt-1" aria-describedby={`mode-${mode}-hint`} />
              <span>
                <span className="font-medium">{t(mode === "merge" ? "imp.into.merge" : "imp.into.replace")}</span>
                <span id={`mode-${mode}-hint`} className="block text-slate-600">
                  {t(mode === "merge" ? "imp.into.mergeHint" : "imp.into.replaceHint")}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <input type="hidden" name="digest" value={checked?.digest ?? ""} />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={upload.stage !== "idle"} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
            {t("imp.prog.check")}
          </button>
          {preview && !preview.nothing ? (
            <button type="button" disabled={upload.stage !== "idle"} onClick={() => void run("save")} className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white disabled:opacity-60">
              {t("imp.into.confirm")}
            </button>
          ) : null}
        </div>
        <UploadProgress stage={upload.stage} progress={upload.progress} />
      </ImportForm>
      <ImportRefusal refusal={upload.refusal} failure={upload.failure} />
      {preview ? (
        <section className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" data-testid="import-into-preview" aria-live="polite">
          <h2 className="text-lg font-semibold">{t(preview.mode === "replace" ? "imp.into.preview.replace" : "imp.into.preview.merge")}</h2>
          {preview.nothing ? <p>{t("imp.into.nothing")}</p> : null}
          {preview.fields.length ? (
            <PreviewGroup id="fields" label={t("imp.into.fields")} sample={{ count: preview.fields.length, items: preview.fields }} line={(f) => fill(t("imp.into.change"), { label: t(FIELD_LABELS[f.field]), before: f.before || "—", after: f.after || "—" })} />
          ) : null}
          <PreviewGroup id="modules-added" label={t("imp.into.modulesAdded")} sample={preview.modules.added} line={(m) => `${m.code} ${m.title}`} />
          <PreviewGroup id="modules-removed" label={t("imp.into.modulesRemoved")} sample={preview.modules.removed} line={(m) => `${m.code} ${m.title}`} />
          <PreviewGroup
            id="modules-changed"
            label={t("imp.into.modulesChanged")}
            sample={preview.modules.changed}
            line={(m) => `${m.code} ${m.title} — ${m.changes.map((c) => fill(t("imp.into.change"), { label: t(MODULE_FIELD_LABELS[c.field]), before: c.before, after: c.after })).join(", ")}`}
          />
          <PreviewGroup id="mappings-added" label={t("imp.into.mappingsAdded")} sample={preview.mappings.added} line={mappingLine} />
          <PreviewGroup id="mappings-removed" label={t("imp.into.mappingsRemoved")} sample={preview.mappings.removed} line={mappingLine} />
          <PreviewGroup id="mappings-changed" label={t("imp.into.mappingsChanged")} sample={preview.mappings.changed} line={mappingLine} />
        </section>
      ) : null}
    </section>
  );
}

/** One kind of change: its count, then its first items. */
function PreviewGroup<T>({ id, label, sample, line }: { id: string; label: string; sample: Sample<T>; line: (item: T) => string }) {
  const t = useT();
  return (
    <div data-testid={`preview-${id}`}>
      <h3 className="font-medium">{fill(t("imp.into.count"), { label, count: sample.count })}</h3>
      {sample.items.length ? (
        <ul className="mt-1 list-inside list-disc text-sm">
          {sample.items.map((item, i) => (
            <li key={i}>{line(item)}</li>
          ))}
        </ul>
      ) : null}
      {sample.count > sample.items.length ? <p className="text-sm">{fill(t("imp.into.more"), { count: sample.count - sample.items.length })}</p> : null}
    </div>
  );
}
