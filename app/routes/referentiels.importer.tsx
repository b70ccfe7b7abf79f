import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { unstable_parseMultipartFormData, unstable_createMemoryUploadHandler } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Notice, SubmitButton } from "~/components/forms";
import { importSheetFile } from "~/models/reference-sheet.server";
import { requireMembership } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Importer un référentiel · Maquette" }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, ["admin"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, school } = await requireMembership(request, ["admin"]);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch {
    return Response.json({ errors: ["Fichier trop volumineux (5 Mo au plus) ou envoi illisible."] }, { status: 400 });
  }
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return Response.json({ errors: ["Choisissez un fichier JSON (format Maquette ou CASE)."] }, { status: 400 });
  const result = await importSheetFile({ db, fileName: file.name, text: await file.text(), actor: { userId: user.id, schoolId: school.id } });
  if (result.status === "invalid") return Response.json({ errors: result.errors }, { status: 400 });
  return Response.json({ result });
}

export default function ImportSheet() {
  const data = useActionData<typeof action>() as { errors?: string[]; result?: { slug: string; version: number; status: string } } | undefined;
  const navigation = useNavigation();
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Importer un référentiel</h1>
      <p className="text-slate-700">
        Un fichier JSON au format Maquette (export « JSON » d'une fiche) ou un paquet CASE 1.1 (CFPackage). Un fichier invalide est refusé en entier, avec la ligne ou le champ en
        cause ; une fiche déjà connue devient une nouvelle version, l'ancienne reste consultable.
      </p>
      {data?.errors ? (
        <Notice tone="error">
          <p>Rien n'a été enregistré :</p>
          <ul className="mt-1 list-inside list-disc" data-testid="import-errors">
            {data.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {data?.result ? (
        <Notice tone="success">
          {data.result.status === "created" ? `Version ${data.result.version} de « ${data.result.slug} » enregistrée.` : `« ${data.result.slug} » est inchangée (version ${data.result.version}).`}{" "}
          <Link className="underline" to={`/referentiels/${data.result.slug}`}>
            Voir la fiche
          </Link>
        </Notice>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <label htmlFor="file" className="block text-sm font-medium">
          Fichier (JSON, 5 Mo au plus)
        </label>
        <input id="file" name="file" type="file" accept=".json,application/json" required className="block" />
        <SubmitButton pending={navigation.state === "submitting"}>Importer</SubmitButton>
      </Form>
    </section>
  );
}
