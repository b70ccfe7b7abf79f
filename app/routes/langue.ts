import { safeRedirect } from "~/components/forms";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale, translator } from "~/i18n";
import { getLocale, localeCookie } from "~/utils/locale.server";
import { readForm } from "~/utils/form-data.server";

/** POST /langue: remembers the chosen language and goes back to the page it came from. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  // Same site only (not "//…" nor "/\…", which browsers read as another site), and short enough for a Location header.
  const safeTarget = safeRedirect(form.get("redirectTo"), "/");
  if (!isLocale(locale)) return Response.json({ error: translator(await getLocale(request))("act.lang.unknown") }, { status: 400 });
  return redirect(safeTarget, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  return redirect("/");
}
