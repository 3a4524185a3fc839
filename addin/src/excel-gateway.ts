/// <reference types="office-js" />
/**
 * The only module that touches `Excel` or `Office`. Everything else works on plain arrays.
 * Each operation costs a fixed number of context.sync() calls, whatever the number of rows:
 * reading the sheet 1, applying results 1, selecting a cell 1, writing a whole sheet 2.
 * Writes are rectangular blocks where `null` leaves a cell as it is, so formulas, comments and
 * formatting staff added are kept; a block too big for one request is split by rows.
 */
import { CellRange, parseRange } from '../../shared/address';
import { CellStyle, CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { dateFromSerial, isDateFormat } from '../../shared/cronograma/number-format';
import { STATUSES, STATUS_LABELS } from '../../shared/status';
import type { SheetEdit } from '../../shared/cronograma/catch-up';

/** Excel on the web refuses requests over 5 MB; stay well under it. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** A workbook-level name listing the cells validation flags; one conditional format reads it. */
export const INVALID_CELLS_NAME = 'PAT_celdas_invalidas';
const INVALID_FILL = '#F8B4B4';
/** Status colours of the month cells (conditional formats, so staff's own fills are untouched). */
export const STATUS_COLOURS: Record<string, string> = {
  'En proceso': '#FFF2CC',
  Realizada: '#C6EFCE',
  Reprogramada: '#DDEBF7',
  'No realizada': '#F4CCCC',
  Cancelada: '#D9D9D9',
};

export interface SheetRead {
  grid: SheetGrid;
  /** The used range's formulas in R1C1 notation, when asked for (constants as they are). */
  formulasR1C1?: string[][];
  /** Whether the workbook already has the invalid-cells name (so it is replaced, not added). */
  hasInvalidName: boolean;
}

export interface CellWrite {
  row: number;
  col: number;
  value: string | number;
}

export interface ApplyOps {
  sheet: string;
  /** Values to write (0-based sheet coordinates); every other cell is left untouched. */
  writes?: CellWrite[];
  /** Addresses validation flags: highlighted until the next validation clears them. */
  invalidCells?: string[];
  hasInvalidName?: boolean;
  /** Ranges ("D6:O6") of planned month cells that get the status drop-down. */
  statusRanges?: string[];
  /** The month block ("D6:O40") that gets the status colours and the highlight rule, once. */
  formatRange?: string;
}

export interface SheetWrite {
  name: string;
  values: CellValue[][];
  merges: CellRange[];
  boldRows?: number[];
  columnWidths?: number[];
  activate?: boolean;
}

const toExcelValue = (v: CellValue): string | number | boolean =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : v;

const STYLE_PROPERTIES = {
  format: { fill: { color: true, pattern: true }, font: { strikethrough: true } },
} as const;

export interface ReadOptions {
  /** Also the formulas (R1C1), for writing rows that keep the sheet's formulas. */
  formulas?: boolean;
}

/**
 * Reads the active sheet as a grid: values, number formats, merged areas, fills and
 * strikethrough, in one sync whatever the rows. Dates come as Excel stores them (serial numbers)
 * and leave as `Date`, as the .xlsx adapter gives them. Where styles cannot be read (Excel without
 * ExcelApi 1.9, or a sheet whose styles pass Excel on the web's 5 MB response limit) the sheet is
 * read again without them (a second sync) and the grid says so, so the reader can tell the user.
 */
export async function readActiveSheet(options: ReadOptions = {}): Promise<SheetRead> {
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.9'))
    return readSheet(
      options,
      'esta versión de Excel no permite leer colores de relleno ni tachados',
    );
  try {
    return await readSheet(options);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (/PayloadSizeLimitExceeded/i.test(code))
      return readSheet(
        options,
        'la hoja es demasiado grande para leer sus colores y tachados en Excel',
      );
    // A blank sheet has no used range to ask styles of; anything else is a real failure.
    const plain = await readSheet(options, 'la hoja está vacía');
    if (plain.grid.values.length === 0) return plain;
    throw error;
  }
}

async function readSheet(options: ReadOptions, stylesUnreadable?: string): Promise<SheetRead> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(`values,numberFormat,rowIndex,columnIndex${options.formulas ? ',formulasR1C1' : ''}`);
    const merged = used.getMergedAreasOrNullObject();
    merged.load('address');
    const properties = stylesUnreadable ? undefined : used.getCellProperties(STYLE_PROPERTIES);
    const invalidName = context.workbook.names.getItemOrNullObject(INVALID_CELLS_NAME);
    invalidName.load('name');
    await context.sync();

    const hasInvalidName = !invalidName.isNullObject;
    if (used.isNullObject) return { grid: { name: sheet.name, values: [] }, hasInvalidName };
    const origin = { row: used.rowIndex, col: used.columnIndex };
    const merges = merged.isNullObject
      ? []
      : merged.address
          .split(',')
          .map((a) => parseRange(a.split('!').pop()!.replace(/'/g, '').trim()))
          .filter((r): r is CellRange => r !== undefined)
          .map((r) => ({
            top: r.top - origin.row,
            left: r.left - origin.col,
            bottom: r.bottom - origin.row,
            right: r.right - origin.col,
          }));
    const numberFormats = used.numberFormat as string[][];
    const grid: SheetGrid = {
      name: sheet.name,
      values: excelValues(used.values as CellValue[][], numberFormats),
      merges,
      origin,
      numberFormats,
      ...(properties ? { styles: stylesOf(properties.value, merges) } : {}),
      ...(stylesUnreadable ? { stylesUnreadableFrom: { row: 0, reason: stylesUnreadable } } : {}),
    };
    return {
      grid,
      hasInvalidName,
      ...(options.formulas ? { formulasR1C1: used.formulasR1C1 as string[][] } : {}),
    };
  });
}

/** Excel gives empty cells as "" and dates as serial numbers: the grid has null and Date, as exceljs gives. */
function excelValues(values: CellValue[][], formats: string[][]): CellValue[][] {
  return values.map((row, r) =>
    row.map((v, c) => {
      if (v === '') return null;
      if (typeof v === 'number' && isDateFormat(formats[r]?.[c])) return dateFromSerial(v);
      return v;
    }),
  );
}

/** Styles per cell; inside a merged area only the top-left one counts, as the .xlsx adapter gives them. */
function stylesOf(cells: Excel.CellProperties[][], merges: CellRange[]): (CellStyle | null)[][] {
  const styles = cells.map((row) => row.map(styleOf));
  for (const m of merges)
    for (let r = m.top; r <= Math.min(m.bottom, styles.length - 1); r++)
      for (let c = m.left; c <= m.right; c++)
        if ((r !== m.top || c !== m.left) && styles[r]?.[c] !== undefined) styles[r]![c] = null;
  return styles;
}

function styleOf(cell: Excel.CellProperties): CellStyle | null {
  const fill = cell.format?.fill;
  const colour =
    fill && fill.pattern !== 'None' && fill.color ? fill.color.toUpperCase() : undefined;
  const strike = cell.format?.font?.strikethrough === true;
  if (!colour && !strike) return null;
  return { ...(colour ? { fill: colour } : {}), ...(strike ? { strike } : {}) };
}

export interface WriteBlock {
  row: number;
  col: number;
  values: (string | number | null)[][];
}

/**
 * Cell writes as rectangular blocks of rows, `null` wherever nothing is written (rows between
 * written ones included), each block under MAX_REQUEST_BYTES.
 */
export function writeBlocks(writes: CellWrite[]): WriteBlock[] {
  if (writes.length === 0) return [];
  const minCol = Math.min(...writes.map((w) => w.col));
  const width = Math.max(...writes.map((w) => w.col)) - minCol + 1;
  const byRow = new Map<number, CellWrite[]>();
  for (const w of writes) byRow.set(w.row, [...(byRow.get(w.row) ?? []), w]);
  const nullLine = JSON.stringify(new Array(width).fill(null)).length;
  const blocks: WriteBlock[] = [];
  let block: WriteBlock | undefined;
  let bytes = 0;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const line: (string | number | null)[] = new Array(width).fill(null);
    for (const w of byRow.get(row) ?? []) line[w.col - minCol] = w.value;
    const lineBytes = JSON.stringify(line).length;
    const gap = block ? row - (block.row + block.values.length) : 0;
    if (!block || bytes + gap * nullLine + lineBytes > MAX_REQUEST_BYTES) {
      block = { row, col: minCol, values: [] };
      blocks.push(block);
      bytes = 0;
    } else {
      for (let i = 0; i < gap; i++) block.values.push(new Array(width).fill(null));
      bytes += gap * nullLine;
    }
    block.values.push(line);
    bytes += lineBytes;
  }
  return blocks;
}

