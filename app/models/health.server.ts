import { db } from "~/utils/db.server";
import { countReferenceSheets } from "./reference-sheet.server";

export type Health = {
  status: "ok" | "error";
  database: "ok" | "error";
  referenceSheets?: number;
  schools?: number;
  time: string;
};

/** Asks the database a real question (counts), so a broken file or schema shows. */
export async function checkHealth(): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const [referenceSheets, schools] = await Promise.all([countReferenceSheets(db), db.school.count()]);
    return { status: "ok", database: "ok", referenceSheets, schools, time };
  } catch (error) {
    console.error("healthz: database check failed", error);
    return { status: "error", database: "error", time };
  }
}
