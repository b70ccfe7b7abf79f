import { createCookie } from "@remix-run/node";
import { isLocale, type Locale } from "~/i18n";

/** Remembers the language a person chose in the header (a preference, not data). */
export const localeCookie = createCookie("maquette_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : "fr";
}
