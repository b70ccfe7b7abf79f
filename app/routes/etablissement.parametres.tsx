import { getFormProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, inputClass, Notice, SubmitButton } from "~/components/forms";
import { formatDateTime, schoolSettingsSchema, timeZoneChoices } from "~/domain/time-zone";
import { getSchoolSettings, setSchoolTimeZone } from "~/models/school-settings.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";
import { metaTranslator, useLocale, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.schoolSettings")} · Maquette` }];

/** GET /etablissement/parametres: the school's settings (administrators). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { school } = await requireMembership(request, ["admin"]);
  const settings = await getSchoolSettings({ db, schoolId: school.id });
  return { name: school.name, timeZone: settings?.timeZone ?? school.timeZone, choices: timeZoneChoices(), now: new Date().toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { school, user } = await requireMembership(request, ["admin"]);
  const submission = parseWithZod(await readForm(request), { schema: schoolSettingsSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const outcome = await setSchoolTimeZone({ db, schoolId: school.id, timeZone: submission.value.timeZone, actor: { userId: user.id, schoolId: school.id } });
  return { result: submission.reply(), saved: outcome === "saved" ? submission.value.timeZone : null };
}

export default function SchoolSettings() {
  const t = useT();
  const language = useLocale();
  const { name, timeZone, choices, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { result?: SubmissionResult<string[]>; saved?: string | null } | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "school-settings",
    lastResult: data?.result,
    defaultValue: { timeZone },
    constraint: getZodConstraint(schoolSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schoolSettingsSchema }),
  });
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("school.settings.title")}</h1>
        <p className="text-slate-600">{name}</p>
      </header>
      {data?.saved ? <Notice tone="success">{t("school.settings.saved", { zone: data.saved })}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <Field
          label={t("school.settings.timeZone")}
          htmlFor={fields.timeZone.id}
          errorId={fields.timeZone.errorId}
          errors={fields.timeZone.errors}
          hint={t("school.settings.timeZoneHint", { example: formatDateTime(now, { language, timeZone }) })}
        >
          <select {...getSelectProps(fields.timeZone)} key={timeZone} className={inputClass}>
            {choices.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </Field>
        <SubmitButton pending={navigation.state === "submitting"}>{t("school.settings.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
