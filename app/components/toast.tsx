/**
 * A short confirmation after a save: announced to screen readers (role="status"), closed by
 * its button, gone by itself after a few seconds. A redirect after a save adds
 * `?enregistre=<what>` to the page it goes to; `SavedToast`, in the root, shows it and takes
 * the parameter out of the address.
 */
import { useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/use-t";

export const SAVED_PARAM = "enregistre";

const SAVED_MESSAGES = {
  "formation-creee": "toast.programmeCreated",
  "formation-enregistree": "toast.programmeSaved",
  "formation-supprimee": "toast.programmeDeleted",
  "module-ajoute": "toast.moduleAdded",
  "module-enregistre": "toast.moduleSaved",
  "role-modifie": "toast.memberRoleChanged",
  "membre-retire": "toast.memberRemoved",
  "invitation-revoquee": "toast.invitationRevoked",
  "module-supprime": "prog.modules.deleted",
  "module-deplace": "prog.modules.moved",
  "module-duplique": "prog.modules.duplicated",
  "formation-importee": "toast.programmeImported",
  "version-publiee": "toast.versionPublished",
  "fichier-importe": "imp.into.saved",
  "liste-creee": "list.toast.created",
  "liste-enregistree": "list.toast.saved",
  "liste-publiee": "list.toast.published",
} as const satisfies Record<string, MessageKey>;
export type SavedWhat = keyof typeof SAVED_MESSAGES;

/** A path with `?enregistre=<what>` added, for the redirect after a save. */
export function withSaved(path: string, what: SavedWhat) {
  return `${path}${path.includes("?") ? "&" : "?"}${SAVED_PARAM}=${what}`;
}

export function isSavedWhat(value: unknown): value is SavedWhat {
  return typeof value === "string" && Object.hasOwn(SAVED_MESSAGES, value);
}

const SHOWN_FOR_MS = 6000;

export function Toast({ what }: { what: SavedWhat }) {
  const t = useT();
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setOpen(false), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!open) return null;
  return (
    <div
      role="status"
      data-testid="toast"
      className="fixed right-4 bottom-4 z-50 flex max-w-sm items-start gap-3 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 shadow-lg ring-1 ring-emerald-200"
    >
      <span aria-hidden="true">✓</span>
      <p className="flex-1">{t(SAVED_MESSAGES[what])}</p>
      <button type="button" onClick={() => setOpen(false)} className="rounded px-1 text-emerald-900 hover:bg-emerald-100" aria-label={t("toast.close")}>
        ×
      </button>
    </div>
  );
}

/**
 * The toast of `?enregistre=` in the address, shown once per navigation. The parameter is then
 * taken out of the address (the router's history state kept), so that reloading the page or
 * sharing its address does not confirm the save again.
 */
export function SavedToast() {
  const [search] = useSearchParams();
  const location = useLocation();
  const what = search.get(SAVED_PARAM);
  useEffect(() => {
    if (what === null) return;
    const url = new URL(window.location.href);
    url.searchParams.delete(SAVED_PARAM);
    window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  }, [location.key, what]);
  return isSavedWhat(what) ? <Toast key={location.key} what={what} /> : null;
}
