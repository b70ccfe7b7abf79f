// The production HTTP server: Express serving the Remix build and the static assets, with the
// security headers on every response, a ceiling on request bodies, and the Origin check on
// every state-changing request.
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { bodyTooLarge, MAX_REQUEST_BYTES, newNonce, originAllowed, securityHeaders } from "./http-security.mjs";

export async function startServer({ port = Number(process.env.PORT || 3000), host = process.env.HOST } = {}) {
  const build = await import(new URL("../build/index.js", import.meta.url).href);
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, trust its X-Forwarded-* headers (protocol for Secure cookies,
  // client address for rate limits) only when told to.
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());
  app.use((req, res, next) => {
    res.on("finish", () => dropUnreadBody(req));
    res.locals.requestId = randomUUID();
    res.locals.cspNonce = newNonce();
    res.set(securityHeaders({ nonce: res.locals.cspNonce, secure: req.protocol === "https" }));
    res.set("X-Request-Id", res.locals.requestId);
    if (bodyTooLarge(req.get("content-length"))) {
      // Nothing of the body is kept: Node reads and discards it, so the sender receives this answer.
      res.status(413).type("text/plain; charset=utf-8").send(`Requête trop volumineuse : ${MAX_REQUEST_BYTES / 1024 / 1024} Mo au plus.`);
      return;
    }
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const allowed = originAllowed({
      method: req.method,
      origin: req.get("origin"),
      referer: req.get("referer"),
      cookie: req.get("cookie"),
      authorization: req.get("authorization"),
      ownOrigin,
    });
    if (!allowed) {
      res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne vient pas de Maquette (origine différente).");
      return;
    }
    next();
  });
  // The app's own address, for its own browser (the report's PDF): known once listening, never
  // read from a request's Host header (docs/decisions/047).
  let internalOrigin = null;
  const handleRequest = createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, requestId: res.locals.requestId, clientIp: req.ip ?? "unknown", keptKey: res.locals.keptKey, internalOrigin }),
  });
  // Every request gets a database scope of its own (row-level security on PostgreSQL): the
  // guards say which school and person it acts for, and no request ever sees another's.
  const { runWithRequestScope, keptAnswer } = build.entry.module;
  // The addresses whose answers may be kept (app/models/kept-answers.server.ts) are never files:
  // answered before the static files are looked up on disk (a stat per request). The kept
  // answer is asked for there only.
  app.get(["/programmes/:id/couverture", "/api/v1/programmes/:id/coverage"], (req, res, next) =>
    runWithRequestScope(async () => {
      if (req.method === "GET" && (await answerKept(keptAnswer, req, res))) return;
      return handleRequest(req, res, next);
    }),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", (req, res, next) => runWithRequestScope(() => handleRequest(req, res, next)));
  // Errors raised before the app runs (an address that cannot be decoded: "/programmes/%E0%A4%A")
  // are the sender's: a 400 with a sentence, not Express's page.
  app.use((error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = Number(error?.status ?? error?.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      res.status(status).type("text/plain; charset=utf-8").send("Requête mal formée : l'adresse ou le contenu ne peut pas être lu.");
      return;
    }
    console.error(`[erreur ${res.locals.requestId}] ${req.method} ${req.path.slice(0, 200)}`, error);
    res.status(500).type("text/plain; charset=utf-8").send(`Erreur interne. Référence de l'incident : ${res.locals.requestId}`);
  });
  return new Promise((resolveServer) => {
    const listening = () => {
      internalOrigin = ownLoopbackOrigin(server.address());
      resolveServer(server);
    };
    const server = host ? app.listen(port, host, listening) : app.listen(port, listening);
    server.on("clientError", answerUnreadableRequest);
  });
}

/**
 * The address this process answers on from the machine itself: the address it listens on, or
 * the loopback address when it listens on every interface.
 */
export function ownLoopbackOrigin(address) {
  if (!address || typeof address !== "object") return null;
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

/**
 * The coverage page or API of an unchanged programme, as it was answered before, checked and
 * sent without Remix (app/models/kept-answers.server.ts, docs/decisions/030). False when Remix
 * must answer; `res.locals.keptKey` then says where its answer may be kept.
 */
async function answerKept(keptAnswer, req, res) {
  const headers = new Headers();
  for (const name of ["cookie", "authorization", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  let request;
  try {
    request = new Request(`${req.protocol}://${req.get("X-Forwarded-Host") ?? req.get("host")}${req.originalUrl}`, { headers });
  } catch {
    return false; // an address that cannot be read: Remix refuses it
  }
  let found;
  try {
    found = await keptAnswer(request, { nonce: res.locals.cspNonce, requestId: res.locals.requestId });
  } catch (error) {
    // Remix answers instead, with the same guards: a refusal, or the error page with its reference.
    console.error(`[réponse gardée ${res.locals.requestId}]`, error);
    return false;
  }
  res.locals.keptKey = found.key;
  if (!found.body) return false;
  res.status(200).set(found.headers).set({ "Content-Length": String(found.body.length), "X-Maquette-Answer": "kept" });
  res.end(found.body);
  return true;
}

/**
 * A request Node cannot parse (an address or headers above its 16 KB limit, a broken request
 * line) never reaches the app. Node's own answer is a bare status and a closed socket: the
 * sender, still sending its body, gets a connection reset instead of any answer. Here it gets a
 * sentence, and what it still sends is read and dropped until it is done, so it can read it.
 */
const answered = new WeakSet();

function answerUnreadableRequest(error, socket) {
  // Node's parser goes on reading what the sender still sends, and reports each failure again.
  if (answered.has(socket)) return;
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLong = error.code === "HPE_HEADER_OVERFLOW";
  const text = tooLong
    ? "Requête refusée : son adresse ou ses en-têtes sont trop longs (16 Ko au plus). Envoyez les données dans le corps de la requête."
    : "Requête mal formée : elle ne peut pas être lue.";
  const status = tooLong ? "431 Request Header Fields Too Large" : "400 Bad Request";
  answered.add(socket);
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  socket.on("error", () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), 10_000).unref();
}

/**
 * A request refused before its body was read (a 401, a 404, a locked draft) leaves the rest of
 * the body on the connection once the body's reader has started: Node then waits for it to be
 * read before it parses the connection's next request, and the sender's next page hangs until
 * the connection times out (5 s). What is left is read and dropped instead.
 */
function dropUnreadBody(req) {
  if (req.complete || req.destroyed) return;
  req.removeAllListeners("data");
  req.on("data", () => {});
  req.resume();
}

/**
 * Serves until SIGINT or SIGTERM, then stops taking requests and exits. Every app process is
 * stateless (sessions, rate limits and data live in the database), so any number of them can
 * serve one database behind one address.
 */
export async function serveUntilStopped() {
  const server = await startServer();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : process.env.PORT;
  console.log(`Maquette est prête : http://localhost:${port}`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
  return server;
}

/** The same, under the name the crash test's direct start uses. */
export const serve = serveUntilStopped;

// `node scripts/server.mjs` serves the build on DATABASE_URL as the database is (no migration,
// no seed: `npm start` does those first).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.NODE_ENV ??= "production";
  await serveUntilStopped();
}
