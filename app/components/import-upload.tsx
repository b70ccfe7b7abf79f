/**
 * The parts the two programme import pages share: sending the form with its upload progress,
 * the progress line, and the refusal with every problem by line.
 */
import { useState, type ReactNode, type RefObject } from "react";
import { inputClass, Notice } from "~/components/forms";
import type { ImportProblem } from "~/domain/programme-import";
import { renderSentence } from "~/domain/sentences";
import { fill, type MessageKey } from "~/i18n";
import { useLocale, useNumberFormat, useT } from "~/utils/use-t";

/** The labels of the programme's fields, as the preview names those taken from the file. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  title: "imp.field.title",
  diplomaType: "imp.field.diplomaType",
  level: "imp.field.level",
  entryEcts: "imp.field.entryEcts",
  semesters: "imp.field.semesters",
  targets: "imp.field.targets",
  description: "imp.field.description",
};

export type Refusal = { ok: false; problems: ImportProblem[]; formErrors: string[] };

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

/**
 * An upload of the form to one of two addresses (check, then save), with its stage, progress,
 * refusal and failure. `onAnswer` gets every answer that is not a refusal.
 */
export function useImportUpload(onAnswer: (kind: "check" | "save", status: number, body: unknown) => void) {
  const t = useT();
  const [stage, setStage] = useState<"idle" | "checking" | "saving">("idle");
  const [progress, setProgress] = useState(0);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  async function run(kind: "check" | "save", url: string, form: HTMLFormElement | null) {
    if (!form) return;
    setStage(kind === "check" ? "checking" : "saving");
    setProgress(0);
    setFailure(null);
    try {
      const { status, body } = await send(url, form, setProgress, t);
      if (status >= 400 && (body as Refusal).ok === false) {
        setRefusal(body as Refusal);
        onAnswer(kind, status, null);
      } else if (status >= 400 && typeof (body as { error?: unknown }).error === "string") {
        setRefusal(null);
        setFailure((body as { error: string }).error);
      } else if (status >= 400) {
        setFailure(fill(t("imp.prog.refused"), { status }));
      } else {
        setRefusal(null);
        onAnswer(kind, status, body);
      }
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setStage("idle");
    }
  }
  return { stage, progress, refusal, failure, run };
}

export function UploadProgress({ stage, progress }: { stage: "idle" | "checking" | "saving"; progress: number }) {
  const t = useT();
  const format = useNumberFormat();
  if (stage === "idle") return null;
  return (
    <div className="space-y-1" aria-live="polite">
      <p className="text-sm">{progress < 100 ? fill(t("imp.prog.uploading"), { percent: format.percent(progress / 100) }) : stage === "checking" ? t("imp.prog.checking") : t("imp.prog.saving")}</p>
      <progress className="h-2 w-full" max={100} value={progress < 100 ? progress : undefined} aria-label={t("imp.prog.progress")} />
    </div>
  );
}

/** Why the file was refused: the form's errors, then every problem by line (the first 500). */
export function ImportRefusal({ refusal, failure }: { refusal: Refusal | null; failure: string | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
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
                    <td className="pr-2 font-mono text-xs">{p.header ?? p.column ?? ""}</td>
                    <td>{p.sentence ? renderSentence(p.sentence, locale) : p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {refusal.problems.length > 500 ? <p className="mt-1">{t("imp.prog.more", { count: refusal.problems.length - 500 })}</p> : null}
        </Notice>
      ) : null}
    </>
  );
}

/**
 * The form of an import page: its file first, then `children`. Sending it checks the file
 * (`onCheck`); any change to it forgets the last check (`onChange`).
 */
export function ImportForm({ formRef, onCheck, onChange, children }: { formRef: RefObject<HTMLFormElement>; onCheck: () => void; onChange: () => void; children: ReactNode }) {
  const t = useT();
  return (
    <form
      ref={formRef}
      className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        onCheck();
      }}
      onChange={onChange}
    >
      <div>
        <label htmlFor="file" className="block text-sm font-medium">
          {t("imp.prog.file")}
        </label>
        <input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={`${inputClass} border-0 px-0 shadow-none`} />
      </div>
      {children}
    </form>
  );
}