function putBlock(sheet: Excel.Worksheet, block: WriteBlock): void {
  sheet.getRangeByIndexes(
    block.row,
    block.col,
    block.values.length,
    block.values[0]!.length,
  ).values = block.values as never;
}

/** Writes values, refreshes highlights, drop-downs and status colours: one sync per 4 MB of writes. */
export async function applyToSheet(ops: ApplyOps): Promise<void> {
  const blocks = writeBlocks(ops.writes ?? []);
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(ops.sheet);
    const [first, ...rest] = blocks;
    if (first) putBlock(sheet, first);

    if (ops.invalidCells) {
      const names = context.workbook.names;
      if (ops.hasInvalidName) names.getItem(INVALID_CELLS_NAME).delete();
      const list = ops.invalidCells.length
        ? ops.invalidCells.map((a) => `"${a}"`).join(',')
        : '"-"';
      names.add(INVALID_CELLS_NAME, `={${list}}`);
    }
    if (ops.formatRange) {
      const block = sheet.getRange(ops.formatRange);
      const highlight = block.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      highlight.custom.rule.formula = `=ISNUMBER(MATCH(ADDRESS(ROW(),COLUMN(),4),${INVALID_CELLS_NAME},0))`;
      highlight.custom.format.fill.color = INVALID_FILL;
      for (const [label, colour] of Object.entries(STATUS_COLOURS)) {
        const cf = block.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
        cf.textComparison.format.fill.color = colour;
        cf.textComparison.rule = { operator: Excel.ConditionalTextOperator.contains, text: label };
      }
    }
    for (const range of ops.statusRanges ?? []) {
      const target = sheet.getRange(range);
      target.dataValidation.clear();
      target.dataValidation.rule = {
        list: {
          inCellDropDown: true,
          source: ['✓', ...STATUSES.map((s) => STATUS_LABELS[s])].join(','),
        },
      };
      // Staff may still type any mark: the list helps, it does not forbid.
      target.dataValidation.errorAlert = {
        showAlert: false,
        style: Excel.DataValidationAlertStyle.information,
        title: '',
        message: '',
      };
    }
    await context.sync();
    for (const block of rest) {
      putBlock(sheet, block);
      await context.sync();
    }
  });
}

