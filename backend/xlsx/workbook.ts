/**
 * The exceljs adapter: .xlsx files ⇄ plain grids. The only module outside the add-in that
 * knows how a workbook is stored; the CLI and the functions call it.
 */
import { ExcelJS } from './exceljs';
import { readLocalFile } from '../local-file';
import { CellRange, parseRange } from '../../shared/address';
import { CellStyle, CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { CronogramaLayout } from '../../shared/cronograma/layout';
import { CalendarSheetLayout } from '../../shared/calendar/sheet';
import { dateFromSerial, isDateFormat } from '../../shared/cronograma/number-format';
import { BORDER, HEADER_FILL, font, printLayout } from './print';
import { WORKBOOK_LIMITS, workbookOverLimits } from './workbook-limits';

export class WorkbookError extends Error {}

/** Reads every worksheet of a workbook as a grid from A1, with merged areas and hyperlinks. */
export async function readWorkbookFile(path: string): Promise<SheetGrid[]> {
  const data = await readLocalFile(path, {
    what: 'un libro de Excel',
    // A zip is never much larger than what it holds: past the limit, refused unread.
    maxBytes: (WORKBOOK_LIMITS.megabytes + 1) * 1024 * 1024,
    tooLarge: (mb) =>
      `El archivo ocupa ${mb} MB; se leen libros de hasta ${WORKBOOK_LIMITS.megabytes} MB. Guarde el cronograma en un libro aparte.`,
    error: (message) => new WorkbookError(message),
  });
  return readWorkbookBuffer(data, path);
}

export async function readWorkbookBuffer(
  data: Buffer | ArrayBuffer,
  label = 'el archivo',
): Promise<SheetGrid[]> {
  // Bounded before exceljs expands anything: a hostile file is refused in milliseconds.
  const over = await workbookOverLimits(data);
  if (over) throw new WorkbookError(over);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new WorkbookError(notXlsx(Buffer.isBuffer(data) ? data : Buffer.from(data), label));
  }
  return workbook.worksheets.map(worksheetToGrid);
}

/**
 * Why a file is no .xlsx. A Compound File (its first eight bytes) is an Excel 97-2003 workbook,
 * or a password-protected one: then it holds an «EncryptedPackage» stream.
 */
function notXlsx(data: Buffer, label: string): string {
  if (data.subarray(0, 8).equals(COMPOUND_FILE))
    return data.includes(Buffer.from('EncryptedPackage', 'utf16le'))
      ? `«${label}» está protegido con contraseña. Quítele la contraseña en Excel (Archivo › Información › Proteger libro) y guárdelo como «Libro de Excel (.xlsx)».`
      : `«${label}» es un libro de Excel 97-2003 (.xls). Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)».`;
  return `«${label}» no es un libro de Excel (.xlsx) válido. Guárdelo como «Libro de Excel (.xlsx)» e intente de nuevo.`;
}

const COMPOUND_FILE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

function worksheetToGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const numberFormats: (string | undefined)[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const hyperlinks: Record<string, string> = {};
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    values[r] = [];
    numberFormats[r] = [];
    styles[r] = [];
    // Empty cells too: a fill with no value may be the month's mark.
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c = colNumber - 1;
      const format = cell.numFmt || undefined;
      // Inside a merged area only the top-left cell holds the value, as Excel gives it.
      const value = cell.type === ExcelJS.ValueType.Merge ? null : plainValue(cell.value);
      values[r]![c] =
        typeof value === 'number' && isDateFormat(format) ? dateFromSerial(value) : value;
      if (format) numberFormats[r]![c] = format;
      styles[r]![c] = cell.type === ExcelJS.ValueType.Merge ? null : styleOf(cell);
      if (cell.hyperlink) hyperlinks[cell.address] = cell.hyperlink;
    });
  });
  for (let r = 0; r < values.length; r++) {
    values[r] ??= [];
    numberFormats[r] ??= [];
    styles[r] ??= [];
  }
  const merges = mergedRanges(sheet);
  return { name: sheet.name, values, merges, hyperlinks, numberFormats, styles };
}

/** A solid fill's colour and the strikethrough, as the add-in's gateway reads them from Excel. */
function styleOf(cell: ExcelJS.Cell): CellStyle | null {
  const fill = cell.fill;
  let colour: string | undefined;
  if (fill?.type === 'pattern' && fill.pattern !== 'none') {
    const c = fill.fgColor as { argb?: string; theme?: number; tint?: number } | undefined;
    if (c?.argb) colour = `#${c.argb.slice(-6).toUpperCase()}`;
    else if (c?.theme !== undefined) colour = `theme:${c.theme}:${c.tint ?? 0}`;
  }
  const strike = cell.font?.strike === true;
  if (!colour && !strike) return null;
  return { ...(colour ? { fill: colour } : {}), ...(strike ? { strike } : {}) };
}

