/**
 * The requests that import an RNCP fiche: the import page's form (with or without JavaScript),
 * its reading of an export with progress (the list of fiches to search, then the import), and
 * the API. Each reads the export to disk, imports or lists, then removes it. Called by the
 * routes right after their guard.
 */
import { renderSentence, sentence, type Language } from "~/domain/sentences";
import { db } from "~/utils/db.server";
import { scanRncpExport } from "~/utils/rncp-export.server";
import { MAX_EXPORT_BYTES, progressAnswer, receiveExportBody, receiveExportForm, type ReceivedExport } from "~/utils/rncp-upload.server";
import type { Actor } from "./audit.server";
import { importRncpFiche } from "./certification.server";
import type { ImportResult } from "./reference-sheet.server";

export type RncpImportAnswer = ImportResult & { format?: "xml" | "csv" };

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value.trim() : "");

function refusal(received: ReceivedExport, language: Language): RncpImportAnswer | null {
  if (received.tooLarge) return { status: "invalid", errors: [renderSentence(sentence("rncp.too_large", { max: MAX_EXPORT_BYTES / 1024 ** 3 }), language)] };
  if (!received.file) return { status: "invalid", errors: [renderSentence(sentence("sheet.file_empty"), language)] };
  return null;
}

async function importFrom(received: ReceivedExport, input: { fiche: string; exportDate: string; actor: Actor; language: Language; onProgress?: (read: number, total: number) => void }): Promise<RncpImportAnswer> {
  const refused = refusal(received, input.language);
  if (refused) return refused;
  return importRncpFiche({ db, file: received.file!, fiche: input.fiche, exportDate: input.exportDate || undefined, actor: input.actor, language: input.language, onProgress: input.onProgress });
}

/** The import page's form sent without JavaScript: fields file, fiche and (optional) exportDate. */
export async function importRncpForm(request: Request, actor: Actor, language: Language): Promise<RncpImportAnswer> {
  const received = await receiveExportForm(request);
  try {
    return await importFrom(received, { fiche: text(received.fields.get("fiche")), exportDate: text(received.fields.get("exportDate")), actor, language });
  } finally {
    await received.dispose();
  }
}

/**
 * The import page's reading with JavaScript: `intent=scan` lists the fiches of the file (the
 * search box filters them in the browser), `intent=import` imports one; both report progress.
 */
export async function rncpProgressAnswer(request: Request, actor: Actor, language: Language): Promise<Response> {
  const received = await receiveExportForm(request);
  const intent = text(received.fields.get("intent"));
  const refused = refusal(received, language);
  if (refused) {
    await received.dispose();
    return Response.json({ result: refused }, { status: received.tooLarge ? 413 : 400 });
  }
  return progressAnswer(async (report) => {
    if (intent !== "scan") return importFrom(received, { fiche: text(received.fields.get("fiche")), exportDate: text(received.fields.get("exportDate")), actor, language, onProgress: report });
    const scanned = await scanRncpExport(received.file!, report);
    if (!scanned.ok) return { status: "invalid", errors: scanned.errors.map((e) => renderSentence(e, language)) };
    const { ok: _ok, ...catalogue } = scanned;
    return { status: "catalogue", ...catalogue };
  }, received.dispose);
}

/** POST /api/v1/reference-sheets?fiche=RNCPnnnnn: the export as the body. */
export async function importRncpBody(request: Request, actor: Actor, language: Language): Promise<Response> {
  const url = new URL(request.url);
  const received = await receiveExportBody(request, url.searchParams.get("filename") ?? "export-rncp");
  try {
    if (received.tooLarge) return Response.json({ error: renderSentence(sentence("rncp.too_large", { max: MAX_EXPORT_BYTES / 1024 ** 3 }), language) }, { status: 413 });
    const result = await importFrom(received, { fiche: url.searchParams.get("fiche") ?? "", exportDate: url.searchParams.get("exportDate") ?? "", actor, language });
    if (result.status === "invalid") return Response.json({ error: language === "en" ? "Fiche refused: nothing was saved." : "Fiche refusée : rien n'a été enregistré.", problems: result.errors }, { status: 400 });
    return Response.json(result, { status: result.status === "created" ? 201 : 200 });
  } finally {
    await received.dispose();
  }
}
