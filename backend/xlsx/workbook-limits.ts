/**
 * What a workbook may hold before exceljs opens it. exceljs builds an object for every cell of a
 * merged area and every row up to the last cell, so a 15 KB file with one merge A1:XFD1048576, or
 * a thousand sheets each with a cell at XFD1048576, would take gigabytes and minutes. The zip's
 * directory and the sheets' XML are read first, as text, and anything past a limit is refused with
 * a Spanish message naming the limit — a cronograma is far below every one of them.
 */
import JSZip from 'jszip';
import { parseRange } from '../../shared/address';

export const WORKBOOK_LIMITS = {
  /** The whole workbook, uncompressed. */
  megabytes: 100,
  sheets: 200,
  rows: 100_000,
  columns: 1_000,
  /** Cells of one merged area. */
  mergedCells: 100_000,
} as const;

/** The sizes the zip's central directory declares (jszip keeps them on each entry). */
const declaredSize = (file: JSZip.JSZipObject): number =>
  (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;

/** Why the workbook is refused, or undefined when it is within every limit (or not a zip at all). */
export async function workbookOverLimits(data: Buffer | ArrayBuffer): Promise<string | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return undefined; // Not a zip: the reader says the file is no workbook.
  }
  const files = Object.values(zip.files);
  const bytes = files.reduce((sum, f) => sum + declaredSize(f), 0);
  if (bytes > WORKBOOK_LIMITS.megabytes * 1024 * 1024)
    return `El libro ocupa ${Math.round(bytes / 1024 / 1024)} MB sin comprimir; se leen libros de hasta ${WORKBOOK_LIMITS.megabytes} MB. Guarde el cronograma en un libro aparte.`;
  const sheets = files.filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name));
  if (sheets.length > WORKBOOK_LIMITS.sheets)
    return `El libro tiene ${sheets.length} hojas; se leen libros de hasta ${WORKBOOK_LIMITS.sheets}. Guarde el cronograma en un libro aparte.`;
  const names = await sheetNames(zip);
  for (const file of sheets) {
    const problem = sheetOverLimits(await file.async('string'));
    if (problem) return `La hoja «${names.get(file.name) ?? file.name}» ${problem}`;
  }
  return undefined;
}

function sheetOverLimits(xml: string): string | undefined {
  for (const [, ref] of xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
    const range = parseRange(ref!);
    const cells = range
      ? (range.bottom - range.top + 1) * (range.right - range.left + 1)
      : Number.POSITIVE_INFINITY;
    if (cells > WORKBOOK_LIMITS.mergedCells)
      return `combina ${ref} (${cells.toLocaleString('es-MX')} celdas); se leen áreas combinadas de hasta ${WORKBOOK_LIMITS.mergedCells.toLocaleString('es-MX')} celdas. Deshaga esa combinación.`;
  }
  let rows = 0;
  let columns = 0;
  for (const [, letters, row] of xml.matchAll(/<c\b[^>]*\br="([A-Z]{1,3})(\d{1,7})"/g)) {
    rows = Math.max(rows, Number(row));
    columns = Math.max(columns, columnNumber(letters!));
  }
  for (const [, row] of xml.matchAll(/<row\b[^>]*\br="(\d{1,7})"/g))
    rows = Math.max(rows, Number(row));
  if (rows > WORKBOOK_LIMITS.rows)
    return `llega a la fila ${rows.toLocaleString('es-MX')}; se leen hojas de hasta ${WORKBOOK_LIMITS.rows.toLocaleString('es-MX')} filas. Borre lo que sobra debajo del cronograma.`;
  if (columns > WORKBOOK_LIMITS.columns)
    return `llega a la columna ${columns.toLocaleString('es-MX')}; se leen hojas de hasta ${WORKBOOK_LIMITS.columns.toLocaleString('es-MX')} columnas. Borre lo que sobra a la derecha del cronograma.`;
  return undefined;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** Each worksheet part's sheet name, from the workbook and its relationships. */
async function sheetNames(zip: JSZip): Promise<Map<string, string>> {
  const [workbook, rels] = await Promise.all([
    zip.file('xl/workbook.xml')?.async('string'),
    zip.file('xl/_rels/workbook.xml.rels')?.async('string'),
  ]);
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const targets = new Map<string, string>();
  for (const [tag] of (rels ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, `xl/${target.replace(/^\/?xl\//, '')}`);
  }
  const names = new Map<string, string>();
  for (const [tag] of (workbook ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const part = targets.get(attribute(tag, 'r:id') ?? '');
    if (name && part) names.set(part, unescapeXml(name));
  }
  return names;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
