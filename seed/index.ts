// Seeds DATABASE_URL: npm run db:seed (MAQUETTE_DEMO=off skips the demo school).
import { createDb } from "../app/utils/create-db.server";
import { runSeed } from "./run";

const db = createDb();
try {
  for (const line of await runSeed(db, { demo: process.env.MAQUETTE_DEMO !== "off" })) console.log(line);
} finally {
  await db.$disconnect();
}