/**
 * Inserts a whole column at `column` (everything from there moves right, with its formats,
 * comments and merges) and writes the given cells into it: one sync.
 */
export async function insertColumn(
  sheet: string,
  column: number,
  cells: { row: number; value: string }[],
): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.getRangeByIndexes(0, column, 1, 1)
      .getEntireColumn()
      .insert(Excel.InsertShiftDirection.right);
    // Ids are short: even 10,000 of them are far under the request limit, so one sync.
    for (const block of writeBlocks(
      cells.map((c) => ({ row: c.row, col: column, value: c.value })),
    ))
      putBlock(ws, block);
    await context.sync();
  });
}

/** Font colour of a retired activity's row, with its strikethrough. */
const RETIRED_FONT = '#7F7F7F';

/**
 * Applies a sheet edit (shared/cronograma/catch-up.ts) in one batch: whole rows inserted bottom
 * up (each takes the formats of the row above, as in Excel), then values, formulas, fills and
 * strikethrough. One sync (one more per 4 MB of values).
 */
export async function editSheet(sheet: string, edit: SheetEdit): Promise<void> {
  const blocks = writeBlocks(edit.values);
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const { before, count } of [...edit.insertRows].sort((a, b) => b.before - a.before))
      ws.getRangeByIndexes(before, 0, count, 1)
        .getEntireRow()
        .insert(Excel.InsertShiftDirection.down);
    const [first, ...rest] = blocks;
    if (first) putBlock(ws, first);
    for (const f of edit.formulas)
      ws.getRangeByIndexes(f.row, f.col, 1, 1).formulasR1C1 = [[f.formula]];
    for (const f of edit.fills) {
      const fill = ws.getRangeByIndexes(f.row, f.col, 1, 1).format.fill;
      if (f.colour) fill.color = f.colour;
      else fill.clear();
    }
    for (const s of edit.strike) {
      const font = ws.getRangeByIndexes(s.row, s.left, 1, s.right - s.left + 1).format.font;
      font.strikethrough = s.on;
      font.color = s.on ? RETIRED_FONT : '#000000';
    }
    await context.sync();
    for (const block of rest) {
      putBlock(ws, block);
      await context.sync();
    }
  });
}

