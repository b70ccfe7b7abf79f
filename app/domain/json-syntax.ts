/**
 * Finds where a JSON text breaks, as a line and a column a person can go to. Node's
 * JSON.parse does not always say where (Node 20 often quotes the text instead), so this
 * small scanner walks the JSON grammar and stops at the first fault.
 */
export type JsonSyntaxError = { line: number; column: number; message: string };

class Fault extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (message: string): never => {
    throw new Fault(i, message);
  };
  const spaces = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail("séquence d'échappement invalide");
        continue;
      }
      if (ch < " ") fail("caractère de contrôle (retour à la ligne ?) dans une chaîne");
      i++;
    }
    fail("chaîne non terminée (guillemet fermant manquant)");
  };
  const value = (): void => {
    spaces();
    const ch = text[i];
    if (ch === "{") {
      i++;
      spaces();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        spaces();
        if (text[i] !== '"') fail("nom de propriété entre guillemets attendu");
        string();
        spaces();
        if (text[i] !== ":") fail("« : » attendu après le nom de propriété");
        i++;
        value();
        spaces();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail("« , » ou « } » attendu");
      }
    }
    if (ch === "[") {
      i++;
      spaces();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        spaces();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail("« , » ou « ] » attendu");
      }
    }
    if (ch === '"') return string();
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.exec(text)) fail("nombre invalide");
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(ch === undefined ? "fin de fichier inattendue" : `caractère inattendu « ${ch} »`);
  };
  try {
    value();
    spaces();
    if (i < text.length) fail("contenu inattendu après la fin du document JSON");
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const before = text.slice(0, error.index).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1, message: error.message };
  }
}
