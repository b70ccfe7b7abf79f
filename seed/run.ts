/**
 * The seed step: loads the reference data (idempotent: an unchanged file changes nothing, a
 * changed file becomes a new version of its sheet), then the demo school when the database
 * holds no school yet, unless MAQUETTE_DEMO=off. Returns the lines it prints.
 */
import type { Db } from "../app/utils/create-db.server";
import { saveFrameworks, saveSheetVersion } from "../app/models/reference-sheet.server";
import { addLevelFrameworkTargets } from "../app/models/level-frameworks.server";
import { readReferenceData } from "./reference-data";
import { seedDemo } from "./demo";

export async function runSeed(db: Db, options: { demo: boolean }): Promise<string[]> {
  const lines: string[] = [];
  const data = readReferenceData();
  const frameworks = await saveFrameworks(db, data.transversal, data.knowledge);
  lines.push(
    `Ressources transverses : ${data.transversal.length} (${frameworks.transversal} créées ou modifiées)`,
    `Domaines de connaissances : ${data.knowledge.length} (${frameworks.knowledge} créés ou modifiés)`,
  );
  for (const sheet of data.sheets) {
    const result = await saveSheetVersion(db, sheet, "seed");
    lines.push(
      result.status === "created"
        ? `Fiche ${result.slug} : version ${result.version} chargée (${sheet.requirements.length} exigences)`
        : `Fiche ${result.slug} : inchangée (version ${result.version})`,
    );
  }
  const framed = await addLevelFrameworkTargets(db);
  if (framed) lines.push(`Cadre national du niveau ajouté aux cibles de ${framed} formation(s)`);
  if (!options.demo) {
    lines.push("Données de démonstration : désactivées (MAQUETTE_DEMO=off)");
  } else if ((await db.school.count()) > 0) {
    lines.push("Données de démonstration : la base contient déjà un établissement, rien à faire");
  } else {
    lines.push(...(await seedDemo(db)));
  }
  return lines;
}
