/** One way to turn validation issues into messages that name the field at fault. */
import type { core } from "zod";

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".").replace(/\.\[/g, "[");
}

export function formatZodIssues(issues: readonly core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = issuePath(issue.path);
    return where ? `${where} : ${issue.message}` : issue.message;
  });
}
