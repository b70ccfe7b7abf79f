import { useRouteLoaderData } from "@remix-run/react";
import { formatNumber, formatPercent, isLocale, translator, type Locale } from "~/i18n";
import { DEFAULT_TIME_ZONE, formatDateTime, formatDay } from "~/domain/time-zone";

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

/** The school's time zone, from the root loader (Paris when there is none). */
export function useTimeZone(): string {
  const data = useRouteLoaderData<{ timeZone?: string }>("root");
  return data?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Dates and times in the reader's language and the school's time zone, the zone named. */
export function useDateFormat() {
  const language = useLocale();
  const timeZone = useTimeZone();
  return Object.assign((at: string | Date) => formatDateTime(at, { language, timeZone }), {
    dateTime: (at: string | Date, dateStyle?: "short" | "medium" | "long") => formatDateTime(at, { language, timeZone, dateStyle }),
    day: (at: string | Date, dateStyle?: "short" | "medium" | "long") => formatDay(at, { language, timeZone, dateStyle }),
    timeZone,
  });
}
