/**
 * Server rendering with the response's CSP nonce on every script Remix writes, and errors
 * logged with the request's reference id (the page shows only the reference).
 */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { dropNulBytes } from "~/utils/html-stream.server";
import { NonceProvider } from "~/utils/nonce";

// The HTTP server (scripts/server.mjs) runs every request in a database scope of its own, which
// the guards fill in (row-level security on PostgreSQL, app/utils/db-scope.server.ts).
export { runWithRequestScope } from "~/utils/db-scope.server";

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
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          // React 18.3 may leave NUL bytes in its stream (see dropNulBytes): they are removed here.
          const body = dropNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (request.headers.get("Cookie")?.includes("maquette_session")) responseHeaders.set("Cache-Control", "no-store");
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
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (request.headers.get("Cookie")?.includes("maquette_session")) response.headers.set("Cache-Control", "no-store");
  return response;
}
