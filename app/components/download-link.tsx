/**
 * A download link that shows its progress: with JavaScript, the file is fetched by the page,
 * which shows a progress bar (indeterminate until bytes arrive, by bytes when the server gives
 * Content-Length) and a status line announced to screen readers, then saves the file under
 * the name the server gave. Without JavaScript, or with a modifier key, it is a plain link.
 */
import { useState, type MouseEvent, type ReactNode } from "react";
import { fill, type MessageKey } from "~/i18n";
import { useNumberFormat, useT } from "~/utils/use-t";

type State =
  | { stage: "idle" }
  | { stage: "loading"; received: number; total: number | null }
  | { stage: "done"; name: string }
  | { stage: "failed"; reason: string };

/** The file name of a Content-Disposition header (attachment; filename="x.pdf"), if any. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match ? match[1] : null;
}

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has taken the file once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DownloadLink({
  href,
  fileName,
  waitingMessage,
  className,
  children,
}: {
  href: string;
  /** The name used when the server does not give one. */
  fileName: string;
  /** What the status line says while the server prepares the file ("Génération du PDF…"). */
  waitingMessage: MessageKey;
  className: string;
  children: ReactNode;
}) {
  const t = useT();
  const format = useNumberFormat();
  const [state, setState] = useState<State>({ stage: "idle" });

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state.stage === "loading") return;
    setState({ stage: "loading", received: 0, total: null });
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        const text = (await response.text()).trim();
        setState({ stage: "failed", reason: text.length > 0 && text.length < 500 ? text : `HTTP ${response.status}` });
        return;
      }
      const length = Number(response.headers.get("Content-Length"));
      const total = Number.isFinite(length) && length > 0 ? length : null;
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.length;
          setState({ stage: "loading", received, total });
        }
      } else {
        chunks.push(new Uint8Array(await response.arrayBuffer()));
      }
      const name = fileNameOf(response.headers.get("Content-Disposition")) ?? fileName;
      saveBlob(new Blob(chunks as BlobPart[], { type: response.headers.get("Content-Type") ?? "application/octet-stream" }), name);
      setState({ stage: "done", name });
    } catch (error) {
      setState({ stage: "failed", reason: (error as Error).message });
    }
  }

  let status = "";
  if (state.stage === "loading") status = state.received > 0 ? fill(t("rep.download.received"), { received: format.number(Math.round(state.received / 1024)) }) : t(waitingMessage);
  if (state.stage === "done") status = fill(t("rep.download.done"), { name: state.name });
  if (state.stage === "failed") status = fill(t("rep.download.failed"), { reason: state.reason });

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <a href={href} onClick={download} aria-busy={state.stage === "loading"} className={className}>
        {children}
      </a>
      {state.stage === "loading" ? (
        <progress
          className="h-1.5 w-40"
          aria-label={t(waitingMessage)}
          max={state.total ?? undefined}
          value={state.total && state.received > 0 ? Math.min(state.received, state.total) : undefined}
        />
      ) : null}
      <span role="status" className={`text-xs ${state.stage === "failed" ? "text-rose-700" : "text-slate-600"}`}>
        {status}
      </span>
    </span>
  );
}
