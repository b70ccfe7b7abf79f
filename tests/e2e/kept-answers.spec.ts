import type { APIResponse, Response } from "@playwright/test";
import { expect, signIn, test, DEMO, apiToken, bearer, createOneModuleProgramme } from "./fixtures";

// The coverage page and API of an unchanged programme are answered in front of Remix, from
// what was answered before (docs/decisions/030): the same bytes, with this response's nonce.

const KEPT = "x-maquette-answer";
const nonceOf = (response: Response | APIResponse) => /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";

/** The page with this response's own values (nonce, reference id) put back to fixed words. */
async function withoutOwnValues(response: Response) {
  const body = await response.text();
  const nonce = nonceOf(response);
  expect(nonce.length).toBeGreaterThan(10);
  expect(body).toContain(`nonce="${nonce}"`);
  return body.replaceAll(nonce, "NONCE").replaceAll(response.headers()["x-request-id"], "REFERENCE");
}

test("la page de couverture gardée est la même page, avec le nonce de chaque réponse ; elle suit les changements et n'est plus servie après la déconnexion", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, "BTS page gardée");
  const path = `/programmes/${id}/couverture`;
  const refused: string[] = [];
  page.on("console", (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));
  const figures = () => Promise.all(["figure-covered", "figure-partial", "figure-missing"].map((testId) => page.getByTestId(testId).textContent()));
  const fromApi = async () => {
    const api = (await (await request.get(`/api/v1/programmes/${id}/coverage`, { headers: bearer(token) })).json()) as { summary: { counts: Record<string, number> } };
    return [api.summary.counts.covered, api.summary.counts.partial, api.summary.counts.missing].map(String);
  };

  const rendered = (await page.goto(path))!;
  expect(rendered.headers()[KEPT]).toBeUndefined();
  const renderedPage = await withoutOwnValues(rendered);
  const kept = (await page.reload())!;
  expect(kept.headers()[KEPT]).toBe("kept");
  expect(nonceOf(kept)).not.toBe(nonceOf(rendered));
  expect(await withoutOwnValues(kept)).toBe(renderedPage);

  // The kept page's scripts run (its nonce is the response's): a suggestion can be applied.
  const before = await fromApi();
  expect(await figures()).toEqual(before);
  await page.getByRole("button", { name: "Appliquer" }).first().click();
  await expect.poll(fromApi).not.toEqual(before);
  const changed = await fromApi();
  // The first page after the change is rendered again, then kept; both show the change.
  const afterChange = (await page.reload())!;
  expect(afterChange.headers()[KEPT]).toBeUndefined();
  expect(await figures()).toEqual(changed);
  expect((await page.reload())!.headers()[KEPT]).toBe("kept");
  expect(await figures()).toEqual(changed);
  expect(refused).toEqual([]);

  // Another address (another level) is another answer.
  expect((await page.goto(`${path}?niveau=6`))!.headers()[KEPT]).toBeUndefined();

  // Signed out: the same cookie gets the sign-in page, not the kept page.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.goto(path);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByTestId("app-header").getByRole("link", { name: "Se connecter" })).toBeVisible();
  const signedOut = await request.get(path, { headers: { Cookie: cookie }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(302);
  expect(signedOut.headers().location).toContain("/connexion");
});

test("la réponse gardée de l'API est la même, par langue, et n'est plus servie à un jeton révoqué", async ({ page, request }) => {
  await signIn(page, DEMO.manager);
  const token = await apiToken(request, DEMO.manager);
  const id = await createOneModuleProgramme(request, token, "BTS réponse gardée");
  const url = `/api/v1/programmes/${id}/coverage?sheet=charge-e-commerce&level=5`;

  const computed = await request.get(url, { headers: bearer(token) });
  expect(computed.status()).toBe(200);
  expect(computed.headers()[KEPT]).toBeUndefined();
  const kept = await request.get(url, { headers: bearer(token) });
  expect(kept.headers()[KEPT]).toBe("kept");
  expect(kept.headers()["content-type"]).toContain("application/json");
  expect(await kept.json()).toEqual(await computed.json());

  // In English, another answer: computed, then kept, in English.
  const english = async () => request.get(url, { headers: { ...bearer(token), "Accept-Language": "en" } });
  const firstEnglish = await english();
  expect(firstEnglish.headers()[KEPT]).toBeUndefined();
  const keptEnglish = await english();
  expect(keptEnglish.headers()[KEPT]).toBe("kept");
  expect(await keptEnglish.json()).toEqual(await firstEnglish.json());
  expect(await keptEnglish.text()).not.toBe(await kept.text());

  // The token revoked from the account page: 401, not the kept answer.
  await page.goto("/compte");
  page.once("dialog", (dialog) => void dialog.accept());
  const row = page.getByRole("listitem").filter({ hasText: `${token.slice(0, 10)}…` });
  await row.getByRole("button", { name: "Révoquer" }).click();
  await expect(row).toHaveCount(0);
  const refused = await request.get(url, { headers: bearer(token) });
  expect(refused.status()).toBe(401);
  expect(refused.headers()[KEPT]).toBeUndefined();
});
