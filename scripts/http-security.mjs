// HTTP security shared by every response (OWASP ASVS 5.0 V3, V4): the headers with a
// per-request Content-Security-Policy nonce, and the Origin check that refuses cross-site
// state-changing requests. Pure functions, unit-tested in tests/integration/http-security.test.ts.
import { randomBytes } from "node:crypto";

export function newNonce() {
  return randomBytes(16).toString("base64");
}

/** @param {string} nonce */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-elem 'self'",
    // Bars and heatmaps set widths in style attributes; no style element or sheet from elsewhere.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * @param {{ nonce: string, secure: boolean }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ nonce, secure }) {
  const headers = {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  // HSTS is honoured only over https; browsers ignore it on http.
  headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  if (!secure) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change data as far as its origin goes. Safe methods always may.
 * A state-changing request that carries cookies must come from our own origin (Origin
 * header, or Referer when a browser sent no Origin). A request without cookies (an API
 * client with a Bearer token, a script) carries no ambient authority to abuse.
 */
/**
 * @param {{ method: string, origin?: string, referer?: string, cookie?: string, authorization?: string, ownOrigin: string }} request
 * @returns {boolean}
 */
export function originAllowed({ method, origin, referer, cookie, authorization, ownOrigin }) {
  if (SAFE_METHODS.has(method)) return true;
  if (origin) return origin === ownOrigin;
  if (referer) {
    try {
      return new URL(referer).origin === ownOrigin;
    } catch {
      return false;
    }
  }
  if (authorization && /^Bearer\s/i.test(authorization)) return true;
  return !cookie;
}

/**
 * The largest request body accepted, in bytes: the imports take files of 20 Mo, plus the
 * form around them. A larger body is refused before any of it is read.
 */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

/**
 * Whether a request announces a body larger than the server accepts. (A chunked body
 * announces no length: each route's own limit applies to it as it is read.)
 * @param {string | undefined} contentLength
 */
export function bodyTooLarge(contentLength) {
  return contentLength !== undefined && /^\d+$/.test(contentLength) && Number(contentLength) > MAX_REQUEST_BYTES;
}
