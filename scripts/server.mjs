// The production HTTP server: Express serving the Remix build and the static assets, with the
// security headers on every response and the Origin check on every state-changing request.
import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { newNonce, originAllowed, securityHeaders } from "./http-security.mjs";

export async function startServer({ port = Number(process.env.PORT || 3000), host = process.env.HOST } = {}) {
  const build = await import(new URL("../build/index.js", import.meta.url).href);
  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, trust its X-Forwarded-* headers (protocol for Secure cookies,
  // client address for rate limits) only when told to.
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  app.use(compression());
  app.use((req, res, next) => {
    res.locals.requestId = randomUUID();
    res.locals.cspNonce = newNonce();
    res.set(securityHeaders({ nonce: res.locals.cspNonce, secure: req.protocol === "https" }));
    res.set("X-Request-Id", res.locals.requestId);
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
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  const handleRequest = createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, requestId: res.locals.requestId, clientIp: req.ip ?? "unknown" }),
  });
  // Every request gets a database scope of its own (row-level security on PostgreSQL): the
  // guards say which school and person it acts for, and no request ever sees another's.
  const { runWithRequestScope } = build.entry.module;
  app.all("*", (req, res, next) => runWithRequestScope(() => handleRequest(req, res, next)));
  return new Promise((resolveServer) => {
    const server = host ? app.listen(port, host, () => resolveServer(server)) : app.listen(port, () => resolveServer(server));
  });
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
