/**
 * The report's PDF, rendered by Chromium on the server (docs/decisions/047):
 *
 * - **One browser per process**, started at the first render and started again when it dies;
 *   each render has a browser context of its own (its own cookies), closed afterwards.
 * - **Two renders at a time**, each within `PDF_LIMITS.timeoutMs`; the requests that come
 *   meanwhile wait their turn, and past `PDF_LIMITS.maxWaiting` waiting a request is refused at
 *   once (`PdfBusyError`: the route answers 503 with Retry-After).
 * - **A fixed origin**: the page is loaded from the app's own loopback address and port, which
 *   the HTTP server knows (never from the request's Host header); the session cookie is set for
 *   that origin only, and every request of the page to any other origin is aborted.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { QueueFullError, WorkQueue } from "./work-queue";

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function canRenderPdf() {
  return existsSync(chromiumPath());
}

export const PDF_LIMITS = { concurrency: 2, maxWaiting: 16, timeoutMs: 60_000 };

/** The options of the report's PDF: in one place, the one `page.pdf` call reads them. */
export const PDF_OPTIONS = { format: "A4", landscape: true, printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } } as const;

/** Too many renders waiting: try again in `retryAfterSeconds`. */
export class PdfBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Trop de PDF en préparation.");
  }
}

const queue = new WorkQueue(PDF_LIMITS);

let browser: Promise<Browser> | null = null;

/** The process's browser: started once, started again after it died or failed to start. */
function sharedBrowser(): Promise<Browser> {
  if (browser) return browser;
  const starting = chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  browser = starting;
  const forget = () => {
    if (browser === starting) browser = null;
  };
  starting.then((started) => started.on("disconnected", forget), forget);
  return starting;
}

/** The cookies the page is loaded with: set for the internal origin only. */
export type PdfCookie = { name: string; value: string };

/**
 * Renders `path` of the app, loaded from `origin` (the app's own address) with `cookies`, to PDF.
 * Print styles apply; `footerTemplate`, when given, is printed at the foot of every page.
 * Throws `PdfBusyError` when too many renders wait already.
 */
export async function renderPdf({ origin, path, cookies, footerTemplate }: { origin: string; path: string; cookies: PdfCookie[]; footerTemplate?: string }): Promise<Uint8Array> {
  let context: BrowserContext | null = null;
  let timedOut = false;
  const stop = () => {
    timedOut = true;
    void context?.close().catch(() => {});
  };
  try {
    return await queue.add(async () => {
      context = await (await sharedBrowser()).newContext({ serviceWorkers: "block", acceptDownloads: false });
      if (timedOut) throw new Error("Délai dépassé.");
      try {
        await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: origin })));
        // The page may reach its own origin and nothing else.
        await context.route("**/*", (route) => (sameOrigin(route.request().url(), origin) ? route.continue() : route.abort("blockedbyclient")));
        const page = await context.newPage();
        const response = await page.goto(new URL(path, origin).href, { waitUntil: "networkidle", timeout: PDF_LIMITS.timeoutMs });
        if (!response?.ok()) throw new Error(`La page du rapport a répondu ${response?.status()}.`);
        return await page.pdf({ ...PDF_OPTIONS, ...pageFooter(footerTemplate) });
      } finally {
        await context.close().catch(() => {});
      }
    }, stop);
  } catch (error) {
    if (error instanceof QueueFullError) throw new PdfBusyError(error.retryAfterSeconds);
    throw error;
  }
}

function sameOrigin(url: string, origin: string) {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Chromium's options for a footer on every page (`footerTemplate` may hold its
 * `pageNumber` and `totalPages` placeholders): shown in the bottom margin, made room for.
 */
function pageFooter(footerTemplate: string | undefined) {
  if (!footerTemplate) return {};
  return { displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate, margin: { top: "12mm", bottom: "16mm", left: "10mm", right: "10mm" } };
}
