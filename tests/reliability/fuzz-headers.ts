/**
 * Hostile headers for the fuzz suite (decision 020, issue 20): every generated request may carry
 * one of them, on top of its body and address:
 *
 * - `Cookie`: malformed percent-encoding, a huge value, hundreds of cookies, the session cookie's
 *   name twice (a forged one first or last), a broken language cookie;
 * - `Authorization`: a Bearer without token, with spaces, another scheme, a huge one, garbage;
 * - `Accept-Language`: garbage, huge;
 * - `Host`, `X-Forwarded-Host`, `-Proto`, `-For`: another site, a port of this machine where the
 *   suite listens (nothing may ever reach it), an address that cannot be one, huge;
 * - `Content-Type` that says something else than the body, `Content-Length` shorter or longer than
 *   the body, not a number, or twice; `Range`; `If-None-Match`.
 *
 * Header values are bytes a client can send (visible ASCII and Latin-1); the values that name the
 * suite's listening port are symbols, resolved when the request is sent.
 */
import fc from "fast-check";

export type HeaderCase =
  | { kind: "cookie"; variant: "malformed" | "huge" | "many" | "forged-first" | "forged-last" | "language" | "garbage"; text: string }
  | { kind: "authorization"; value: string }
  | { kind: "accept-language"; value: string }
  | { kind: "host"; host: string | "canary"; forwardedHost: string | "canary" | null; forwardedProto: string | null; forwardedFor: string | null }
  | { kind: "content-type"; value: string }
  | { kind: "content-length"; variant: "shorter" | "longer" | "not-a-number" | "twice" }
  | { kind: "range"; value: string }
  | { kind: "if-none-match"; value: string };

/** Bytes a client may put in a header value (Node refuses control characters other than tab). */
const headerText = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength });

const MALFORMED_ENCODINGS = ["%E0%A4%A", "%", "%ZZ", "%C0%AF", "%00", "%F0%9F%98", "%%%"];

const cookie: fc.Arbitrary<HeaderCase> = fc.oneof(
  fc.record({ kind: fc.constant("cookie" as const), variant: fc.constant("malformed" as const), text: fc.constantFrom(...MALFORMED_ENCODINGS) }),
  fc.record({ kind: fc.constant("cookie" as const), variant: fc.constantFrom("huge" as const, "many" as const), text: fc.constantFrom("a", "%", "x=y", "é") }),
  fc.record({ kind: fc.constant("cookie" as const), variant: fc.constantFrom("forged-first" as const, "forged-last" as const), text: fc.oneof(fc.constantFrom(...MALFORMED_ENCODINGS), headerText(60).filter((t) => !/[;,]/.test(t))) }),
  fc.record({ kind: fc.constant("cookie" as const), variant: fc.constant("language" as const), text: fc.oneof(fc.constantFrom(...MALFORMED_ENCODINGS, "en", "\"en\"", "eyJ4IjoxfQ=="), headerText(40).filter((t) => !/[;,]/.test(t))) }),
  fc.record({ kind: fc.constant("cookie" as const), variant: fc.constant("garbage" as const), text: headerText(300) }),
);

const authorization: fc.Arbitrary<HeaderCase> = fc
  .oneof(
    fc.constantFrom("Bearer", "Bearer ", "Bearer  ", "Bearer a b c", "bearer mqt_", "Basic YWRtaW46YWRtaW4=", "Digest username=x", "Token abc", "Bearer %E0%A4%A-longer-than-ten"),
    fc.nat({ max: 3 }).map((n) => `Bearer ${"x".repeat([201, 4_000, 9_000, 20_000][n])}`),
    headerText(200),
  )
  .map((value) => ({ kind: "authorization" as const, value }));

const acceptLanguage: fc.Arbitrary<HeaderCase> = fc
  .oneof(fc.constantFrom("*", "en-GB,en;q=0.9", "fr;q=abc", "q=1", ",,,", "xx-YY;q=2", "en;q=-1, fr;q=1e999"), headerText(200), fc.nat({ max: 2 }).map((n) => "en,".repeat([1_000, 3_000, 6_000][n])))
  .map((value) => ({ kind: "accept-language" as const, value }));

const HOSTS = ["canary", "evil.example", "evil.example:80", "127.0.0.1:1", "[::1]", "localhost", "", "a b", "127.0.0.1:99999", "x".repeat(300), "169.254.169.254"] as const;

const maybe = (values: readonly string[]) => fc.option(fc.constantFrom<string>(...values), { freq: 2 });

const host: fc.Arbitrary<HeaderCase> = fc
  .tuple(
    fc.constantFrom<string>(...HOSTS),
    maybe(HOSTS),
    maybe(["https", "http", "gopher", "https, http", "HTTPS", ""]),
    maybe(["not an address", "1.2.3.4, 5.6.7.8", "::ffff:1.2.3.4", "127.0.0.1", "[::1]:80", "x".repeat(2_000)]),
  )
  .map(([host, forwardedHost, forwardedProto, forwardedFor]) => ({ kind: "host" as const, host, forwardedHost, forwardedProto, forwardedFor }));

