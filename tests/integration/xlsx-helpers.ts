import { readFirstSheetRows, writeWorkbook } from "~/utils/xlsx.server";

export const writeWorkbookForTest = (rows: string[][]) => writeWorkbook([{ name: "Formation", rows }]);
export const readWorkbookRowsForTest = (buffer: Buffer) => readFirstSheetRows(buffer);
