import { createDb, type Db } from "~/utils/create-db.server";

export type { Db };

declare global {
  var __maquetteDb: Db | undefined;
}

/** The one Prisma client of the app process, kept across development rebuilds. */
export const db: Db = (globalThis.__maquetteDb ??= createDb());
