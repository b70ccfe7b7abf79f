/** CSV as RFC 4180 says, shared by every import and export, with spreadsheet-formula neutralisation. */

/**
 * A spreadsheet runs a cell that starts with =, +, - or @ as a formula: such a cell gets a
 * leading apostrophe, which spreadsheets show as text.
 */
export function neutraliseFormula(cell: string): string {
  // Text already starting with apostrophes before a formula character gets one more, so that
  // restoreNeutralised gives back exactly what was written.
  return /^'*[=+\-@]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: CRLF line ends; a cell with a comma, a quote, white space or a line break is quoted. */
export function toCsv(rows: string[][], options: { neutraliseFormulas?: boolean } = {}): string {
  const neutralise = options.neutraliseFormulas ?? true;
  return rows
    .map((cells) =>
      cells
        .map((raw) => {
          const cell = neutralise ? neutraliseFormula(raw) : raw;
          return /[",\s]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
        })
        .join(","),
    )
    .map((line) => `${line}\r\n`)
    .join("");
}

/** Reads RFC 4180 CSV (CRLF or LF line ends) into rows of cells. */
export function parseCsv(input: string, delimiter: "," | ";" = ","): string[][] {
  // A byte-order mark (spreadsheets write one) is not part of the first cell.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else if (ch === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * The delimiter of a CSV file: French spreadsheets write ";" where others write ",". Decided
 * from the first line, outside quotes.
 */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** Undoes neutraliseFormula when reading back a file Maquette wrote. */
export function restoreNeutralised(cell: string): string {
  return /^'+[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}
