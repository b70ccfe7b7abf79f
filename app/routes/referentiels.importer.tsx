import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { unstable_parseMultipartFormData, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Notice, SubmitButton } from "~/components/forms";
import { RncpImport, type RncpAnswer } from "~/components/rncp-import";
import { importSheetFile } from "~/models/reference-sheet.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireSheetImporter } from "~/utils/reference-sheet-request.server";
import { importRncpForm } from "~/models/rncp-import.server";
import { fill, translator } from "~/i18n";
import { getLocale } from "~/utils/locale.server";
import { metaTranslator, useT } from "~/utils/use-t";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("title.importSheet")} · Maquette` }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, ["admin"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, school } = await requireSheetImporter(request);
  const locale = await getLocale(request);
  if (new URL(request.url).searchParams.has("rncp")) {
    const rncp = await importRncpForm(request, { userId: user.id, schoolId: school.id }, locale);
    return Response.json({ rncp }, { status: rncp.status === "invalid" ? 400 : 200 });
  }
  const t = translator(locale);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch {
    return Response.json({ errors: [t("imp.sheet.tooLarge")] }, { status: 400 });
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return Response.json({ errors: [t("imp.sheet.noFile")] }, { status: 400 });
  const result = await importSheetFile({ db, fileName: file.name, text: await file.text(), actor: { userId: user.id, schoolId: school.id }, language: locale });
  if (result.status === "invalid") return Response.json({ errors: result.errors }, { status: 400 });
  return Response.json({ result });
}

export default function ImportSheet() {
  const data = useActionData<typeof action>() as { errors?: string[]; result?: { slug: string; version: number; status: string }; rncp?: RncpAnswer } | undefined;
  const navigation = useNavigation();
  const t = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("imp.sheet.title")}</h1>
      <p className="text-slate-700">{t("imp.sheet.intro")}</p>
      {data?.errors ? (
        <Notice tone="error">
          <p>{t("imp.sheet.nothingSaved")}</p>
          <ul className="mt-1 list-inside list-disc" data-testid="import-errors">
            {data.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {data?.result ? (
        <Notice tone="success">
          {fill(t(data.result.status === "created" ? "imp.sheet.created" : "imp.sheet.unchanged"), { version: data.result.version, slug: data.result.slug })}{" "}
          <Link className="underline" to={`/referentiels/${data.result.slug}`}>
            {t("imp.sheet.see")}
          </Link>
        </Notice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <label htmlFor="file" className="block text-sm font-medium">
          {t("imp.sheet.file")}
        </label>
        <input id="file" name="file" type="file" accept=".json,application/json" required className="block" />
        <SubmitButton pending={navigation.state === "submitting"}>{t("imp.sheet.submit")}</SubmitButton>
      </Form>
      <RncpImport answer={data?.rncp} pending={navigation.state === "submitting" && navigation.formAction?.includes("rncp") === true} />
    </section>
  );
}
