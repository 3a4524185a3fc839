/**
 * A sheet as a person made it, cell by cell, and what a person reading it would say it holds.
 * Written from the product's description of how offices keep a cronograma, not from the
 * reader's code: `expected` is the spec's answer, and both the .xlsx path (exceljs) and the
 * Excel path (office-addin-mock) must give it back.
 */
import { columnLetters } from '../../../shared/address';
import { CellRange } from '../../../shared/address';

/** A formula as exceljs stores it: the formula text and the result Excel last computed. */
export interface FormulaValue {
  formula: string;
  result: number;
}

export type RawValue = string | number | boolean | Date | FormulaValue;

export interface CellSpec {
  value?: RawValue;
  /** Number format code ("mmm", "mmm-yy"); absent means General. */
  numFmt?: string;
  /** A solid fill, ARGB ("FF92D050"). */
  fill?: string;
  strike?: boolean;
  bold?: boolean;
}

export type Status = 'en_proceso' | 'realizada' | 'reprogramada' | 'no_realizada' | 'cancelada';

/** An activity as the reader must return it. */
export interface ExpectedActivity {
  id: string;
  axis: number;
  axisName: string;
  description: string;
  months: number[];
  statuses: Partial<Record<number, Status>>;
  /** 1-based sheet row. */
  row: number;
}

export interface Expected {
  year: number;
  activities: ExpectedActivity[];
  /** Struck-through activities: not in `activities`. */
  retired: { description: string; row: number }[];
  /** Where reading stops at a summary table (a `read.summary_stop` warning), if the sheet has one. */
  summaryStop?: string;
}

export interface SheetSpec {
  name: string;
  /** Keyed by `row,col` (0-based). */
  cells: Map<string, CellSpec>;
  /** 0-based, inclusive. */
  merges: CellRange[];
  hiddenRows: number[];
  hiddenCols: number[];
  columnWidths?: Record<number, number>;
}

export interface WorkbookSpec {
  /** Sheets in workbook order; the cronograma is `sheets[cronograma]`. */
  sheets: SheetSpec[];
  cronograma: number;
  expected: Expected;
  /** What the sheet looks like, in words, for test names and failure messages. */
  habits: string[];
}

export const key = (row: number, col: number): string => `${row},${col}`;

export function cellAt(sheet: SheetSpec, row: number, col: number): CellSpec | undefined {
  return sheet.cells.get(key(row, col));
}

export function isFormula(v: RawValue | undefined): v is FormulaValue {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'formula' in v;
}

/** Writes a sheet cell by cell, refusing what Excel itself would refuse (overlapping merges, values hidden under a merge). */
export class SheetBuilder {
  readonly sheet: SheetSpec;

  constructor(name: string) {
    this.sheet = { name, cells: new Map(), merges: [], hiddenRows: [], hiddenCols: [] };
  }

  set(row: number, col: number, value: RawValue | undefined, style: Omit<CellSpec, 'value'> = {}) {
    const cell = this.sheet.cells.get(key(row, col)) ?? {};
    if (value !== undefined && value !== '') cell.value = value;
    Object.assign(cell, style);
    this.sheet.cells.set(key(row, col), cell);
  }

  style(row: number, col: number, style: Omit<CellSpec, 'value'>) {
    const cell = this.sheet.cells.get(key(row, col)) ?? {};
    Object.assign(cell, style);
    this.sheet.cells.set(key(row, col), cell);
  }

  merge(top: number, left: number, bottom: number, right: number) {
    if (top === bottom && left === right) return;
    const range = { top, left, bottom, right };
    for (const m of this.sheet.merges)
      if (m.top <= bottom && top <= m.bottom && m.left <= right && left <= m.right)
        throw new Error(`overlapping merges ${JSON.stringify(m)} ${JSON.stringify(range)}`);
    this.sheet.merges.push(range);
  }

  hideRow(row: number) {
    if (!this.sheet.hiddenRows.includes(row)) this.sheet.hiddenRows.push(row);
  }

  hideCol(col: number) {
    if (!this.sheet.hiddenCols.includes(col)) this.sheet.hiddenCols.push(col);
  }

  /** Throws when a value sits under a merge (only its top-left cell may hold one). */
  check(): SheetSpec {
    for (const m of this.sheet.merges)
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++)
          if ((r !== m.top || c !== m.left) && this.sheet.cells.get(key(r, c))?.value !== undefined)
            throw new Error(`value under a merge at ${r},${c}`);
    return this.sheet;
  }
}

/** A1 column letters of a 0-based column. */
export const letters = columnLetters;

export const a1 = (row: number, col: number): string => `${letters(col)}${row + 1}`;

/** Extent of the cells a sheet writes (values or styles). */
export function extent(sheet: SheetSpec, valuesOnly: boolean) {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [k, cell] of sheet.cells) {
    const hasValue = cell.value !== undefined && cell.value !== '';
    if (valuesOnly ? !hasValue : !hasValue && !cell.fill && !cell.strike) continue;
    const [r, c] = k.split(',').map(Number) as [number, number];
    top = Math.min(top, r);
    left = Math.min(left, c);
    bottom = Math.max(bottom, r);
    right = Math.max(right, c);
  }
  return bottom < 0 ? undefined : { top, left, bottom, right };
}
