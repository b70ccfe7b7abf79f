/** One way to turn validation issues into messages that name the field at fault. */
import type { core } from "zod";
import { translateText, type Language } from "./sentences";

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".").replace(/\.\[/g, "[");
}

/** The issues as « field : message », in French unless told otherwise. */
export function formatZodIssues(issues: readonly core.$ZodIssue[], language: Language = "fr"): string[] {
  return issues.map((issue) => {
    const where = issuePath(issue.path);
    const message = translateText(issue.message, language);
    if (!where) return message;
    return language === "fr" ? `${where} : ${message}` : `${where}: ${message}`;
  });
}
