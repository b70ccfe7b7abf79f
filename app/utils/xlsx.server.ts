import ExcelJS from "exceljs";
import { neutraliseFormula } from "~/domain/csv";

/** Text of one cell as a person sees it (numbers, dates, rich text, hyperlinks, formulas' results). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

export class SpreadsheetError extends Error {}

/** The rows of the first worksheet of an XLSX file, as text. */
export async function readFirstSheetRows(data: ArrayBuffer | Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new SpreadsheetError("Ce fichier n'est pas un classeur XLSX lisible.");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError("Le classeur ne contient aucune feuille.");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/**
 * A workbook with one worksheet per table. Every cell is written as text, and text that a
 * spreadsheet would run as a formula is neutralised.
 */
export async function writeWorkbook(sheets: { name: string; rows: (string | number)[][] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maquette";
  for (const { name, rows } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : neutraliseFormula(cell))));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