/**
 * Calls `onChange` whenever cells of the workbook change (typed by a person, or written by an
 * add-in); no sync per event. Returns the unsubscribe, or undefined where Excel has no change
 * events (ExcelApi 1.9).
 */
export async function watchChanges(
  onChange: () => void,
): Promise<(() => Promise<void>) | undefined> {
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.9')) return undefined;
  return Excel.run(async (context) => {
    const subscription = context.workbook.worksheets.onChanged.add(async () => onChange());
    await context.sync();
    return () =>
      Excel.run(subscription.context, async (ctx) => {
        subscription.remove();
        await ctx.sync();
      });
  });
}

/** Selects a cell of a sheet, activating the sheet: one sync. */
export async function selectCell(sheet: string, address: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

/** Writes (or rewrites) a whole sheet, e.g. the session calendar or a new cronograma: two syncs. */
export async function writeSheet(write: SheetWrite): Promise<void> {
  await Excel.run(async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(write.name);
    existing.load('name');
    await context.sync();
    const sheet = existing.isNullObject ? context.workbook.worksheets.add(write.name) : existing;
    if (!existing.isNullObject) sheet.getRange().clear();
    const width = Math.max(1, ...write.values.map((r) => r.length));
    const values = write.values.map((r) =>
      Array.from({ length: width }, (_, c) => toExcelValue(r[c])),
    );
    if (values.length > 0) sheet.getRangeByIndexes(0, 0, values.length, width).values = values;
    for (const m of write.merges)
      sheet
        .getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1)
        .merge(false);
    for (const r of write.boldRows ?? [])
      sheet.getRangeByIndexes(r, 0, 1, width).format.font.bold = true;
    (write.columnWidths ?? []).forEach(
      (w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w),
    );
    if (write.activate) sheet.activate();
    await context.sync();
  });
}

/** The workbook's own settings (connection, last agreed base, pending marker). */
export const workbookSettings = {
  get<T>(key: string): T | undefined {
    return (Office.context.document.settings.get(key) as T | null) ?? undefined;
  },
  async set(values: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(values))
      Office.context.document.settings.set(key, value);
    await new Promise<void>((resolve, reject) =>
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error?.message)),
      ),
    );
  },
};

/** Everything the pane controller asks of Excel, in the shape it takes (its `Gateway`). */
export const excelGateway = {
  readActiveSheet,
  applyToSheet,
  editSheet,
  watchChanges,
  selectCell,
  writeSheet,
  insertColumn,
  settings: workbookSettings,
};
