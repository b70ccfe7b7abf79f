import { test as base, expect } from "@playwright/test";

/** Every test talks to the app started by global-setup.ts. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL manquant : le serveur de test n'a pas démarré.");
    await use(url);
  },
});

export { expect };
