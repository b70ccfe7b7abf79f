/**
 * Server rendering with the response's CSP nonce on every script Remix writes, and errors
 * logged with the request's reference id (the page shows only the reference).
 */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from "react-dom/server";
import { keepAnswer } from "~/models/kept-answers.server";
import { dropNulBytes } from "~/utils/html-stream.server";
import { Recent } from "~/utils/recent.server";
import { NonceProvider } from "~/utils/nonce";

// The HTTP server (scripts/server.mjs) runs every request in a database scope of its own, which
// the guards fill in (row-level security on PostgreSQL, app/utils/db-scope.server.ts).
export { runWithRequestScope } from "~/utils/db-scope.server";
// It asks for an answer kept in front of Remix first (docs/decisions/030).
export { keptAnswer } from "~/models/kept-answers.server";

const ABORT_DELAY = 5_000;

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // A refusal (4xx: no such route, a route id that does not match) is the sender's mistake, not an incident.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const reference = (context as AppLoadContext | undefined)?.requestId ?? "inconnue";
  console.error(`[erreur ${reference}] ${request.method} ${new URL(request.url).pathname.slice(0, 200)}`, error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  if (request.headers.get("Cookie")?.includes("maquette_session")) responseHeaders.set("Cache-Control", "no-store");
  const slot = renderedPageSlot(request, responseStatusCode, remixContext);
  if (slot) return renderOnce(slot, request, responseStatusCode, responseHeaders, remixContext, { nonce, requestId: loadContext?.requestId ?? "", keptKey: loadContext?.keptKey });
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe } = renderApp(request, remixContext, nonce, {
      [callback]() {
        shellRendered = true;
        // React 18.3 may leave NUL bytes in its stream (see dropNulBytes): they are removed here.
        const body = dropNulBytes();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
  });
}

/** Starts rendering the app, with the response's nonce on every script; given up after ABORT_DELAY. */
function renderApp(request: Request, remixContext: EntryContext, nonce: string, options: RenderToPipeableStreamOptions) {
  const stream = renderToPipeableStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    { nonce, ...options },
  );
  setTimeout(stream.abort, ABORT_DELAY);
  return stream;
}

/**
 * Pages rendered already, kept by the route's loader data (the very object its loader returned:
 * a route that opts in returns the same object for the same inputs, and drops it when they
 * change), then by the address and the other routes' data (docs/decisions/029). A page is a
 * pure function of those, of the build, and of the response's CSP nonce, which is put back.
 */
const RENDERED = new WeakMap<object, Recent<{ html: string; nonce: string; requestId: string }>>();

type Slot = { data: object; key: string };

/** Where a page goes among the rendered pages, if its route keeps them (`handle.keepRendered`). */
function renderedPageSlot(request: Request, status: number, remixContext: EntryContext): Slot | null {
  const context = remixContext.staticHandlerContext;
  if (request.method !== "GET" || status !== 200 || context.errors || context.actionData) return null;
  const leaf = context.matches[context.matches.length - 1];
  if (!leaf || (remixContext.routeModules[leaf.route.id]?.handle as { keepRendered?: boolean } | undefined)?.keepRendered !== true) return null;
  const data = context.loaderData[leaf.route.id] as unknown;
  if (!data || typeof data !== "object") return null;
  // The request's own reference (root data, shown only on an error page) is put back like the nonce.
  const others = JSON.stringify(context.matches.slice(0, -1).map((m) => context.loaderData[m.route.id] ?? null), (name, value: unknown) => (name === "requestId" ? undefined : value));
  return { data, key: `${request.url}\n${others}` };
}

async function renderOnce(slot: Slot, request: Request, status: number, headers: Headers, remixContext: EntryContext, { nonce, requestId, keptKey }: { nonce: string; requestId: string; keptKey?: string | null }) {
  headers.set("Content-Type", "text/html; charset=utf-8");
  let pages = RENDERED.get(slot.data);
  if (!pages) RENDERED.set(slot.data, (pages = new Recent(20)));
  const kept = pages.get(slot.key);
  if (kept) {
    // The data is in the page already: what Remix prepared to stream it again is not needed.
    void remixContext.serverHandoffStream?.cancel().catch(() => {});
    const html = kept.html.replaceAll(`nonce="${kept.nonce}"`, `nonce="${nonce}"`).replaceAll(kept.requestId, requestId);
    await keepAnswer(keptKey, { request, status, headers, text: html, values: { nonce, requestId } });
    return new Response(html, { headers, status });
  }
  let failed = false;
  const html = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = dropNulBytes();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    body.on("error", reject);
    const { pipe } = renderApp(request, remixContext, nonce, {
      onAllReady: () => pipe(body),
      onShellError: reject,
      onError(error: unknown) {
        failed = true;
        console.error(error);
      },
    });
  });
  // A page whose rendering failed somewhere is sent as it is, with its error status, and not kept.
  if (failed) return new Response(html, { headers, status: 500 });
  if (requestId.length >= 32 && nonce.length >= 16) {
    pages.set(slot.key, { html, nonce, requestId });
    await keepAnswer(keptKey, { request, status, headers, text: html, values: { nonce, requestId } });
  }
  return new Response(html, { headers, status });
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (request.headers.get("Cookie")?.includes("maquette_session")) response.headers.set("Cache-Control", "no-store");
  return response;
}
