/**
 * Times as a school reads them: in its own time zone (a setting, Europe/Paris by default),
 * with the zone named, so that a reviewer in Cayenne and a manager in Paris read the same
 * instant the same way on every page, the report and its exports. Pure: the zone and the
 * language are parameters.
 */

import { z } from "zod";
import { frenchText } from "./sentences";

export const DEFAULT_TIME_ZONE = "Europe/Paris";

/** Whether the runtime knows this IANA time zone ("Europe/Paris", "America/Cayenne"). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zones a school may choose from, Paris and the overseas departments' first. */
export function timeZoneChoices(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const first = [DEFAULT_TIME_ZONE, "America/Cayenne", "America/Guadeloupe", "America/Martinique", "Indian/Reunion", "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti", "UTC"];
  return [...first, ...all.filter((zone) => !first.includes(zone))];
}

type Language = "fr" | "en";
const INTL_LOCALE: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };

/** "2 déc. 2026, 14:05 (Europe/Paris)": a date and time in the zone, the zone named. */
export function formatDateTime(
  at: string | Date,
  { language, timeZone, dateStyle = "medium" }: { language: Language; timeZone: string; dateStyle?: "short" | "medium" | "long" },
): string {
  const text = new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle, timeStyle: "short", timeZone }).format(new Date(at));
  return `${text} (${timeZone})`;
}

/** "2 décembre 2026": the day it is in the zone at that instant. */
export function formatDay(at: string | Date, { language, timeZone, dateStyle = "long" }: { language: Language; timeZone: string; dateStyle?: "short" | "medium" | "long" }): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle, timeZone }).format(new Date(at));
}

/** "2026-12-02": the day it is in the zone at that instant, as file names and exports write it. */
export function isoDay(at: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The school settings form: one zod schema for the browser and the server. */
export const schoolSettingsSchema = z.object({
  timeZone: z.string({ message: frenchText("school.time_zone_unknown") }).refine(isTimeZone, frenchText("school.time_zone_unknown")),
});
