/** What the HTTP server gives every loader and action (scripts/server.mjs). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientIp: string;
    /** Where the answer is kept for the next identical request, when it can be (app/models/kept-answers.server.ts). */
    keptKey?: string | null;
    /** This process's own address (loopback and its port), for its own browser (the report's PDF); never from a request. */
    internalOrigin?: string | null;
  }
}

export {};
