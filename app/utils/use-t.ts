import { useRouteLoaderData } from "@remix-run/react";
import { isLocale, translator, type Locale } from "~/i18n";

/** The locale chosen in the root loader (French when the root data is unavailable). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return isLocale(data?.locale) ? data.locale : "fr";
}

export function useT() {
  return translator(useLocale());
}
