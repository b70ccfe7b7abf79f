/**
 * The import page's RNCP section: an export file, a fiche picked by its number or by a search
 * over the titles in the file, and the reading's progress. Without JavaScript the form imports
 * the fiche whose number is typed; with it, the file is read once to list its fiches (the search
 * box filters them here), then once more to import the one chosen, each with a progress bar.
 */
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { inputClass, Notice, SubmitButton } from "~/components/forms";
import { searchCatalogue, type CatalogueEntry } from "~/domain/rncp-fiche";
import { fill } from "~/i18n";
import { useT } from "~/utils/use-t";

export type RncpAnswer =
  | { status: "created" | "unchanged"; slug: string; version: number; format?: "xml" | "csv" }
  | { status: "invalid"; errors: string[] };
type Catalogue = { status: "catalogue"; format: "xml" | "csv"; exportDate: string | null; fileName: string; fiches: CatalogueEntry[] };
type Line = { progress?: { read: number; total: number }; result?: RncpAnswer | Catalogue; failure?: true };

const PROGRESS_URL = "/referentiels/importer/rncp";

export function RncpImport({ answer, pending }: { answer?: RncpAnswer; pending: boolean }) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [stage, setStage] = useState<{ phase: "upload" | "read"; percent: number } | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<RncpAnswer | undefined>(answer);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => setResult(answer), [answer]);
  const matches = useMemo(() => (catalogue ? searchCatalogue(catalogue.fiches, query, 30) : []), [catalogue, query]);

  function send(intent: "scan" | "import", fiche?: string) {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    data.set("intent", intent);
    if (fiche) data.set("fiche", fiche);
    setFailure(null);
    setResult(undefined);
    if (intent === "scan") setCatalogue(null);
    setStage({ phase: "upload", percent: 0 });
    const request = new XMLHttpRequest();
    let seen = 0;
    let last: Line | null = null;
    const readLines = (all = false) => {
      const text = request.responseText;
      const end = all ? text.length : text.lastIndexOf("\n") + 1;
      for (const raw of text.slice(seen, end).split("\n").filter(Boolean)) {
        const line = JSON.parse(raw) as Line;
        if (line.progress) setStage({ phase: "read", percent: line.progress.total ? Math.min(100, Math.round((line.progress.read / line.progress.total) * 100)) : 0 });
        else last = line;
      }
      seen = end;
    };
    request.open("POST", PROGRESS_URL);
    request.upload.onprogress = (event) => event.lengthComputable && setStage({ phase: "upload", percent: Math.round((event.loaded / event.total) * 100) });
    request.upload.onload = () => setStage({ phase: "read", percent: 0 });
    request.onprogress = () => readLines();
    request.onload = () => {
      setStage(null);
      try {
        readLines(true);
      } catch {
        last = null;
      }
      const outcome = (last as Line | null)?.result;
      if (!outcome) {
        setFailure(t("imp.rncp.failed"));
        return;
      }
      if (outcome.status === "catalogue") setCatalogue(outcome);
      else setResult(outcome);
    };
    request.onerror = () => {
      setStage(null);
      setFailure(t("imp.rncp.interrupted"));
    };
    request.send(data);
  }

  const percent = (value: number) => `${value} %`;
  return (
    <section aria-labelledby="rncp-title" className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="rncp-title" className="text-xl font-semibold">
        {t("imp.rncp.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("imp.rncp.intro")}</p>
      {result?.status === "invalid" ? (
        <Notice tone="error">
          <p>{t("imp.sheet.nothingSaved")}</p>
          <ul className="mt-1 list-inside list-disc" data-testid="rncp-errors">
            {result.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {result && result.status !== "invalid" ? (
        <Notice tone="success">
          <span data-testid="rncp-result">
            {fill(t(result.status === "created" ? "imp.rncp.created" : "imp.rncp.unchanged"), { number: `RNCP${result.slug.slice(5)}`, version: result.version, slug: result.slug })}
          </span>{" "}
          <a className="underline" href={`/referentiels/${result.slug}`}>
            {t("imp.rncp.see")}
          </a>
          {result.format === "csv" ? <p className="mt-1">{t("imp.rncp.csvNote")}</p> : null}
        </Notice>
      ) : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Form
        ref={formRef}
        method="post"
        action="?rncp"
        encType="multipart/form-data"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          send("import");
        }}
      >
        <div>
          <label htmlFor="rncp-file" className="block text-sm font-medium">
            {t("imp.rncp.file")}
          </label>
          <input
            id="rncp-file"
            name="file"
            type="file"
            required
            accept=".xml,.zip,application/xml,text/xml,application/zip"
            className="mt-1 block"
            onChange={() => {
              setCatalogue(null);
              setResult(undefined);
            }}
          />
        </div>
        {hydrated ? (
          <button type="button" onClick={() => send("scan")} disabled={stage !== null} className="rounded-md border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50">
            {t("imp.rncp.read")}
          </button>
        ) : null}
        {stage ? (
          <div role="status">
            <label htmlFor="rncp-progress" className="block text-sm text-slate-700">
              {fill(t(stage.phase === "upload" ? "imp.rncp.uploading" : "imp.rncp.reading"), { percent: percent(stage.percent) })}
            </label>
            <progress id="rncp-progress" max={100} value={stage.percent} aria-label={t("imp.rncp.progress")} className="h-2 w-full" />
          </div>
        ) : null}
        {catalogue ? (
          <div className="space-y-2" data-testid="rncp-catalogue">
            <p className="text-sm text-slate-600">
              {fill(t("imp.rncp.fileRead"), { count: catalogue.fiches.length, file: catalogue.fileName, format: catalogue.format.toUpperCase(), date: catalogue.exportDate ?? t("imp.rncp.noDate") })}
            </p>
            <label className="block text-sm font-medium">
              {t("imp.rncp.search")}
              <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} className={inputClass} />
            </label>
            {query.trim() ? (
              <p className="text-sm text-slate-600" role="status">
                {matches.length ? fill(t("imp.rncp.matches"), { count: matches.length, total: catalogue.fiches.length }) : t("imp.rncp.noMatch")}
              </p>
            ) : null}
            <ul className="divide-y divide-slate-100">
              {matches.map((entry) => (
                <li key={entry.number} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-fiche={entry.number}>
                  <code className="font-semibold">{entry.number}</code>
                  <span className="flex-1">{entry.title}</span>
                  <span className="text-slate-600">{entry.level === null ? t("imp.rncp.noLevel") : fill(t("imp.rncp.levelOf"), { level: entry.level })}</span>
                  <span className="text-slate-600">{entry.certifiers.join(", ")}</span>
                  <span className="text-slate-500">{fill(t("imp.rncp.blocCount"), { count: entry.blocs })}</span>
                  <button type="button" onClick={() => send("import", entry.number)} disabled={stage !== null} className="rounded-md bg-brand-700 px-3 py-1 text-white hover:bg-brand-600 disabled:opacity-50">
                    {fill(t("imp.rncp.importThis"), { number: entry.number })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="rncp-fiche" className="block text-sm font-medium">
              {t("imp.rncp.number")}
            </label>
            <input id="rncp-fiche" name="fiche" className={inputClass} placeholder="RNCP37873" />
          </div>
          <div>
            <label htmlFor="rncp-date" className="block text-sm font-medium">
              {t("imp.rncp.exportDate")}
            </label>
            <input id="rncp-date" name="exportDate" type="date" className={inputClass} />
          </div>
        </div>
        <SubmitButton pending={pending || stage !== null}>{t("imp.rncp.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
