import { describe, expect, it } from "vitest";
import { renderSentence } from "~/domain/sentences";
import { MAX_UNZIPPED_BYTES, readFirstSheetRows, SpreadsheetError, writeWorkbook } from "~/utils/xlsx.server";
import { zipBomb, zipOf } from "../support/zip";

describe("classeurs XLSX", () => {
  it("relit ce qu'il a écrit, texte et accents compris, et neutralise les formules", async () => {
    const rows = [
      ["module_code", "module_title", "ects"],
      ["UE1", "Économie numérique, « bases »", "4,5"],
      ["UE2", "=HYPERLINK(\"x\")", "3"],
    ];
    const buffer = await writeWorkbook([{ name: "Formation", rows }]);
    const back = await readFirstSheetRows(buffer);
    expect(back).toEqual([rows[0], rows[1], ["UE2", "'=HYPERLINK(\"x\")", "3"]]);
  });

  it("refuse un fichier qui n'est pas un classeur", async () => {
    await expect(readFirstSheetRows(Buffer.from("module_code,module_title\n"))).rejects.toThrow(SpreadsheetError);
  });

  it("refuse une bombe zip (quelques dizaines de Ko qui se décompressent en 48 Mo) avec une phrase, même si l'archive ment sur sa taille", async () => {
    for (const declaredSize of [undefined, 1000]) {
      const bomb = zipBomb(48, declaredSize);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const refused = await readFirstSheetRows(bomb).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SpreadsheetError);
      expect((refused as Error).message).toBe(`Ce classeur est trop volumineux une fois décompressé (${MAX_UNZIPPED_BYTES / 1024 / 1024} Mo au plus) : découpez-le, ou enregistrez-le en CSV.`);
      expect(renderSentence((refused as SpreadsheetError).sentence, "en")).toBe(`This workbook is too large once unzipped (${MAX_UNZIPPED_BYTES / 1024 / 1024} MB at most): split it, or save it as CSV.`);
    }
  });

  it("refuse une archive tronquée ou aux en-têtes faux comme un fichier illisible", async () => {
    const good = await writeWorkbook([{ name: "Formation", rows: [["a"]] }]);
    for (const broken of [good.subarray(0, good.length - 30), Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100)]), zipOf([{ name: "x", data: Buffer.from("y") }]).fill(0, 0, 4)]) {
      await expect(readFirstSheetRows(broken)).rejects.toThrow("Ce fichier n'est pas un classeur XLSX lisible.");
    }
  });
});
