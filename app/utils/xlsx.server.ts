import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { neutraliseFormula } from "~/domain/csv";
import { frenchText, sentence, type Sentence, type SentenceKey, type SentenceParams } from "~/domain/sentences";

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

/** A workbook that cannot be read: its message is the French text, `sentence` renders it in any language. */
export class SpreadsheetError extends Error {
  readonly sentence: Sentence;
  constructor(key: SentenceKey, params: SentenceParams = {}) {
    super(frenchText(key, params));
    this.sentence = sentence(key, params);
  }
}

const NOT_A_WORKBOOK = "spreadsheet.not_a_workbook";

/**
 * What a workbook may weigh once unzipped: 32 Mio, about 100,000 rows of the exchange format
 * (a 10,000-row programme weighs 3 Mio). The spreadsheet library holds some fifteen times the
 * unzipped size in memory.
 */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

/**
 * Unzips every entry of an XLSX archive within a budget, before the spreadsheet library
 * reads it: a small upload that unzips to gigabytes (a "zip bomb") is refused with a
 * sentence instead of taking the server's memory and minutes of its time. The sizes the
 * archive declares are not trusted: each entry is inflated with a ceiling.
 */
export function checkUnzippedSize(bytes: Buffer, budget = MAX_UNZIPPED_BYTES) {
  const tooBig = new SpreadsheetError("spreadsheet.too_big", { max: budget / 1024 / 1024 });
  let total = 0;
  try {
    // End of the central directory: its signature, then the entry count and the directory's offset.
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0) throw new SpreadsheetError(NOT_A_WORKBOOK);
    const count = bytes.readUInt16LE(end + 10);
    let entry = bytes.readUInt32LE(end + 16);
    for (let n = 0; n < count; n++) {
      if (bytes.readUInt32LE(entry) !== 0x02014b50) throw new SpreadsheetError(NOT_A_WORKBOOK);
      const method = bytes.readUInt16LE(entry + 10);
      const compressedSize = bytes.readUInt32LE(entry + 20);
      const local = bytes.readUInt32LE(entry + 42);
      if (bytes.readUInt32LE(local) !== 0x04034b50) throw new SpreadsheetError(NOT_A_WORKBOOK);
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + compressedSize);
      if (method === 0) total += data.length;
      else if (method === 8) total += inflateRawSync(data, { maxOutputLength: budget - total + 1 }).length;
      else throw new SpreadsheetError(NOT_A_WORKBOOK);
      if (total > budget) throw tooBig;
      entry += 46 + bytes.readUInt16LE(entry + 28) + bytes.readUInt16LE(entry + 30) + bytes.readUInt16LE(entry + 32);
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooBig;
    throw new SpreadsheetError(NOT_A_WORKBOOK);
  }
}

/** Every worksheet of an XLSX file, in order, with its rows as text. */
export async function readWorkbookSheets(data: ArrayBuffer | Buffer): Promise<{ name: string; rows: string[][] }[]> {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  checkUnzippedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError(NOT_A_WORKBOOK);
  }
  if (workbook.worksheets.length === 0) throw new SpreadsheetError("spreadsheet.no_sheet");
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
      rows[rowNumber - 1] = cells;
    });
    return { name: sheet.name, rows: Array.from(rows, (row) => row ?? []) };
  });
}

/** The rows of the first worksheet of an XLSX file, as text. */
export async function readFirstSheetRows(data: ArrayBuffer | Buffer): Promise<string[][]> {
  return (await readWorkbookSheets(data))[0].rows;
}

/** A drop-down list in a column, from row `rows[0]` to `rows[1]`: the values of a range of another sheet (`$A$2:$A$90`), or a few words. */
export type ListValidation = { column: number; rows: [number, number]; source: { sheet: string; range: string } | { values: string[] }; prompt?: string };

/**
 * A workbook with one worksheet per table. Every cell is written as text, and text that a
 * spreadsheet would run as a formula is neutralised. A sheet may set its columns' widths,
 * drop-down lists, and columns kept as text.
 */
export async function writeWorkbook(sheets: { name: string; rows: (string | number)[][]; widths?: number[]; lists?: ListValidation[]; textColumns?: number[] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maquette";
  for (const { name, rows, widths, lists, textColumns } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    // Columns a spreadsheet must keep as typed: "1-2" or "20/10" would otherwise become dates.
    for (const column of textColumns ?? []) sheet.getColumn(column).numFmt = "@";
    for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "number" ? cell : neutraliseFormula(cell))));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    widths?.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    for (const list of lists ?? []) {
      const formula = "values" in list.source ? `"${list.source.values.join(",")}"` : `'${list.source.sheet.replace(/'/g, "''")}'!${list.source.range}`;
      const validation: ExcelJS.DataValidation = { type: "list", allowBlank: true, formulae: [formula], showErrorMessage: true, ...(list.prompt ? { showInputMessage: true, prompt: list.prompt } : {}) };
      // One per cell: the library writes a column of identical ones as one range.
      for (let row = list.rows[0]; row <= list.rows[1]; row++) sheet.getCell(row, list.column).dataValidation = validation;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
