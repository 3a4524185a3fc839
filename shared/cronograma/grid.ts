import { CellRange, cellAddress } from '../address';
import { cellText } from '../text';

export type CellValue = string | number | boolean | Date | null | undefined;

/** What a cell looks like, where that means something to staff: a fill as a mark, a strikethrough as retired. */
export interface CellStyle {
  /** A solid fill's colour, `#RRGGBB` (or `theme:N:tint` when the file names a theme colour). */
  fill?: string;
  strike?: boolean;
}

/**
 * A worksheet as plain data: what Excel (through the add-in's gateway) and exceljs (in the CLI
 * and functions) both hand over. `values[0][0]` sits at `origin` in the sheet (A1 by default).
 * Both give dates as `Date` (Excel stores a serial number with a date format; the adapters turn
 * it into a Date with `dateFromSerial`), and the number formats and styles in arrays shaped like
 * `values`.
 */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /** Merged areas in grid coordinates (0-based, relative to `values`). */
  merges?: CellRange[];
  origin?: { row: number; col: number };
  /** Hyperlinks by cell address ("E14" → "https://..."), used as evidence. */
  hyperlinks?: Record<string, string>;
  /** Number format codes as Excel stores them ("mmm-yy", "General"). */
  numberFormats?: (string | null | undefined)[][];
  /** Fills and strikethrough per cell; absent cells have neither. */
  styles?: (CellStyle | null | undefined)[][];
  /**
   * Set when the path that read the grid could not read styles from this grid row on (0 when
   * not at all): the reader then says so where a fill could have been the only mark.
   */
  stylesUnreadableFrom?: { row: number; reason: string };
}

/**
 * Read access to a grid that knows about merged areas: a merged area reads as its top-left
 * value everywhere inside it, and reports the top-left address.
 */
export class GridView {
  readonly rowCount: number;
  readonly colCount: number;
  private readonly mergeAt = new Map<number, CellRange>();
  /** Each cell's text, worked out once: the reader asks for most cells more than once. */
  private readonly texts = new Map<number, string>();

  constructor(private readonly grid: SheetGrid) {
    this.rowCount = grid.values.length;
    this.colCount = grid.values.reduce((max, row) => Math.max(max, row?.length ?? 0), 0);
    for (const m of grid.merges ?? []) {
      // A merge reaching past the cells that hold anything (a whole sheet, say) matters only where they are.
      const bottom = Math.min(m.bottom, this.rowCount - 1);
      const right = Math.min(m.right, this.colCount - 1);
      for (let r = Math.max(0, m.top); r <= bottom; r++)
        for (let c = Math.max(0, m.left); c <= right; c++) this.mergeAt.set(this.key(r, c), m);
    }
  }

  private key(row: number, col: number): number {
    return row * (this.colCount + 1) + col;
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
    const m = this.merge(row, col);
    return m ? this.raw(m.top, m.left) : this.raw(row, col);
  }

  text(row: number, col: number): string {
    const key = this.key(row, col);
    let text = this.texts.get(key);
    if (text === undefined) {
      text = cellText(this.value(row, col));
      this.texts.set(key, text);
    }
    return text;
  }

  /** The number format the cell shows its value with (a merged area's top-left). */
  numberFormat(row: number, col: number): string | undefined {
    const m = this.merge(row, col);
    return this.grid.numberFormats?.[m ? m.top : row]?.[m ? m.left : col] ?? undefined;
  }

  /** Fill and strikethrough as a person sees them (a merged area's top-left). */
  style(row: number, col: number): CellStyle | undefined {
    const m = this.merge(row, col);
    return this.grid.styles?.[m ? m.top : row]?.[m ? m.left : col] ?? undefined;
  }

  /** Why styles could not be read at this row, when they could not. */
  stylesUnreadable(row: number): string | undefined {
    const from = this.grid.stylesUnreadableFrom;
    return from && row >= from.row ? from.reason : undefined;
  }

  merge(row: number, col: number): CellRange | undefined {
    return this.mergeAt.get(this.key(row, col));
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

  rowIsEmpty(row: number, ignoredCols?: ReadonlySet<number>): boolean {
    for (let c = 0; c < this.colCount; c++)
      if (!ignoredCols?.has(c) && this.text(row, c) !== '') return false;
    return true;
  }

  /**
   * The texts a row shows, one per cell or merged area (a banner merged across the sheet is one),
   * left to right, skipping the given columns.
   */
  textsInRow(
    row: number,
    ignoredCols?: ReadonlySet<number>,
  ): { col: number; text: string; merge?: CellRange }[] {
    const texts: { col: number; text: string; merge?: CellRange }[] = [];
    const seen = new Set<CellRange>();
    for (let c = 0; c < this.colCount; c++) {
      if (ignoredCols?.has(c)) continue;
      const text = this.text(row, c);
      if (text === '') continue;
      const m = this.merge(row, c);
      if (m) {
        if (seen.has(m)) continue;
        seen.add(m);
      }
      texts.push({ col: c, text, ...(m ? { merge: m } : {}) });
    }
    return texts;
  }
}
