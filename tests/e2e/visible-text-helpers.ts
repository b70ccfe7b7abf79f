import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * An internal code (snake_case: `publish_version`, `semester_ects`, `covered_not_assessed`) in
 * a page's visible text. A file name with an underscore between digits (the sheets' source
 * files) or inside an address is not one, nor what a page sets in `code`.
 */
const CODE = /(?<![\p{L}\p{N}_@./-])[a-z]+(?:_[a-z0-9]+)+(?![\p{L}\p{N}_])/gu;

/** The internal codes the page at `path` shows, each with its path (none: an empty list). */
export async function codesOn(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Text set in `code` is shown verbatim on purpose (an API token's first characters, a
  // requirement's reference): it is the person's or the sheet's, not one of the app's codes.
  let text = await page.locator("body").innerText();
  for (const verbatim of await page.locator("code").allInnerTexts()) text = text.replace(verbatim, "");
  return [...text.matchAll(CODE)].map((match) => `${path}: ${match[0]}`);
}
