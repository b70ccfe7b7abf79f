// Rebuilds seed/frameworks/knowledge-domains.json from the sheets (never edited by hand).
// Usage: npm run data:catalogue
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildKnowledgeCatalogue, FRAMEWORKS_DIR, readReferenceSheets } from "../seed/reference-data";

const catalogue = buildKnowledgeCatalogue(readReferenceSheets());
writeFileSync(join(FRAMEWORKS_DIR, "knowledge-domains.json"), JSON.stringify(catalogue, null, 2) + "\n");
console.log(`Catalogue des connaissances : ${catalogue.length} domaines.`);
