// Writes the national framework's sheets seed/reference-sheets/cncp-niveau-{5,6,7}.json from the
// quoted texts (seed/level-frameworks.ts); never edited by hand. Usage: npm run data:frameworks
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CNCP_LEVELS } from "../app/domain/coverage";
import { referenceSheetSchema } from "../app/domain/reference-data";
import { buildLevelFramework } from "../seed/level-frameworks";
import { SHEETS_DIR } from "../seed/reference-data";

for (const level of CNCP_LEVELS) {
  const sheet = referenceSheetSchema.parse(buildLevelFramework(level));
  writeFileSync(join(SHEETS_DIR, `${sheet.slug}.json`), JSON.stringify(sheet, null, 2) + "\n");
  console.log(`${sheet.slug} : ${sheet.requirements.length} capacités.`);
}
