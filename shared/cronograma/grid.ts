import { CellRange, cellAddress } from '../address';
import { cellText } from '../text';

export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * A worksheet as plain data: what Excel (through the add-in's gateway) and exceljs (in the CLI
 * and functions) both hand over. `values[0][0]` sits at `origin` in the sheet (A1 by default).
 */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /** Merged areas in grid coordinates (0-based, relative to `values`). */
  merges?: CellRange[];
  origin?: { row: number; col: number };
  /** Hyperlinks by cell address ("E14" → "https://..."), used as evidence. */
  hyperlinks?: Record<string, string>;
}

/**
 * Read access to a grid that knows about merged areas: a merged area reads as its top-left
 * value everywhere inside it, and reports the top-left address.
 */
export class GridView {
  readonly rowCount: number;
  readonly colCount: number;
  private readonly mergeAt = new Map<string, CellRange>();

  constructor(private readonly grid: SheetGrid) {
    this.rowCount = grid.values.length;
    this.colCount = grid.values.reduce((max, row) => Math.max(max, row?.length ?? 0), 0);
    for (const m of grid.merges ?? []) {
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) this.mergeAt.set(`${r}:${c}`, m);
    }
  }

  get name(): string {
    return this.grid.name;
  }

  /** The raw value written in this very cell (blank inside a merge, except its top-left). */
  raw(row: number, col: number): CellValue {
    return this.grid.values[row]?.[col];
  }

  /** The value a person sees at this cell: a merged area shows its top-left value throughout. */
  value(row: number, col: number): CellValue {
    const m = this.mergeAt.get(`${row}:${col}`);
    return m ? this.raw(m.top, m.left) : this.raw(row, col);
  }

  text(row: number, col: number): string {
    return cellText(this.value(row, col));
  }

  merge(row: number, col: number): CellRange | undefined {
    return this.mergeAt.get(`${row}:${col}`);
  }

  /** True when the cell lies in a merged area below or right of its top-left cell. */
  isMergeContinuation(row: number, col: number): boolean {
    const m = this.merge(row, col);
    return m !== undefined && (m.top !== row || m.left !== col);
  }

  /** The address users see for this cell: the merged area's top-left, offset by the origin. */
  address(row: number, col: number): string {
    const m = this.merge(row, col);
    const r = m ? m.top : row;
    const c = m ? m.left : col;
    return cellAddress(r + (this.grid.origin?.row ?? 0), c + (this.grid.origin?.col ?? 0));
  }

  /** The 1-based sheet row number. */
  sheetRow(row: number): number {
    return row + 1 + (this.grid.origin?.row ?? 0);
  }

  hyperlink(row: number, col: number): string | undefined {
    return this.grid.hyperlinks?.[this.address(row, col)];
  }

  rowIsEmpty(row: number): boolean {
    for (let c = 0; c < this.colCount; c++) if (this.text(row, c) !== '') return false;
    return true;
  }
}