const contentType: fc.Arbitrary<HeaderCase> = fc
  .oneof(
    fc.constantFrom(
      "application/json",
      "multipart/form-data",
      "multipart/form-data; boundary=",
      "multipart/form-data; boundary=absent",
      "application/x-www-form-urlencoded; charset=utf-16",
      "text/plain",
      "application/xml",
      "image/png",
      "",
      "application/json; charset=ebcdic",
    ),
    headerText(80),
  )
  .map((value) => ({ kind: "content-type" as const, value }));

const contentLength: fc.Arbitrary<HeaderCase> = fc.constantFrom("shorter" as const, "longer" as const, "not-a-number" as const, "twice" as const).map((variant) => ({ kind: "content-length" as const, variant }));

const range: fc.Arbitrary<HeaderCase> = fc
  .oneof(fc.constantFrom("bytes=0-10", "bytes=-5", "bytes=99999999-", "bytes=abc", "bytes=5-1", "bytes=0-1,2-3,4-5", "items=0-1", "bytes=0-" + "9".repeat(40)), headerText(60))
  .map((value) => ({ kind: "range" as const, value }));

const ifNoneMatch: fc.Arbitrary<HeaderCase> = fc
  .oneof(fc.constantFrom("*", 'W/"x"', '"abc", "def"', '"', "W/", "\"" + "a".repeat(5_000) + "\""), headerText(80))
  .map((value) => ({ kind: "if-none-match" as const, value }));

/** One hostile header, or (most of the time) none. */
export const hostileHeaders: fc.Arbitrary<HeaderCase | null> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.oneof(cookie, authorization, acceptLanguage, host, contentType, contentLength, range, ifNoneMatch) },
);

/** Always one (for the run of hostile headers alone). */
export const someHostileHeader: fc.Arbitrary<HeaderCase> = fc.oneof(cookie, authorization, acceptLanguage, host, contentType, contentLength, range, ifNoneMatch);

export type HeaderPlan = {
  headers: Record<string, string | string[]>;
  /** The Content-Length to send instead of the body's own (given the body's length). */
  contentLength?: (length: number) => string | string[];
  /** The Content-Type to send, whatever the body is. */
  contentType?: string;
  /** A Content-Length longer than the body: the sender gives up; no answer can come, the server must stay well. */
  abandon?: boolean;
};

/**
 * Puts the case's hostile header on a request's headers (`cookie`: the sender's session cookie,
 * if any). `canary`: the address of the port where the suite listens.
 */
export function planHeaders(hostile: HeaderCase | null, headers: Record<string, string>, cookie: string, canary: string): HeaderPlan {
  const plan: HeaderPlan = { headers: { ...headers } };
  const resolve = (value: string) => (value === "canary" ? canary : value);
  if (cookie) plan.headers.Cookie = cookie;
  if (!hostile) return plan;
  switch (hostile.kind) {
    case "cookie": {
      const own = cookie ? [cookie] : [];
      const forged = `maquette_session=${hostile.text}`;
      const values = {
        malformed: [forged, ...own.filter((c) => !c.startsWith("maquette_session="))],
        huge: [...own, `gros=${hostile.text.repeat(hostile.text.length > 1 ? 4_000 : 12_000)}`],
        many: [...own, ...Array.from({ length: 400 }, (_, i) => `c${i}=${hostile.text}`)],
        "forged-first": [forged, ...own],
        "forged-last": [...own, forged],
        language: [...own, `maquette_lang=${hostile.text}`],
        garbage: [...own, hostile.text],
      }[hostile.variant];
      plan.headers.Cookie = values.join("; ");
      break;
    }
    case "authorization":
      plan.headers.Authorization = hostile.value;
      break;
    case "accept-language":
      plan.headers["Accept-Language"] = hostile.value;
      break;
    case "host":
      plan.headers.Host = resolve(hostile.host);
      if (hostile.forwardedHost !== null) plan.headers["X-Forwarded-Host"] = resolve(hostile.forwardedHost);
      if (hostile.forwardedProto !== null) plan.headers["X-Forwarded-Proto"] = hostile.forwardedProto;
      if (hostile.forwardedFor !== null) plan.headers["X-Forwarded-For"] = hostile.forwardedFor;
      break;
    case "content-type":
      plan.contentType = hostile.value;
      break;
    case "content-length":
      if (hostile.variant === "shorter") plan.contentLength = (length) => String(Math.floor(length / 2));
      else if (hostile.variant === "longer") {
        plan.contentLength = (length) => String(length + 100);
        plan.abandon = true;
      } else if (hostile.variant === "not-a-number") plan.contentLength = () => "douze";
      else plan.contentLength = (length) => [String(length), String(length + 1)];
      break;
    case "range":
      plan.headers.Range = hostile.value;
      break;
    case "if-none-match":
      plan.headers["If-None-Match"] = hostile.value;
      break;
  }
  return plan;
}