function mergedRanges(sheet: ExcelJS.Worksheet): CellRange[] {
  // exceljs keeps merges on the model as A1 ranges ("A5:A7").
  const model = sheet.model as { merges?: string[] };
  return (model.merges ?? []).map(parseRange).filter((r): r is CellRange => r !== undefined);
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    // exceljs 4.4 drops a cached result of 0 (`<v>0</v>`) on reading; Excel shows 0 there.
    return result === undefined ? 0 : plainValue(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value)
    return typeof value.text === 'string'
      ? value.text
      : plainValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

/** Writes a grid's values, merged areas and hyperlinks into a new sheet, unstyled. */
export function addGridSheet(
  workbook: ExcelJS.Workbook,
  grid: SheetGrid,
  options: Partial<ExcelJS.AddWorksheetOptions> = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(grid.name, options);
  grid.values.forEach((row, r) => {
    const target = sheet.getRow(r + 1);
    row.forEach((value, c) => {
      if (value === null || value === undefined) return;
      const cell = target.getCell(c + 1);
      const link = grid.hyperlinks?.[cell.address];
      cell.value = link ? { text: String(value), hyperlink: link } : (value as ExcelJS.CellValue);
    });
  });
  for (const m of grid.merges ?? [])
    sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return sheet;
}

/** Adds a cronograma sheet laid out by `layoutCronograma`, styled to print like section VIII. */
export function addCronogramaSheet(
  workbook: ExcelJS.Workbook,
  layout: CronogramaLayout,
): ExcelJS.Worksheet {
  const sheet = addGridSheet(workbook, layout);
  const firstMonth = layout.monthColumns.get(1) ?? layout.columnCount;
  const monthCols = [...layout.monthColumns.values()];
  // Statuses written in words («Reprogramada») need wider month columns than a mark does.
  const words = layout.activityRows.some((r) =>
    monthCols.some((c) => String(layout.values[r]?.[c] ?? '').length > 2),
  );
  const labels = (layout.values[layout.headerRows[1] ?? 0] ?? []).map((v) => String(v ?? ''));
  for (let c = 0; c < layout.columnCount; c++) {
    let width = FIXED_WIDTHS[labels[c] ?? ''] ?? 14;
    if (c >= firstMonth) width = words ? MONTH_WIDTH_WORDS : MONTH_WIDTH;
    else if (c === layout.descriptionColumn) width = 50; // then fitted to the page
    sheet.getColumn(c + 1).width = width;
  }
  const header = new Set(layout.headerRows);
  for (let r = 0; r < layout.values.length; r++) {
    const row = sheet.getRow(r + 1);
    for (let c = 1; c <= layout.columnCount; c++) {
      const cell = row.getCell(c);
      if (layout.titleRows.includes(r)) {
        cell.font = font({ bold: true, size: 14 });
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
        continue;
      }
      cell.border = BORDER;
      cell.alignment =
        c - 1 === layout.descriptionColumn
          ? { vertical: 'middle', wrapText: true, horizontal: 'left', indent: 1 }
          : { vertical: 'middle', wrapText: true, horizontal: 'center' };
      if (header.has(r)) {
        cell.fill = HEADER_FILL;
        cell.font = font({ bold: true });
      } else if (c - 1 >= firstMonth && words) cell.font = font({ size: STATUS_FONT_SIZE });
    }
  }
  // The layout repeats its header block where a printed page began: break the pages there;
  // otherwise every page repeats the one header block.
  const blocks = layout.headerRows.filter((r) => !header.has(r - 1));
  const firstBlock = layout.headerRows.filter((r) => r < (blocks[1] ?? Infinity));
  printLayout(sheet, {
    orientation: 'landscape',
    margins: LANDSCAPE_MARGINS,
    flexibleColumns: [layout.descriptionColumn + 1],
    scale: CRONOGRAMA_SCALE,
    minColumnWidth: 30,
    overflow: 'shrink',
    ...(blocks.length > 1
      ? { breaksBefore: blocks.slice(1).map((r) => r + 1), keepMergesTogether: false }
      : firstBlock.length
        ? { repeatRows: [firstBlock[0]! + 1, firstBlock[firstBlock.length - 1]! + 1] }
        : {}),
  });
  return sheet;
}

/** Widths of the cronograma's fixed columns by header label (column units). */
const FIXED_WIDTHS: Record<string, number> = {
  ID: 5,
  'No.': 4,
  'Ejes de acción': 18,
  'Periodo de ejecución': 12,
};
const MONTH_WIDTH = 5;
const MONTH_WIDTH_WORDS = 7;
const STATUS_FONT_SIZE = 8;
/**
 * The print scale the cronograma's columns are fitted for (11 pt text prints at ≈ 8.5 pt), as
 * far as the description column can narrow (to 30 units).
 */
const CRONOGRAMA_SCALE = 0.78;
const LANDSCAPE_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6 };

/** Adds the session calendar sheet in the source document's format, fitted to one printed page. */
export function addCalendarSheet(
  workbook: ExcelJS.Workbook,
  layout: CalendarSheetLayout,
): ExcelJS.Worksheet {
  const sheet = addGridSheet(workbook, layout);
  sheet.getColumn(1).width = 18;
  sheet.getColumn(2).width = 10;
  sheet.getColumn(3).width = 32;
  for (const r of layout.titleRows) {
    const cell = sheet.getCell(r + 1, 1);
    cell.font = font({ bold: true, size: r === 0 ? 13 : 12 });
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  }
  for (const r of [layout.headerRow, ...layout.sessionRows]) {
    for (let c = 1; c <= 3; c++) {
      const cell = sheet.getCell(r + 1, c);
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (r === layout.headerRow) {
        cell.fill = HEADER_FILL;
        cell.font = font({ bold: true });
      }
    }
  }
  for (const r of layout.noteRows)
    sheet.getCell(r + 1, 1).alignment = { wrapText: true, vertical: 'top' };
  sheet.getCell(layout.noteRows[0]! + 1, 1).font = font({ bold: true });
  printLayout(sheet, {
    orientation: 'portrait',
    fitToHeight: 1,
    horizontalCentered: true,
    overflow: 'shrink',
  });
  return sheet;
}

export { ExcelJS };
