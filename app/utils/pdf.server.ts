import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function canRenderPdf() {
  return existsSync(chromiumPath());
}

/**
 * Renders a page of the app to PDF with Chromium, as the person asking (their cookie), so
 * the PDF shows exactly what the printable page shows. Print styles apply.
 */
export async function renderPdf({ url, cookie, footerTemplate }: { url: string; cookie: string | null; footerTemplate?: string }): Promise<Uint8Array> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    if (cookie) await page.setExtraHTTPHeaders({ Cookie: cookie });
    const response = await page.goto(url, { waitUntil: "networkidle" });
    if (!response?.ok()) throw new Error(`La page du rapport a répondu ${response?.status()}.`);
    return await page.pdf({ format: "A4", landscape: true, printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" }, ...pageFooter(footerTemplate) });
  } finally {
    await browser.close();
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
