import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { actionsOfKind, describedActions, describeEntry } from "./history";

const row = (entity: string, action: string, before: unknown, after: unknown) => ({ entity, action, before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after) });

describe("historique en phrases", () => {
  it("une case de la matrice se lit avec le module, l'exigence, l'avant et l'après", () => {
    const entry = row("module", "set_mapping", { itemRef: "charge-e-commerce/C2", module: "UE1", depth: 2, assessed: false }, { itemRef: "charge-e-commerce/C2", module: "UE1", depth: 3, assessed: true });
    expect(describeEntry(entry, "fr")).toEqual({ kind: "mapping", text: "a changé charge-e-commerce/C2 pour UE1 : profondeur 2 → profondeur 3, évaluée" });
    expect(describeEntry(entry, "en").text).toBe("changed charge-e-commerce/C2 for UE1: depth 2 → depth 3, assessed");
    expect(describeEntry(row("module", "set_mapping", { itemRef: "T06", module: "UE2", depth: 1, assessed: false }, { itemRef: "T06", module: "UE2", depth: 0, assessed: false }), "fr").text).toBe("a changé T06 pour UE2 : profondeur 1 → aucune");
  });

  it("les décisions d'évaluation citent la version et la note", () => {
    expect(describeEntry(row("programme", "request_changes", { number: 2, status: "submitted" }, { number: 2, status: "changes_requested", note: "Évaluer C1" }), "fr").text).toBe("a demandé des modifications sur la version 2 : « Évaluer C1 »");
    expect(describeEntry(row("programme", "publish_version", null, { number: 3, label: "Dossier 2027" }), "fr")).toEqual({ kind: "version", text: "a publié la version 3 « Dossier 2027 »" });
  });

  it("une action inconnue ou un détail illisible donnent quand même une phrase, sans code interne", () => {
    expect(describeEntry(row("module", "archive_all", null, null), "fr")).toEqual({ kind: null, text: "a fait une modification" });
    expect(describeEntry(row("module", "archive_all", null, null), "en")).toEqual({ kind: null, text: "made a change" });
    expect(describeEntry({ entity: "module", action: "create", before: null, after: "{pas du json" }, "fr").text).toBe("a ajouté le module —");
  });

  it("chaque type de changement filtre sur ses actions", () => {
    expect(actionsOfKind("mapping")).toEqual([{ entity: "module", action: "set_mapping" }]);
    expect(actionsOfKind("review").map((a) => a.action)).toEqual(expect.arrayContaining(["submit_review", "approve", "comment", "edit_comment"]));
    expect(actionsOfKind("module").map((a) => a.action)).not.toContain("set_mapping");
  });

  it("les changements de l'établissement se lisent aussi en phrases, avec les noms", () => {
    const school = (entity: string, action: string, before: unknown, after: unknown) => ({ ...row(entity, action, before, after), programmeId: null });
    expect(describeEntry(school("invitation", "invite", null, { email: "marie@ecole.fr", role: "teacher" }), "fr").text).toBe("a invité marie@ecole.fr (enseignant)");
    expect(describeEntry(school("membership", "change_role", { role: "teacher" }, { role: "manager" }), "en").text).toBe("changed a member's role: teacher → programme manager");
    // The same action within a programme is an invitation to review it.
    expect(describeEntry({ ...row("invitation", "invite", null, { email: "e@x.fr", role: "reviewer" }), programmeId: "p1" }, "fr").text).toBe("a invité e@x.fr à évaluer la formation");
  });

  it("chaque action que l'application écrit au journal a sa phrase", () => {
    // Every `audit(…, { action: "…", entity: "…" })` of the models, read from their source.
    const written = new Set<string>();
    for (const file of readdirSync(join(import.meta.dirname, "..", "models")).filter((name) => name.endsWith(".server.ts"))) {
      const source = readFileSync(join(import.meta.dirname, "..", "models", file), "utf8");
      for (const call of source.matchAll(/audit(?:Sql)?\([^{]*\{([^}]*?)\}/gs)) {
        const action = /action:\s*"(\w+)"/.exec(call[1])?.[1];
        const entity = /entity:\s*"(\w+)"/.exec(call[1])?.[1];
        if (action && entity) written.add(`${entity}:${action}`);
      }
    }
    expect(written.size).toBeGreaterThan(20);
    expect([...written].filter((key) => !describedActions().includes(key))).toEqual([]);
  });
});
