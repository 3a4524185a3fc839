/**
 * Excel stores a date as a serial number (days since 1899-12-30) with a date number format; what
 * staff see ("ene", "ene-21") is the format applied to it. Both readers (exceljs, Office.js) give
 * the number and its format: these turn them into the date staff see.
 */

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Whether a number format code shows a date: it has day, month or year placeholders outside
 * quoted text, escapes and brackets (`[Red]`, `[$-es-MX]`; `[h]` is elapsed time, not a date).
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format || format === 'General' || format === '@') return false;
  const code = format
    .split(';')[0]! // the positive-number section is the one a date uses
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
  return /[dmy]/i.test(code) && !/^[#0.,%\s]*$/.test(code);
}

/** The date of an Excel serial number (1900 date system), at midnight UTC. */
export function dateFromSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}
