// The production HTTP server: Express serving the Remix build and the static assets.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

export async function startServer({ port = Number(process.env.PORT || 3000), host = process.env.HOST } = {}) {
  const build = await import(new URL("../build/index.js", import.meta.url).href);
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return new Promise((resolveServer) => {
    const server = host ? app.listen(port, host, () => resolveServer(server)) : app.listen(port, () => resolveServer(server));
  });
}
