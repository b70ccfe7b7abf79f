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

/**
 * Arrays and objects nested deeper than this are refused with their place in the file. No
 * reference sheet nests beyond a few levels, and the scanner calls itself once per level: a
 * file of thousands of "[" would otherwise exhaust the stack (a server error, not a message).
 */
export const MAX_JSON_NESTING = 200;

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  let depth = 0;
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
    if (ch === "{" || ch === "[") {
      if (depth >= MAX_JSON_NESTING) fail(`imbrication trop profonde (plus de ${MAX_JSON_NESTING} niveaux)`);
      depth++;
      container(ch);
      depth--;
      return;
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
  const container = (ch: "{" | "["): void => {
    const close = ch === "{" ? "}" : "]";
    i++;
    spaces();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (ch === "{") {
        spaces();
        if (text[i] !== '"') fail("nom de propriété entre guillemets attendu");
        string();
        spaces();
        if (text[i] !== ":") fail("« : » attendu après le nom de propriété");
        i++;
      }
      value();
      spaces();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail(`« , » ou « ${close} » attendu`);
    }
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
