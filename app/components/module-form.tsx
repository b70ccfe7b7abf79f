import { type SubmissionResult, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ErrorList, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { moduleSchema, type ModuleForm as ModuleValues } from "~/domain/programme";
import { useT } from "~/utils/use-t";

export type TeacherChoice = { id: string; name: string; email: string };

export function ModuleForm({
  teachers,
  defaultValue,
  lastResult,
  version,
  semesters,
  submitLabel,
  hidden,
}: {
  teachers: TeacherChoice[];
  defaultValue?: Partial<ModuleValues>;
  lastResult?: SubmissionResult<string[]>;
  version?: number;
  semesters: number;
  submitLabel: string;
  /** Extra fields sent with the form (a suggested module's requirement to map). */
  hidden?: Record<string, string>;
}) {
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "module",
    lastResult,
    defaultValue: defaultValue ?? { semester: 1, semesterSpan: 1, ects: 6, hoursLectures: 0, hoursTutorials: 0, hoursPractical: 0, hoursProjects: 0 },
    constraint: getZodConstraint(moduleSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moduleSchema }),
  });
  const assigned = new Set(defaultValue?.teacherIds ?? []);
  const hourFields = [
    [fields.hoursLectures, t("mod.form.hoursLectures")],
    [fields.hoursTutorials, t("mod.form.hoursTutorials")],
    [fields.hoursPractical, t("mod.form.hoursPractical")],
    [fields.hoursProjects, t("mod.form.hoursProjects")],
  ] as const;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <Field label={t("mod.form.code")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors} hint={t("mod.form.codeHint")}>
          <input {...getInputProps(fields.code, { type: "text" })} className={inputClass} />
        </Field>
        <Field label={t("mod.form.title")} htmlFor={fields.title.id} errorId={fields.title.errorId} errors={fields.title.errors}>
          <input {...getInputProps(fields.title, { type: "text" })} className={inputClass} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("mod.form.semester")} htmlFor={fields.semester.id} errorId={fields.semester.errorId} errors={fields.semester.errors}>
          <input {...getInputProps(fields.semester, { type: "number" })} min={1} max={semesters} className={inputClass} />
        </Field>
        <Field label={t("mod.form.ects")} htmlFor={fields.ects.id} errorId={fields.ects.errorId} errors={fields.ects.errors} hint={t("mod.form.ectsHint")}>
          <input {...getInputProps(fields.ects, { type: "number" })} step={0.5} min={0} max={60} className={inputClass} />
        </Field>
        <Field label={t("mod.form.span")} htmlFor={fields.semesterSpan.id} errorId={fields.semesterSpan.errorId} errors={fields.semesterSpan.errors} hint={t("mod.form.spanHint")}>
          <select {...getSelectProps(fields.semesterSpan)} className={inputClass}>
            <option value="1">{t("mod.form.span1")}</option>
            <option value="2">{t("mod.form.span2")}</option>
          </select>
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("mod.form.hours")}</legend>
        <div className="mt-1 grid gap-4 sm:grid-cols-4">
          {hourFields.map(([field, label]) => (
            <Field key={field.name} label={label} htmlFor={field.id} errorId={field.errorId} errors={field.errors}>
              <input {...getInputProps(field, { type: "number" })} min={0} className={inputClass} />
            </Field>
          ))}
        </div>
      </fieldset>
      <Field label={t("mod.form.assessment")} htmlFor={fields.assessmentMethod.id} errorId={fields.assessmentMethod.errorId} errors={fields.assessmentMethod.errors}>
        <input {...getInputProps(fields.assessmentMethod, { type: "text" })} className={inputClass} placeholder={t("mod.form.assessmentPlaceholder")} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("mod.form.teachers")}</legend>
        {teachers.length === 0 ? (
          <p className="text-sm text-slate-500">{t("mod.form.noTeacher")}</p>
        ) : (
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {teachers.map((teacher) => (
              <label key={teacher.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={fields.teacherIds.name} value={teacher.id} defaultChecked={assigned.has(teacher.id)} />
                {teacher.name} <span className="text-slate-500">({teacher.email})</span>
              </label>
            ))}
          </div>
        )}
        <ErrorList id={fields.teacherIds.errorId} errors={fields.teacherIds.errors} />
      </fieldset>
      <Field label={t("mod.form.description")} htmlFor={fields.description.id} errorId={fields.description.errorId} errors={fields.description.errors}>
        <textarea {...getTextareaProps(fields.description)} rows={3} className={inputClass} />
      </Field>
      <SubmitButton pending={navigation.state === "submitting"}>{submitLabel}</SubmitButton>
    </Form>
  );
}
