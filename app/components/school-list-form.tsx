/**
 * The form of a school's own requirement list: title, identifier, level, source document, and
 * its groups of requirements, each with its text, required depth and source text. Groups and
 * requirements are added, removed and moved with buttons (keyboard and screen readers, and
 * without JavaScript: the server applies the same intents). Validated by one zod schema in the
 * browser and on the server; a refused save keeps everything that was typed.
 */
import { type DefaultValue, type FieldMetadata, type SubmissionResult, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { ErrorList, Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { DEPTH_LEVELS } from "~/domain/reference-data";
import { SCHOOL_LIST_LEVELS, schoolListSchema, type SchoolListForm as SchoolListValues } from "~/domain/school-list";
import { fill, type MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

type Item = SchoolListValues["groups"][number]["items"][number];
type Group = SchoolListValues["groups"][number];

const NEW_ITEM = { label: "" };
const NEW_GROUP = { label: "", items: [NEW_ITEM] };

const smallButton = "rounded-md px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-40";

export function SchoolListForm({
  defaultValue,
  lastResult,
  schoolSlug,
  revision,
  slugFixed,
  submitLabel,
  notice,
}: {
  defaultValue: DefaultValue<SchoolListValues>;
  lastResult?: SubmissionResult<string[]>;
  /** The school's slug, shown in the list's address. */
  schoolSlug: string;
  /** The draft this form was opened on (an edit): a save from an older draft is refused. */
  revision?: number;
  /** The identifier cannot change once the list exists. */
  slugFixed: boolean;
  submitLabel: string;
  notice?: ReactNode;
}) {
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm<SchoolListValues>({
    id: "school-list",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schoolListSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schoolListSchema }),
  });
  // After a move, the moved row's button keeps the focus (the row is drawn again elsewhere).
  const focusAfterMove = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfterMove.current) return;
    const [name, direction] = focusAfterMove.current.split("|");
    focusAfterMove.current = null;
    const buttons = [direction, direction === "up" ? "down" : "up"].map((d) => document.querySelector<HTMLButtonElement>(`[data-move="${CSS.escape(`${name}|${d}`)}"]`));
    buttons.find((button) => button && !button.disabled)?.focus();
  });
  const move = (name: string, direction: "up" | "down") => ({ "data-move": `${name}|${direction}`, onClick: () => (focusAfterMove.current = `${name}|${direction}`) });
  const groups = fields.groups.getFieldList();

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {notice}
      {form.errors?.length ? <Notice tone="error">{form.errors.join(" ")}</Notice> : null}
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}
      <Field label={t("list.form.title")} htmlFor={fields.title.id} errorId={fields.title.errorId} errors={fields.title.errors}>
        <input {...getInputProps(fields.title, { type: "text" })} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("list.form.slug")}
          htmlFor={fields.slug.id}
          errorId={fields.slug.errorId}
          errors={fields.slug.errors}
          hint={slugFixed ? t("list.form.slugFixed") : fill(t("list.form.slugHint"), { school: schoolSlug })}
        >
          <input {...getInputProps(fields.slug, { type: "text" })} readOnly={slugFixed} className={`${inputClass} read-only:bg-slate-100`} />
        </Field>
        <Field label={t("list.form.level")} htmlFor={fields.level.id} errorId={fields.level.errorId} errors={fields.level.errors}>
          <select {...getSelectProps(fields.level)} className={inputClass}>
            <option value="">{t("list.form.levelNone")}</option>
            {SCHOOL_LIST_LEVELS.map((level) => (
              <option key={level} value={level}>
                {fill(t("list.form.levelN"), { n: level })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t("list.form.sourceName")} htmlFor={fields.sourceName.id} errorId={fields.sourceName.errorId} errors={fields.sourceName.errors} hint={t("list.form.sourceNameHint")}>
        <input {...getInputProps(fields.sourceName, { type: "text" })} className={inputClass} />
      </Field>

      <section aria-labelledby="list-groups" className="space-y-4">
        <div>
          <h2 id="list-groups" className="text-lg font-semibold">
            {t("list.form.groups")}
          </h2>
          <p className="text-sm text-slate-600">{t("list.form.groupsHint")}</p>
          <ErrorList id={fields.groups.errorId} errors={fields.groups.errors} />
        </div>
        <ol className="space-y-4">
          {groups.map((group, g) => {
            const groupFields = group.getFieldset();
            const n = g + 1;
            return (
              <li key={group.key} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="list-group">
                <fieldset className="space-y-3">
                  <legend className="sr-only">{fill(t("list.form.group"), { n })}</legend>
                  <div className="flex flex-wrap items-end gap-2">
                    <div className="min-w-64 flex-1">
                      <Field label={fill(t("list.form.groupLabel"), { n })} htmlFor={groupFields.label.id} errorId={groupFields.label.errorId} errors={groupFields.label.errors}>
                        <input {...getInputProps(groupFields.label, { type: "text" })} className={inputClass} />
                      </Field>
                    </div>
                    <MoveButtons
                      up={{ ...form.reorder.getButtonProps({ name: fields.groups.name, from: g, to: g - 1 }), ...move(group.key ?? String(g), "up"), disabled: g === 0, label: fill(t("list.form.groupUp"), { n }) }}
                      down={{ ...form.reorder.getButtonProps({ name: fields.groups.name, from: g, to: g + 1 }), ...move(group.key ?? String(g), "down"), disabled: g === groups.length - 1, label: fill(t("list.form.groupDown"), { n }) }}
                      remove={{ ...form.remove.getButtonProps({ name: fields.groups.name, index: g }), disabled: groups.length === 1, label: fill(t("list.form.groupRemove"), { n }) }}
                    />
                  </div>
                  <GroupItems group={groupFields.items} groupNumber={n} form={form} move={move} t={t} />
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button {...form.insert.getButtonProps({ name: fields.groups.name, defaultValue: NEW_GROUP })} className={smallButton}>
          + {t("list.form.addGroup")}
        </button>
      </section>
      <SubmitButton pending={navigation.state === "submitting"}>{submitLabel}</SubmitButton>
    </Form>
  );
}

type ButtonSpec = ReturnType<ReturnType<typeof useForm<SchoolListValues>>[0]["reorder"]["getButtonProps"]> & { disabled: boolean; label: string; "data-move"?: string; onClick?: () => void };

function MoveButtons({ up, down, remove }: { up: ButtonSpec; down: ButtonSpec; remove: ButtonSpec }) {
  const t = useT();
  const button = ({ label, ...props }: ButtonSpec, text: MessageKey, tone = "") => (
    <button {...props} aria-label={label} title={label} className={`${smallButton} ${tone}`}>
      {t(text)}
    </button>
  );
  return (
    <div className="flex gap-1">
      {button(up, "list.form.up")}
      {button(down, "list.form.down")}
      {button(remove, "list.form.remove", "text-rose-800")}
    </div>
  );
}

function GroupItems({
  group,
  groupNumber,
  form,
  move,
  t,
}: {
  group: FieldMetadata<Group["items"], SchoolListValues>;
  groupNumber: number;
  form: ReturnType<typeof useForm<SchoolListValues>>[0];
  move: (name: string, direction: "up" | "down") => { "data-move": string; onClick: () => void };
  t: (key: MessageKey) => string;
}) {
  const items = group.getFieldList();
  return (
    <div className="space-y-3">
      <ErrorList id={group.errorId} errors={group.errors} />
      <ol className="space-y-3">
        {items.map((item, i) => {
          const f = (item as FieldMetadata<Item>).getFieldset();
          const n = i + 1;
          const code = f.code.value;
          const names = { n, g: groupNumber };
          return (
            <li key={item.key} className="rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid="list-item">
              <fieldset className="space-y-2">
                <legend className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-700">
                  {fill(t("list.form.item"), { n })}
                  <span className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="item-code">
                    {code ? fill(t("list.form.code"), { code }) : t("list.form.newCode")}
                  </span>
                </legend>
                <input {...getInputProps(f.code, { type: "hidden" })} />
                <Field label={fill(t("list.form.itemLabel"), { n })} htmlFor={f.label.id} errorId={f.label.errorId} errors={f.label.errors}>
                  <textarea {...getTextareaProps(f.label)} rows={2} className={inputClass} />
                </Field>
                <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
                  <Field label={t("list.form.depth")} htmlFor={f.requiredDepth.id} errorId={f.requiredDepth.errorId} errors={f.requiredDepth.errors}>
                    <select {...getSelectProps(f.requiredDepth)} className={inputClass}>
                      <option value="">{t("list.form.depthNone")}</option>
                      {DEPTH_LEVELS.map((depth) => (
                        <option key={depth} value={depth}>
                          {depth} {t(`ref.depth.${depth}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={t("list.form.source")} htmlFor={f.source.id} errorId={f.source.errorId} errors={f.source.errors} hint={t("list.form.sourceHint")}>
                    <textarea {...getTextareaProps(f.source)} rows={2} className={inputClass} />
                  </Field>
                </div>
                <MoveButtons
                  up={{ ...form.reorder.getButtonProps({ name: group.name, from: i, to: i - 1 }), ...move(item.key ?? `${groupNumber}-${i}`, "up"), disabled: i === 0, label: fill(t("list.form.itemUp"), names) }}
                  down={{ ...form.reorder.getButtonProps({ name: group.name, from: i, to: i + 1 }), ...move(item.key ?? `${groupNumber}-${i}`, "down"), disabled: i === items.length - 1, label: fill(t("list.form.itemDown"), names) }}
                  remove={{ ...form.remove.getButtonProps({ name: group.name, index: i }), disabled: items.length === 1, label: fill(t("list.form.itemRemove"), names) }}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button {...form.insert.getButtonProps({ name: group.name, defaultValue: NEW_ITEM })} className={smallButton}>
        + {fill(t("list.form.addItem"), { n: groupNumber })}
      </button>
    </div>
  );
}
