/**
 * A small HTTP client for the reliability suites: real requests, the session cookie kept like
 * a browser keeps it, and our Origin on every request (the server refuses a state-changing
 * request with cookies from elsewhere). Lighter than a browser context, so that fifty clients
 * or a hundred thousand requests cost little.
 *
 * One connection per request (`Connection: close`): a pooled keep-alive connection that the
 * server has just closed makes the next POST fail with ECONNRESET on the client's side, which
 * a browser retries silently; the suites must not mistake that for a server fault.
 */
import { request as httpRequest } from "node:http";

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

  async send(method: string, path: string, init: { body?: RequestBody; headers?: Record<string, string>; origin?: string | null } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...this.options.headers, ...init.headers };
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
    const encoded = new Request(new URL(path, this.baseUrl), { method, headers, body });
    const payload = method === "GET" || method === "HEAD" ? new Uint8Array() : new Uint8Array(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type");
    if (type) headers["Content-Type"] = type;
    const response = await new Promise<{ status: number; headers: Headers; setCookies: string[]; bytes: Uint8Array }>((resolveAnswer, reject) => {
      const url = new URL(path, this.baseUrl);
      let answer: { status: number; headers: Headers; setCookies: string[]; chunks: Buffer[] } | null = null;
      const finish = () => answer && resolveAnswer({ ...answer, bytes: new Uint8Array(Buffer.concat(answer.chunks)) });
      const outgoing = httpRequest(url, { method, agent: false, headers: { ...headers, "Content-Length": String(payload.length) } }, (incoming) => {
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
      // A server may answer (413, 401...) before it has read a large body, then close the
      // connection while the body is still being sent: the answer counts, not the broken write.
      outgoing.on("error", (error) => (answer ? finish() : reject(error)));
      outgoing.end(payload);
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

  /** Signs in through the sign-in form; throws unless the server answers with the redirect. */
  async signIn(email: string, password: string) {
    const answer = await this.post("/connexion", { form: [["email", email], ["password", password]] });
    if (answer.status !== 302) throw new Error(`Connexion de ${email} refusée (${answer.status}) : ${answer.text.slice(0, 200)}`);
    return this;
  }
}
