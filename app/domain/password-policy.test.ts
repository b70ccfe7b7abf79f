import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("règles de mot de passe", () => {
  it("8 caractères au moins, 128 au plus, sans règle de composition", () => {
    expect(passwordProblem("court")).toBe("Le mot de passe doit compter au moins 8 caractères.");
    expect(passwordProblem("tout en minuscules sans chiffre")).toBeNull();
    expect(passwordProblem("é".repeat(128))).toBeNull();
    expect(passwordProblem("x".repeat(129))).toBe("Le mot de passe ne peut dépasser 128 caractères.");
  });
  it("refuse les mots de passe les plus courants, quelle que soit la casse", () => {
    expect(passwordProblem("Azerty123")).toContain("plus courants");
    expect(passwordProblem("motdepasse")).toContain("plus courants");
    expect(passwordProblem("password1")).toContain("plus courants");
  });
  it("refuse l'adresse électronique comme mot de passe", () => {
    expect(passwordProblem("jeanne.dupont", { email: "jeanne.dupont@ecole.fr" })).toContain("adresse");
  });
});
