import { useRouteLoaderData } from "@remix-run/react";
import { formatNumber, formatPercent, isLocale, translator, type Locale } from "~/i18n";

/** The locale chosen in the root loader (French when the root data is unavailable). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: string }>("root");
  return isLocale(data?.locale) ? data.locale : "fr";
}

export function useT() {
  return translator(useLocale());
}

/** Numbers and percentages in the reader's language. */
export function useNumberFormat() {
  const locale = useLocale();
  return { number: (value: number) => formatNumber(value, locale), percent: (ratio: number) => formatPercent(ratio, locale) };
}

/**
 * The translator of a route's `meta` function, which cannot use hooks: the locale comes from
 * the root loader's data among the matches.
 */
export function metaTranslator(matches: readonly { id: string; data?: unknown }[]) {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : "fr");
}
