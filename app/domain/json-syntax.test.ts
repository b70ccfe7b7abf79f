import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, MAX_JSON_NESTING } from "./json-syntax";

describe("la localisation d'une erreur de syntaxe JSON", () => {
  it("accepte un JSON valide", () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"], "b": {}}')).toBeNull();
  });

  it("donne la ligne et la colonne de la faute", () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n  "b": }')).toMatchObject({ line: 3, column: 8 });
    expect(findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, message: "« , » ou « } » attendu" });
    expect(findJsonSyntaxError('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(findJsonSyntaxError('{"a": "pas fini')).toMatchObject({ message: "chaîne non terminée (guillemet fermant manquant)" });
    expect(findJsonSyntaxError("[1, 2]  x")).toMatchObject({ line: 1, column: 9 });
    expect(findJsonSyntaxError("")).toMatchObject({ line: 1, column: 1, message: "fin de fichier inattendue" });
  });

  it("est d'accord avec JSON.parse sur ce qui est valide", () => {
    for (const text of ["{}", "[]", '"x"', "01", "[1,]", '{"a":1 "b":2}', "tru", "1.", "-", '{"a":"\t"}', "[\"\\x\"]", "  42  "]) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(text) === null, text).toBe(valid);
    }
  });

  it("refuse une imbrication de milliers de niveaux en disant où, sans épuiser la pile", () => {
    expect(findJsonSyntaxError(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toEqual({
      line: 1,
      column: MAX_JSON_NESTING + 1,
      message: `imbrication trop profonde (plus de ${MAX_JSON_NESTING} niveaux)`,
    });
    expect(findJsonSyntaxError(`${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`)).toMatchObject({ message: `imbrication trop profonde (plus de ${MAX_JSON_NESTING} niveaux)` });
    expect(findJsonSyntaxError(`${"[".repeat(MAX_JSON_NESTING)}${"]".repeat(MAX_JSON_NESTING)}`)).toBeNull();
  });
});
