/**
 * A small HTTP client for the reliability suites: real requests, the session cookie kept like
 * a browser keeps it, and our Origin on every request (the server refuses a state-changing
 * request with cookies from elsewhere). Lighter than a browser context, so that fifty clients
 * or a hundred thousand requests cost little.
 *
 * Connections are kept alive, as a browser keeps them: a server that answers before reading a
 * large body (401, 413) then reads and discards the rest, and the answer arrives. Like a
 * browser, a request whose reused connection turns out to be closed already (ECONNRESET
 * before any answer) is sent again once on a new connection: that is the connection's fault,
 * not the server's.
 */
import { Agent, request as httpRequest, type ClientRequest } from "node:http";
import { codeFor, rememberSecret } from "./totp";

const keepAlive = new Agent({ keepAlive: true });

export type FilePart = { fileName: string; type: string; bytes: Uint8Array | string };

export type RequestBody =
  | { form: [string, string][] }
  | { json: unknown }
  | { raw: string | Uint8Array; type?: string }
  | { multipart: [string, string | FilePart][] };

export type Answer = {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown;
};

export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly options: { origin?: string | null; headers?: Record<string, string>; timeoutMs?: number } = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /**
   * `contentType`, `contentLength`: sent as given instead of the body's own (a hostile request);
   * `abandon`: the body is shorter than announced, so the sender gives up after a moment on a
   * connection of its own (status 0: no answer can come).
   */
  async send(
    method: string,
    path: string,
    init: { body?: RequestBody; headers?: Record<string, string | string[]>; origin?: string | null; contentType?: string; contentLength?: string | string[] | ((length: number) => string | string[]); abandon?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string | string[]> = { ...this.options.headers, ...init.headers };
    const origin = init.origin !== undefined ? init.origin : this.options.origin !== undefined ? this.options.origin : this.baseUrl;
    if (origin) headers.Origin = origin;
    if (this.cookies.size) headers.Cookie = this.cookieHeader;
    let body: BodyInit | undefined;
    const given = init.body;
    if (given && "form" in given) {
      const params = new URLSearchParams();
      for (const [key, value] of given.form) params.append(key, value);
      body = params;
    } else if (given && "json" in given) {
      body = JSON.stringify(given.json);
      headers["Content-Type"] ??= "application/json";
    } else if (given && "raw" in given) {
      body = typeof given.raw === "string" ? given.raw : new Blob([given.raw as Uint8Array<ArrayBuffer>]);
      if (given.type) headers["Content-Type"] ??= given.type;
    } else if (given && "multipart" in given) {
      const form = new FormData();
      for (const [key, value] of given.multipart) {
        if (typeof value === "string") form.append(key, value);
        else form.append(key, new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: value.type }), value.fileName);
      }
      body = form;
    }
    // Let the platform encode the body (multipart boundaries included), then send it ourselves.
    const declared = headers["Content-Type"];
    const encoded = new Request(new URL(path, this.baseUrl), { method, headers: typeof declared === "string" && declared ? { "Content-Type": declared } : {}, body });
    const payload = method === "GET" || method === "HEAD" ? new Uint8Array() : new Uint8Array(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type");
    if (type) headers["Content-Type"] = type;
    if (init.contentType !== undefined) headers["Content-Type"] = init.contentType;
    const declaredLength = typeof init.contentLength === "function" ? init.contentLength(payload.length) : init.contentLength;
    const url = new URL(path, this.baseUrl);
    const attempt = (agent: Agent | false) =>
      new Promise<{ status: number; headers: Headers; setCookies: string[]; bytes: Uint8Array }>((resolveAnswer, reject) => {
        let answer: { status: number; headers: Headers; setCookies: string[]; chunks: Buffer[] } | null = null;
        const finish = () => answer && resolveAnswer({ ...answer, bytes: new Uint8Array(Buffer.concat(answer.chunks)) });
        const outgoing: ClientRequest = httpRequest(url, { method, agent, headers: { ...headers, "Content-Length": declaredLength ?? String(payload.length) } }, (incoming) => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined && name !== "set-cookie") responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          answer = { status: incoming.statusCode ?? 0, headers: responseHeaders, setCookies: incoming.headers["set-cookie"] ?? [], chunks: [] };
          incoming.on("data", (chunk: Buffer) => answer!.chunks.push(chunk));
          incoming.on("end", finish);
          incoming.on("error", () => finish());
        });
        outgoing.setTimeout(this.options.timeoutMs ?? 120_000, () => outgoing.destroy(new Error("pas de réponse dans le délai")));
        outgoing.on("error", (error: Error & { code?: string }) => {
          if (answer) finish();
          else reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket }));
        });
        outgoing.end(payload);
        if (init.abandon) setTimeout(() => outgoing.destroy(new Error("abandonnée")), 300);
      });
    if (init.abandon) {
      const late = await attempt(false).catch(() => null);
      return { status: late?.status ?? 0, headers: late?.headers ?? new Headers(), bytes: new Uint8Array(), text: "", json: () => undefined };
    }
    const separate = declaredLength !== undefined;
    const response = await (separate ? attempt(false) : attempt(keepAlive)).catch((error: Error & { code?: string; reusedSocket?: boolean }) => {
      if (error.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")) return attempt(false);
      throw error;
    });
    for (const cookie of response.setCookies) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair.trim().split("=");
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value.join("="));
    }
    const bytes = response.bytes;
    const text = new TextDecoder().decode(bytes);
    return {
      status: response.status,
      headers: response.headers,
      bytes,
      text,
      json() {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return undefined;
        }
      },
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.send("GET", path, { headers });
  }

  post(path: string, body?: RequestBody, headers?: Record<string, string>) {
    return this.send("POST", path, { body, headers });
  }

  /**
   * Signs in through the sign-in form; throws unless the server answers with the redirect. An
   * account with a second factor types its code (tests/support/totp.ts); one that must set one up
   * (an administrator) does it there, as a person would, and the secret is remembered.
   */
  async signIn(email: string, password: string) {
    const answer = await this.post("/connexion", { form: [["email", email], ["password", password]] });
    if (answer.status !== 302) throw new Error(`Connexion de ${email} refusée (${answer.status}) : ${answer.text.slice(0, 200)}`);
    if (answer.headers.get("location") !== "/connexion/second-facteur") return this;
    const step = await this.get("/connexion/second-facteur");
    const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(step.text)?.[1];
    if (secret) rememberSecret(email, secret);
    const done = await this.post("/connexion/second-facteur", { form: [["code", await codeFor(email)]] });
    if (done.status !== (secret ? 200 : 302)) throw new Error(`Second facteur de ${email} refusé (${done.status}) : ${done.text.slice(0, 200)}`);
    return this;
  }
}
