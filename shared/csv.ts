/**
 * CSV as people open it: in Excel, double-clicked. One way for every CSV we write (reports,
 * activities, sessions): a header row, Windows line ends, a byte-order mark so Excel reads the
 * accents as UTF-8, and every text that a spreadsheet would run as a formula neutralised (OWASP's
 * CSV injection advice): a leading apostrophe when it starts — after any spaces, tabs or line
 * breaks — with `= + - @` or their full-width forms; the rest of the text is kept.
 *
 * Not csv-stringify's own `escape_formulas`, which misses a formula after a leading space or line
 * break. Line breaks inside a cell become LF and the cell is quoted: written bare, a line break
 * ends the row, and a spreadsheet runs what starts the next one (LibreOffice computed
 * `\r=40000+7` before this).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number;

const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell as it is safe to write: line breaks as LF, a formula's start neutralised. */
export function csvText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n');
  return FORMULA_START.test(lines) ? `'${lines}` : lines;
}

export function spreadsheetCsv(rows: CsvCell[][], columns: string[]): string {
  return stringify(rows, {
    header: true,
    columns,
    record_delimiter: 'windows',
    bom: true,
    // With a record delimiter given, csv-stringify otherwise leaves a cell with a line break
    // unquoted: the rest of the text would start a new row.
    quote_record_delimiter: true,
    cast: { string: csvText },
  });
}
