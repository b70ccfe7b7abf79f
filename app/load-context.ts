/** What the HTTP server gives every loader and action (scripts/server.mjs). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientIp: string;
  }
}

export {};
