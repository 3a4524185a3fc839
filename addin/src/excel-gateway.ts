/**
 * The only module that touches `Excel` or `Office`. Everything else works on plain arrays.
 * Each operation costs a fixed number of context.sync() calls, whatever the number of rows:
 * reading the sheet 1, applying results 1, selecting a cell 1, writing a whole sheet 2.
 * Writes are rectangular blocks where `null` leaves a cell as it is, so formulas, comments and
 * formatting staff added are kept; a block too big for one request is split by rows.
 */
import { CellRange, parseRange } from '../../shared/address';
import { CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { STATUSES, STATUS_LABELS } from '../../shared/status';

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

/** Reads the active sheet as a grid, with its merged areas: one sync. */
export async function readActiveSheet(): Promise<SheetRead> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('values,rowIndex,columnIndex');
    const merged = used.getMergedAreasOrNullObject();
    merged.load('address');
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
    return {
      grid: { name: sheet.name, values: used.values as CellValue[][], merges, origin },
      hasInvalidName,
    };
  });
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
