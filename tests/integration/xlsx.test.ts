import { describe, expect, it } from "vitest";
import { readFirstSheetRows, SpreadsheetError, writeWorkbook } from "~/utils/xlsx.server";

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
});
