import { type SubmissionResult, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ErrorList, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { DIPLOMA_DEFAULTS, DIPLOMA_LABELS, DIPLOMA_TYPES, programmeSchema, type ProgrammeForm as ProgrammeValues } from "~/domain/programme";
import { levelOfFrameworkSlug } from "~/domain/cncp-levels";
import type { SheetKind } from "~/domain/reference-data";
import { groupByKind } from "~/domain/target-groups";
import { fill, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/utils/use-t";

export type TargetChoice = {
  slug: string;
  kind: SheetKind;
  title: string;
  cncpMin: number;
  cncpMax: number;
  /** Targeted whatever the form says (shown checked, not sent): the server adds it. */
  fixed?: boolean;
};

/** The heading of each kind of target, in the programme form and the coverage summary. */
export const KIND_HEADINGS: Record<SheetKind, MessageKey> = {
  job: "list.kind.job",
  framework: "list.kind.framework",
  certification: "list.kind.certification",
  school: "list.kind.school",
};

/** "6" or "5 à 7": the CNCP levels a reference sheet covers. */
export function cncpLevels(target: { cncpMin: number; cncpMax: number }, t: (key: MessageKey) => string) {
  return target.cncpMin === target.cncpMax ? String(target.cncpMin) : fill(t("prog.cncpRange"), { min: target.cncpMin, max: target.cncpMax });
}

/** The programme form, validated by one zod schema in the browser and on the server. */
export function ProgrammeForm({
  targets,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  targets: TargetChoice[];
  defaultValue?: Partial<ProgrammeValues>;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "programme",
    lastResult,
    defaultValue: defaultValue ?? { diplomaType: "master", ...DIPLOMA_DEFAULTS.master, targets: [] },
    constraint: getZodConstraint(programmeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeSchema }),
  });
  const chosen = new Set((fields.targets.value as string[] | undefined) ?? defaultValue?.targets ?? []);
  // The national framework of the level is a fixed target (shown, not offered as a choice).
  const choices = targets.filter((target) => levelOfFrameworkSlug(target.slug) === null);
  const level = Number(fields.level.value ?? defaultValue?.level ?? 7);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
      <Field label={t("prog.form.title")} htmlFor={fields.title.id} errorId={fields.title.errorId} errors={fields.title.errors}>
        <input {...getInputProps(fields.title, { type: "text" })} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("prog.form.diplomaType")} htmlFor={fields.diplomaType.id} errorId={fields.diplomaType.errorId} errors={fields.diplomaType.errors} hint={t("prog.form.diplomaHint")}>
          <select
            {...getSelectProps(fields.diplomaType)}
            className={inputClass}
            onChange={(event) => {
              const defaults = DIPLOMA_DEFAULTS[event.target.value as keyof typeof DIPLOMA_DEFAULTS];
              if (!defaults) return;
              form.update({ name: fields.level.name, value: String(defaults.level) });
              form.update({ name: fields.entryEcts.name, value: String(defaults.entryEcts) });
              form.update({ name: fields.semesters.name, value: String(defaults.semesters) });
            }}
          >
            {DIPLOMA_TYPES.map((type) => (
              <option key={type} value={type}>
                {DIPLOMA_LABELS[type][locale]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("prog.form.level")} htmlFor={fields.level.id} errorId={fields.level.errorId} errors={fields.level.errors}>
          <select {...getSelectProps(fields.level)} className={inputClass}>
            <option value="5">{t("prog.form.level5")}</option>
            <option value="6">{t("prog.form.level6")}</option>
            <option value="7">{t("prog.form.level7")}</option>
          </select>
        </Field>
        <Field label={t("prog.form.entryEcts")} htmlFor={fields.entryEcts.id} errorId={fields.entryEcts.errorId} errors={fields.entryEcts.errors} hint={t("prog.form.entryEctsHint")}>
          <input {...getInputProps(fields.entryEcts, { type: "number" })} min={0} max={300} className={inputClass} />
        </Field>
        <Field label={t("prog.form.semesters")} htmlFor={fields.semesters.id} errorId={fields.semesters.errorId} errors={fields.semesters.errors}>
          <input {...getInputProps(fields.semesters, { type: "number" })} min={1} max={12} className={inputClass} />
        </Field>
      </div>
      <p className="mt-2 rounded-md bg-slate-50 p-2 text-sm text-slate-700 ring-1 ring-slate-200" data-testid="fixed-framework">
          <span className="font-medium">{t("lvl.framework.fixedTitle")}</span> · {fill(t("lvl.framework.fixed"), { level })}
      </p>
      <TargetFieldset name={fields.targets.name} targets={choices} chosen={chosen} errorId={fields.targets.errorId} errors={fields.targets.errors} />
      <Field label={t("prog.form.description")} htmlFor={fields.description.id} errorId={fields.description.errorId} errors={fields.description.errors}>
        <textarea {...getTextareaProps(fields.description)} rows={4} className={inputClass} />
      </Field>
      <SubmitButton pending={navigation.state === "submitting"}>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** The targets to choose, grouped by kind under a heading each (any kind of `sheetKinds`). */
function TargetFieldset({ name, targets, chosen, errorId, errors }: { name: string; targets: TargetChoice[]; chosen: ReadonlySet<string>; errorId: string; errors?: string[] }) {
  const t = useT();
  return (
    <fieldset aria-describedby={`${errorId}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{t("list.targets.legend")}</legend>
      <p id={`${errorId}-hint`} className="mt-1 text-xs text-slate-500">
        {t("list.targets.hint")}
      </p>
      {groupByKind(targets).map((group) => (
        <fieldset key={group.kind} className="mt-3" data-kind={group.kind}>
          <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t(KIND_HEADINGS[group.kind])}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {group.items.map((target) => (
              <TargetCheckbox key={target.slug} name={name} target={target} checked={target.fixed === true || chosen.has(target.slug)} />
            ))}
          </div>
        </fieldset>
      ))}
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

function TargetCheckbox({ name, target, checked }: { name: string; target: TargetChoice; checked: boolean }) {
  const t = useT();
  return (
    <label className="flex items-start gap-2 rounded-md p-2 ring-1 ring-slate-200 hover:bg-slate-50">
      <input type="checkbox" name={target.fixed ? undefined : name} value={target.slug} defaultChecked={checked} disabled={target.fixed} className="mt-1" />
      <span>
        <span className="font-medium">{target.title}</span>
        <span className="block text-xs text-slate-500">
          {fill(t("prog.form.targetLevel"), { levels: cncpLevels(target, t) })}
          {target.fixed ? ` · ${t("list.kind.fixed")}` : ""}
        </span>
      </span>
    </label>
  );
}
