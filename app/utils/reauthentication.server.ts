/**
 * Re-authentication before sensitive changes made in the browser (docs/decisions/046): the
 * person must have proved who they are (password or second factor) in this session within the
 * last 10 minutes. Otherwise the change they sent is kept, they confirm on `/confirmer`, and the
 * change is then carried out exactly as they sent it (files included), with nothing to type again.
 *
 * Each sensitive action reads its form with `sensitiveForm` (which gives back the kept form when
 * the person comes back from confirming) and calls `requireRecentAuthentication` before it
 * writes. Requests with an API token never come here: the token was made with the password.
 */
import { redirect } from "@remix-run/node";
import { keepPendingConfirmation, takePendingConfirmation } from "~/models/security.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-data.server";

export const REAUTHENTICATION_MS = 10 * 60_000;
/** How long a kept change waits for the confirmation. */
export const PENDING_MS = 15 * 60_000;
/** The query parameter of the request that carries a kept change back to its action. */
export const RESUME_PARAMETER = "reprise";
export const CONFIRM_PATH = "/confirmer";

type Session = { sessionId: string; authenticatedAt: Date };

/** Whether the session's proof of who the person is is recent enough for a sensitive change. */
export function recentlyAuthenticated(session: Pick<Session, "authenticatedAt">, now = new Date()) {
  return now.getTime() - session.authenticatedAt.getTime() < REAUTHENTICATION_MS;
}

/**
 * The form of a sensitive action: the one kept for this session when the request comes back from
 * `/confirmer` (`?reprise=<the kept change's mark>`), else the request's own (read by `read`,
 * `readForm` by default). A later form sent from the page, whose address still carries the mark,
 * finds nothing kept under it any more and is read as it is.
 */
export async function sensitiveForm(request: Request, session: Session, read: () => Promise<FormData> = () => readForm(request)): Promise<FormData> {
  const url = new URL(request.url);
  const mark = url.searchParams.get(RESUME_PARAMETER);
  if (!mark) return read();
  url.searchParams.delete(RESUME_PARAMETER);
  const kept = await takePendingConfirmation({ db, sessionId: session.sessionId, mark, maxAgeMs: PENDING_MS });
  // Only for the address it was sent to (Remix takes `?index` out of an action's address).
  return kept && withoutIndex(kept.path) === withoutIndex(pathOf(url)) ? formFromJson(kept.form) : read();
}

/**
 * The guard: returns when the person proved who they are within the last 10 minutes; otherwise
 * keeps `formData` for this session and sends them to confirm (a redirect to `/confirmer`).
 * `index`: the action is an index route's (the way back needs `?index`).
 */
export async function requireRecentAuthentication(request: Request, session: Session, formData: FormData, { index = false }: { index?: boolean } = {}) {
  if (recentlyAuthenticated(session)) return;
  const url = new URL(request.url);
  url.searchParams.delete(RESUME_PARAMETER);
  if (index) url.searchParams.set("index", "");
  await keepPendingConfirmation({ db, sessionId: session.sessionId, path: pathOf(url), form: await formToJson(formData) });
  throw redirect(CONFIRM_PATH);
}

/** Where the kept change goes back to, once confirmed: its path, with the kept change's mark. */
export function resumeAddress(path: string, mark: string) {
  const url = new URL(path, "http://maquette.invalid");
  url.searchParams.set(RESUME_PARAMETER, mark);
  return `${url.pathname}${url.search.replace(/index=(&|$)/, "index$1")}`;
}

const pathOf = (url: URL) => `${url.pathname}${url.search.replace(/index=(&|$)/, "index$1")}`;

function withoutIndex(path: string) {
  const url = new URL(path, "http://maquette.invalid");
  url.searchParams.delete("index");
  return `${url.pathname}${url.search}`;
}

type Entry = [string, string] | [string, { name: string; type: string; base64: string }];

async function formToJson(formData: FormData): Promise<string> {
  const entries: Entry[] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string") entries.push([name, value]);
    else entries.push([name, { name: value.name, type: value.type, base64: Buffer.from(await value.arrayBuffer()).toString("base64") }]);
  }
  return JSON.stringify(entries);
}

function formFromJson(json: string): FormData {
  const formData = new FormData();
  for (const [name, value] of JSON.parse(json) as Entry[]) {
    if (typeof value === "string") formData.append(name, value);
    else formData.append(name, new File([Buffer.from(value.base64, "base64")], value.name, { type: value.type }));
  }
  return formData;
}
