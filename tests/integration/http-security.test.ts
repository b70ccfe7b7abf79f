import { describe, expect, it } from "vitest";
import { bodyTooLarge, contentSecurityPolicy, MAX_REQUEST_BYTES, originAllowed, securityHeaders } from "../../scripts/http-security.mjs";

const own = "http://127.0.0.1:3000";
const post = { method: "POST", ownOrigin: own };

describe("vérification de l'origine des requêtes qui modifient", () => {
  it("laisse passer les lectures", () => {
    expect(originAllowed({ method: "GET", origin: "https://ailleurs.example", ownOrigin: own })).toBe(true);
  });
  it("refuse un POST d'une autre origine, avec ou sans cookie", () => {
    expect(originAllowed({ ...post, origin: "https://ailleurs.example", cookie: "maquette_session=x" })).toBe(false);
    expect(originAllowed({ ...post, origin: "https://ailleurs.example" })).toBe(false);
    expect(originAllowed({ ...post, referer: "https://ailleurs.example/page", cookie: "a=b" })).toBe(false);
  });
  it("accepte un POST de la même origine", () => {
    expect(originAllowed({ ...post, origin: own, cookie: "maquette_session=x" })).toBe(true);
    expect(originAllowed({ ...post, referer: `${own}/programmes`, cookie: "maquette_session=x" })).toBe(true);
  });
  it("refuse un POST avec cookie sans Origin ni Referer ; accepte un client d'API sans cookie", () => {
    expect(originAllowed({ ...post, cookie: "maquette_session=x" })).toBe(false);
    expect(originAllowed({ ...post })).toBe(true);
    expect(originAllowed({ ...post, cookie: "x=y", authorization: "Bearer mqt_abc" })).toBe(true);
  });
});

describe("en-têtes de sécurité", () => {
  it("une CSP appliquée avec nonce, sans objet ni base ni cadre", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });
  it("HSTS, nosniff et Referrer-Policy", () => {
    const headers = securityHeaders({ nonce: "n", secure: true });
    expect(headers["Strict-Transport-Security"]).toContain("max-age=31536000");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
});

describe("taille des requêtes", () => {
  it("refuse un corps annoncé au-delà de la limite, accepte en deçà ou sans longueur annoncée", () => {
    expect(bodyTooLarge(String(MAX_REQUEST_BYTES + 1))).toBe(true);
    expect(bodyTooLarge(String(MAX_REQUEST_BYTES))).toBe(false);
    expect(bodyTooLarge("0")).toBe(false);
    expect(bodyTooLarge(undefined)).toBe(false);
  });
});
