/**
 * Print layout for the workbooks we write: page setup, column widths that fit the page, rows as
 * tall as their wrapped text, titles that fit their cells.
 *
 * Neither Excel nor LibreOffice grows a row for wrapped text when the file is opened (Excel only
 * on an edit, LibreOffice not at all for a row with a stored height), so a long description keeps
 * the default 15 pt and spills over the rows below when printed. The heights are therefore
 * computed here from the text: its width in Excel's column units (the width of the default
 * font's digit «0»), a greedy word wrap at the column's (or merged area's) width, and the line
 * height of the font size.
 *
 * Character widths are the larger of Calibri's (Excel's default font) and DejaVu Sans's (what
 * LibreOffice draws Calibri with on a machine without it), each relative to the same font's
 * digit, since a column unit is that digit in both programs: a text measured here never needs
 * more lines than estimated in either. The pure functions come first; `printLayout`,
 * `fitRowsToText`, `fitColumnsToPage` and `setupPage` apply them to an exceljs worksheet.
 */
import { ExcelJS } from './exceljs';
import { CellRange, parseRange } from '../../shared/address';

// ---------------------------------------------------------------------------------------------
// The look every workbook we write shares: thin grey borders and lilac headers, as the
// programme's Word tables draw them.

const THIN = { style: 'thin' as const, color: { argb: 'FF7F7F7F' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFD9D2E9' },
};

// ---------------------------------------------------------------------------------------------
// Text metrics (pure)

/** The workbook's default font size: Excel's column unit is this font's digit width. */
export const DEFAULT_FONT_SIZE = 11;
/** Excel's default row height for the default font, in points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** Points per line of wrapped text, per point of font size (15 pt rows for 11 pt text). */
export const LINE_HEIGHT_FACTOR = 1.3;
/** A line's extra space on top of `size × LINE_HEIGHT_FACTOR`, so one 11 pt line is 15 pt. */
export const LINE_PADDING = 0.7;
/**
 * A cell's inner padding (both sides), in column units, left out of the text's width: Excel's
 * stored width counts 5 px of padding at 7 px a digit (0.71); LibreOffice's is smaller.
 */
export const CELL_PADDING = 0.75;
/** Bold text is this much wider (DejaVu Sans Bold; Calibri Bold is barely wider). */
export const BOLD_FACTOR = 1.13;
/** Margin for error on measured text. */
const SAFETY = 1.03;

/**
 * Widths relative to the digit «0» of the same font: max(Calibri, DejaVu Sans). Accented
 * letters take their base letter's width; anything else unknown counts as wide.
 */
const CHAR_WIDTHS: Record<string, number> = {
  ' ': 0.5,
  a: 0.97,
  b: 1.04,
  c: 0.87,
  d: 1.04,
  e: 0.98,
  f: 0.61,
  g: 1.0,
  h: 1.04,
  i: 0.46,
  j: 0.48,
  k: 0.91,
  l: 0.46,
  m: 1.58,
  n: 1.04,
  o: 1.04,
  p: 1.04,
  q: 1.04,
  r: 0.69,
  s: 0.82,
  t: 0.67,
  u: 1.04,
  v: 0.93,
  w: 1.41,
  x: 0.93,
  y: 0.93,
  z: 0.83,
  A: 1.15,
  B: 1.08,
  C: 1.1,
  D: 1.22,
  E: 1.0,
  F: 0.91,
  G: 1.25,
  H: 1.23,
  I: 0.5,
  J: 0.63,
  K: 1.04,
  L: 0.88,
  M: 1.69,
  N: 1.28,
  O: 1.31,
  P: 1.02,
  Q: 1.31,
  R: 1.1,
  S: 1.0,
  T: 0.97,
  U: 1.27,
  V: 1.12,
  W: 1.76,
  X: 1.08,
  Y: 0.97,
  Z: 1.08,
  '.': 0.5,
  ',': 0.5,
  ';': 0.53,
  ':': 0.53,
  '-': 0.6,
  '‐': 0.6,
  '–': 0.8,
  '—': 1.6,
  '(': 0.62,
  ')': 0.62,
  '[': 0.62,
  ']': 0.62,
  '/': 0.76,
  '\\': 0.76,
  '"': 0.72,
  "'": 0.43,
  '«': 0.88,
  '»': 0.88,
  '“': 0.86,
  '”': 0.86,
  '¿': 0.91,
  '?': 0.91,
  '¡': 0.63,
  '!': 0.63,
  '%': 1.5,
  '&': 1.23,
  '+': 1.32,
  '=': 1.32,
  '*': 0.79,
  '<': 1.32,
  '>': 1.32,
  '~': 1.32,
  ª: 0.75,
  º: 0.75,
  '°': 0.79,
  '•': 0.93,
  '…': 1.57,
};

function charWidth(ch: string): number {
  if (ch >= '0' && ch <= '9') return 1;
  const known = CHAR_WIDTHS[ch];
  if (known !== undefined) return known;
  const base = ch.normalize('NFD')[0];
  if (base && base !== ch) {
    const width = CHAR_WIDTHS[base];
    if (width !== undefined) return width;
  }
  if (/\p{Lu}/u.test(ch)) return 1.3;
  if (/\p{Ll}/u.test(ch)) return 1.05;
  return 1.6; // symbols, check marks, CJK: wide
}

/** The workbook's default font (exceljs writes Calibri 11 as the «Normal» style). */
export const DEFAULT_FONT_NAME = 'Calibri';

/**
 * A cell font on the default face: a font written without a name prints in the program's own
 * default (a serif in LibreOffice), wider than the text was measured for.
 */
export function font(options: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: DEFAULT_FONT_NAME, family: 2, size: DEFAULT_FONT_SIZE, ...options };
}

export interface FontMetrics {
  /** Points; the default font's 11 when absent. */
  size?: number;
  bold?: boolean;
}

/** The width of a text on one line, in column units (Excel's `column.width`). */
export function textWidth(text: string, font: FontMetrics = {}): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch);
  const size = font.size ?? DEFAULT_FONT_SIZE;
  return units * SAFETY * (size / DEFAULT_FONT_SIZE) * (font.bold ? BOLD_FACTOR : 1);
}

/** Column units per indent level (Excel: 3 spaces, ≈ 10 px; LibreOffice: 10.5 pt). */
export const INDENT_UNITS = 1.5;

/** The text width available in a column (or merged area) this many units wide. */
export function usableWidth(columnWidth: number, indent = 0): number {
  return Math.max(0.5, columnWidth - CELL_PADDING - indent * INDENT_UNITS);
}

/**
 * The lines a wrapped cell shows: each line break starts a line, words go on the current line
 * while they fit, and a word wider than the cell is cut where the cell ends (as both programs do).
 */
export function wrapLines(
  text: string,
  columnWidth: number,
  font: FontMetrics = {},
  indent = 0,
): string[] {
  const available = usableWidth(columnWidth, indent);
  const space = textWidth(' ', font);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    let line = '';
    let width = 0;
    const push = () => {
      lines.push(line);
      line = '';
      width = 0;
    };
    for (const word of words) {
      const w = textWidth(word, font);
      if (line !== '' && width + space + w <= available) {
        line += ` ${word}`;
        width += space + w;
        continue;
      }
      if (line !== '') push();
      if (w <= available) {
        line = word;
        width = w;
        continue;
      }
      // Cut a word wider than the cell, at least one character a line.
      for (const ch of word) {
        const c = textWidth(ch, font);
        if (line !== '' && width + c > available) push();
        line += ch;
        width += c;
      }
    }
    if (line !== '' || words.length === 0) push();
  }
  return lines;
}

/** How tall `lines` lines of text of this size are, in points. */
export function linesHeight(lines: number, size = DEFAULT_FONT_SIZE): number {
  const exact = Math.max(1, lines) * size * LINE_HEIGHT_FACTOR + LINE_PADDING;
  return Math.ceil(exact * 4) / 4;
}

export interface CellText extends FontMetrics {
  text: string;
  /** The column (or merged area) width in column units. */
  width: number;
  /** Only wrapped cells take more than one line (and a line break shows only when wrapped). */
  wrap?: boolean;
  /** The alignment's indent level. */
  indent?: number;
}

/** The height a cell's text needs, in points. */
export function cellHeight(cell: CellText): number {
  if (cell.text === '') return 0;
  const lines = cell.wrap ? wrapLines(cell.text, cell.width, cell, cell.indent).length : 1;
  return linesHeight(lines, cell.size);
}

/** One cell for `rowHeights`: where it is (1-based) and its text. */
export interface PlacedText extends Omit<CellText, 'width'> {
  row: number;
  column: number;
}

export interface SheetTextModel {
  /** Column widths by 1-based column; missing ones are `defaultColumnWidth`. */
  columnWidths: ReadonlyMap<number, number> | readonly (number | undefined)[];
  defaultColumnWidth?: number;
  defaultRowHeight?: number;
  /** Merged areas, 1-based and inclusive; only the top-left cell's text counts. */
  merges?: readonly { top: number; left: number; bottom: number; right: number }[];
  cells: readonly PlacedText[];
  /** Heights already set (1-based rows): kept when taller than needed. */
  rowHeights?: ReadonlyMap<number, number>;
}

/** Excel's default column width (8.43 characters). */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/**
 * Each row's height: the tallest cell in it (a merged cell measured at its merged width), at
 * least the default height; a cell merged over several rows makes those rows together as tall
 * as it needs, the missing height shared evenly. Returns every row that holds text or was given.
 */
export function rowHeights(model: SheetTextModel): Map<number, number> {
  const defaultWidth = model.defaultColumnWidth ?? DEFAULT_COLUMN_WIDTH;
  const widthOf = (c: number): number => {
    const w =
      model.columnWidths instanceof Map
        ? model.columnWidths.get(c)
        : (model.columnWidths as readonly (number | undefined)[])[c];
    return w ?? defaultWidth;
  };
  const minimum = model.defaultRowHeight ?? DEFAULT_ROW_HEIGHT;
  const mergeAt = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  for (const m of model.merges ?? []) mergeAt.set(`${m.top}:${m.left}`, m);

  const heights = new Map<number, number>();
  for (const [r, h] of model.rowHeights ?? []) heights.set(r, Math.max(h, minimum));
  const tall: { top: number; bottom: number; needed: number }[] = [];
  for (const cell of model.cells) {
    const merge = mergeAt.get(`${cell.row}:${cell.column}`);
    let width = 0;
    for (let c = cell.column; c <= (merge?.right ?? cell.column); c++) width += widthOf(c);
    const needed = cellHeight({ ...cell, width });
    if (merge && merge.bottom > merge.top) {
      tall.push({ top: merge.top, bottom: merge.bottom, needed });
      for (let r = merge.top; r <= merge.bottom; r++)
        heights.set(r, Math.max(heights.get(r) ?? minimum, minimum));
      continue;
    }
    heights.set(cell.row, Math.max(heights.get(cell.row) ?? minimum, needed, minimum));
  }
  // Merged down several rows: after every single-row cell, share what is still missing.
  for (const { top, bottom, needed } of tall) {
    let total = 0;
    for (let r = top; r <= bottom; r++) total += heights.get(r) ?? minimum;
    if (total >= needed) continue;
    const extra = (needed - total) / (bottom - top + 1);
    for (let r = top; r <= bottom; r++)
      heights.set(r, Math.ceil(((heights.get(r) ?? minimum) + extra) * 4) / 4);
  }
  return heights;
}

// ---------------------------------------------------------------------------------------------
// Pages (pure)

export type Paper = 'A4' | 'letter';
export type Orientation = 'portrait' | 'landscape';

/** Inches, as in the file. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

export const DEFAULT_MARGINS: Margins = {
  left: 0.5,
  right: 0.5,
  top: 0.6,
  bottom: 0.7,
  header: 0.3,
  footer: 0.3,
};

const PAPER_POINTS: Record<Paper, { width: number; height: number; code: number }> = {
  A4: { width: 595.28, height: 841.89, code: 9 },
  letter: { width: 612, height: 792, code: 1 },
};

/**
 * Points per column unit when printed, taken large: LibreOffice prints a unit as the digit of
 * the font it draws the default font with (7 pt for DejaVu Sans 11 pt, where Calibri and its
 * metric twin Carlito are missing); Excel as Calibri's 7 px digit, 5.25 pt. Widths fitted with
 * 7 pt a unit fit the page in both.
 */
export const POINTS_PER_UNIT = 7;
/** Points per column unit when Excel prints (Calibri 11's digit is 7 px at 96 dpi). */
export const EXCEL_POINTS_PER_UNIT = 5.25;

/** The printable area of a page, in points. */
export function printableArea(
  paper: Paper = 'A4',
  orientation: Orientation = 'portrait',
  margins: Partial<Margins> = {},
): { width: number; height: number } {
  const m = { ...DEFAULT_MARGINS, ...margins };
  const size = PAPER_POINTS[paper];
  const [w, h] = orientation === 'portrait' ? [size.width, size.height] : [size.height, size.width];
  return { width: w - (m.left + m.right) * 72, height: h - (m.top + m.bottom) * 72 };
}

/**
 * Column widths so the columns fill `totalWidth` units: the fixed ones keep their width, the
 * flexible ones share what is left in proportion to their widths, never below `minWidth`.
 */
export function fitWidths(
  widths: readonly number[],
  flexible: readonly number[],
  totalWidth: number,
  minWidth = 10,
): number[] {
  const flex = new Set(flexible);
  const fixed = widths.reduce((s, w, i) => s + (flex.has(i) ? 0 : w), 0);
  const flexTotal = widths.reduce((s, w, i) => s + (flex.has(i) ? w : 0), 0);
  const left = totalWidth - fixed;
  return widths.map((w, i) => {
    if (!flex.has(i)) return w;
    const share = flexTotal > 0 ? w / flexTotal : 1 / flex.size;
    return Math.max(minWidth, Math.floor(left * share * 10) / 10);
  });
}

export interface PagePlanOptions {
  /** The print scale: a row of h points takes h × scale on paper. */
  scale?: number;
  /** Rows (0-based) that begin a new page. */
  breaksBefore?: Iterable<number>;
  /** Rows (0-based, inclusive) kept on one page when they fit on one: a merged axis, a table. */
  keepTogether?: readonly { top: number; bottom: number }[];
  /** The height of the rows repeated at the top of every page after the first. */
  repeatedHeight?: number;
}

/**
 * Where the pages of a run of rows begin: at the breaks asked for, before a group to keep
 * together that would not fit in what is left of the page (and fits on an empty one), and
 * wherever a page is full. `breaks` are the rows (0-based) that begin a page because of a break
 * asked for or a group kept together; the full pages' own breaks are left to the program.
 */
export function planPages(
  heights: readonly number[],
  pageHeight: number,
  options: PagePlanOptions = {},
): { pages: number; breaks: number[] } {
  const scale = options.scale ?? 1;
  const asked = new Set(options.breaksBefore ?? []);
  const groups = new Map<number, number>();
  for (const g of options.keepTogether ?? [])
    if (g.bottom > g.top) groups.set(g.top, Math.max(groups.get(g.top) ?? g.top, g.bottom));
  const repeated = (options.repeatedHeight ?? 0) * scale;
  const breaks: number[] = [];
  let pages = heights.length > 0 ? 1 : 0;
  let used = 0;
  let start = 0; // what the page holds before its first row: the repeated rows, after page 1
  let keptUntil = -1;
  heights.forEach((h, i) => {
    const height = h * scale;
    const newPage = () => {
      pages++;
      used = start = repeated;
    };
    if (i > 0 && asked.has(i)) {
      newPage();
      breaks.push(i);
    } else if (i > keptUntil && groups.has(i) && used > start) {
      const bottom = groups.get(i)!;
      const group = heights.slice(i, bottom + 1).reduce((sum, x) => sum + x * scale, 0);
      if (used + group > pageHeight && repeated + group <= pageHeight) {
        newPage();
        breaks.push(i);
      }
    }
    if (groups.has(i)) keptUntil = Math.max(keptUntil, groups.get(i)!);
    if (used + height > pageHeight && used > start) newPage();
    used += height;
  });
  return { pages, breaks };
}

// ---------------------------------------------------------------------------------------------
// exceljs

export interface PageOptions {
  paper?: Paper;
  orientation?: Orientation;
  /** Pages wide (default 1). */
  fitToWidth?: number;
  /** Pages tall; 0 (default) as many as it takes. */
  fitToHeight?: number;
  margins?: Partial<Margins>;
  horizontalCentered?: boolean;
  /** Rows printed at the top of every page (1-based, inclusive): the table's header. */
  repeatRows?: [number, number];
  /** Rows (1-based) that begin a new page. */
  breaksBefore?: readonly number[];
  /** The footer (Excel codes: &P page, &N pages); false for none. Default «Página &P de &N». */
  footer?: string | false;
}

export interface TextFitOptions {
  /**
   * What to do with a text that does not wrap and is wider than its cell (a title): `wrap` it
   * (default), or `shrink` its font (down to `minFontSize`) and wrap only if still too wide.
   */
  overflow?: 'wrap' | 'shrink';
  minFontSize?: number;
  /** Rows (1-based) to fit; every row by default. */
  rows?: readonly number[];
}

export interface ColumnFitOptions {
  /** 1-based columns that take the page's remaining width (e.g. descriptions). */
  flexibleColumns?: readonly number[];
  /** The print scale the columns are fitted for (1 = 100 %); below 1 leaves room for more. */
  scale?: number;
  minColumnWidth?: number;
}

export type PrintLayoutOptions = PageOptions &
  TextFitOptions &
  ColumnFitOptions & {
    /** Row ranges (1-based, inclusive) to keep on one page, besides every vertical merge. */
    keepTogether?: readonly [number, number][];
    /** Keep the rows of each vertical merge (an axis) on one page (default true). */
    keepMergesTogether?: boolean;
  };

export interface PrintLayoutReport {
  /** Printable width and height of a page, in points. */
  page: { width: number; height: number };
  /**
   * The print scale fit-to-width gives in each program: LibreOffice takes a column unit as
   * `POINTS_PER_UNIT`, Excel as `EXCEL_POINTS_PER_UNIT` (so Excel's scale is larger).
   */
  scale: { libreoffice: number; excel: number };
  /** Pages the sheet takes at the larger scale (an upper bound: it fills pages least). */
  pages: number;
  /** Rows (1-based) that begin a page: those asked for and those a group kept together moved. */
  breaksBefore: number[];
}

/**
 * Makes a sheet print cleanly, in this order: the flexible columns take the page's remaining
 * width, titles that do not fit are wrapped or shrunk, every row is as tall as its text, and the
 * page is set up (paper, orientation, fit to width, repeated header rows, footer) with its page
 * breaks: those asked for, and one before every group of rows merged down (an axis) or listed
 * in `keepTogether` that would otherwise be split between pages. Call it once, after the
 * sheet's values, merges, fonts and column widths are written.
 */
export function printLayout(
  sheet: ExcelJS.Worksheet,
  options: PrintLayoutOptions = {},
): PrintLayoutReport {
  if (options.flexibleColumns?.length) fitColumnsToPage(sheet, options);
  fitRowsToText(sheet, options);
  const plan = printEstimate(sheet, options);
  setupPage(sheet, { ...options, breaksBefore: plan.breaksBefore });
  return plan;
}

/** Stretches or narrows the flexible columns so the sheet is one page wide at `scale`. */
export function fitColumnsToPage(
  sheet: ExcelJS.Worksheet,
  options: PageOptions & ColumnFitOptions = {},
): void {
  const page = printableArea(options.paper, options.orientation ?? 'portrait', options.margins);
  const total = page.width / POINTS_PER_UNIT / (options.scale ?? 1);
  const count = sheet.columnCount;
  const widths = Array.from(
    { length: count },
    (_, i) => sheet.getColumn(i + 1).width ?? DEFAULT_COLUMN_WIDTH,
  );
  const fitted = fitWidths(
    widths,
    (options.flexibleColumns ?? []).map((c) => c - 1),
    total,
    options.minColumnWidth,
  );
  fitted.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

/** The text, font and wrapping of every cell holding text, as `rowHeights` takes them. */
export function sheetTextModel(sheet: ExcelJS.Worksheet, rows?: readonly number[]): SheetTextModel {
  const columnWidths = new Map<number, number>();
  for (let c = 1; c <= sheet.columnCount; c++) {
    const w = sheet.getColumn(c).width;
    if (w !== undefined) columnWidths.set(c, w);
  }
  const wanted = rows ? new Set(rows) : undefined;
  const cells: PlacedText[] = [];
  const given = new Map<number, number>();
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    if (wanted && !wanted.has(r)) return;
    if (row.height !== undefined) given.set(r, row.height);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const text = displayText(cell.value);
      if (text === '') return;
      cells.push({
        row: r,
        column: c,
        text,
        size: cell.font?.size,
        bold: cell.font?.bold,
        wrap: cell.alignment?.wrapText === true,
        indent: cell.alignment?.indent,
      });
    });
  });
  return {
    columnWidths,
    defaultColumnWidth: sheet.properties.defaultColWidth ?? DEFAULT_COLUMN_WIDTH,
    defaultRowHeight: sheet.properties.defaultRowHeight ?? DEFAULT_ROW_HEIGHT,
    merges: sheetMerges(sheet).map((m) => ({
      top: m.top + 1,
      left: m.left + 1,
      bottom: m.bottom + 1,
      right: m.right + 1,
    })),
    cells,
    rowHeights: given,
  };
}

/**
 * Fits every row (or `options.rows`) to its text: a title wider than its cell is wrapped or
 * shrunk, then each row gets the height its tallest cell needs (never lower than a height
 * already set). Returns the heights set, by 1-based row.
 */
export function fitRowsToText(
  sheet: ExcelJS.Worksheet,
  options: TextFitOptions = {},
): Map<number, number> {
  fitOverflowingText(sheet, options);
  const heights = rowHeights(sheetTextModel(sheet, options.rows));
  const minimum = sheet.properties.defaultRowHeight ?? DEFAULT_ROW_HEIGHT;
  for (const [r, h] of heights) if (h > minimum) sheet.getRow(r).height = h;
  return heights;
}

/**
 * Non-wrapped text wider than its cell: shrunk (when asked) and then wrapped. A left-aligned text
 * may run on over the empty cells to its right (up to the sheet's last column), as it does in
 * both programs; a right-aligned one over those to its left.
 */
function fitOverflowingText(sheet: ExcelJS.Worksheet, options: TextFitOptions): void {
  const model = sheetTextModel(sheet, options.rows);
  const widthOf = (c: number) =>
    (model.columnWidths as Map<number, number>).get(c) ??
    model.defaultColumnWidth ??
    DEFAULT_COLUMN_WIDTH;
  const merges = model.merges ?? [];
  const mergeAt = new Map(merges.map((m) => [`${m.top}:${m.left}`, m]));
  const free = (r: number, c: number) =>
    displayText(sheet.findRow(r)?.findCell(c)?.value ?? null) === '' &&
    !merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  const last = sheet.columnCount;
  for (const placed of model.cells) {
    if (placed.wrap) continue;
    const cell = sheet.getCell(placed.row, placed.column);
    if (typeof cell.value === 'number' || cell.value instanceof Date) continue;
    const merge = mergeAt.get(`${placed.row}:${placed.column}`);
    const right = merge?.right ?? placed.column;
    let width = 0;
    for (let c = placed.column; c <= right; c++) width += widthOf(c);
    const align = cell.alignment?.horizontal;
    if (!merge && (align === undefined || align === 'left'))
      for (let c = right + 1; c <= last && free(placed.row, c); c++) width += widthOf(c);
    if (!merge && align === 'right')
      for (let c = placed.column - 1; c >= 1 && free(placed.row, c); c--) width += widthOf(c);
    const available = usableWidth(width, placed.indent);
    let size = placed.size ?? DEFAULT_FONT_SIZE;
    if (textWidth(placed.text, { size, bold: placed.bold }) <= available) continue;
    if (options.overflow === 'shrink') {
      const floor = Math.min(size, options.minFontSize ?? 9);
      while (size > floor && textWidth(placed.text, { size, bold: placed.bold }) > available)
        size = Math.max(floor, size - 0.5);
      cell.font = { ...cell.font, size };
      if (textWidth(placed.text, { size, bold: placed.bold }) <= available) continue;
    }
    if (!merge && width > widthOf(placed.column)) {
      // Wrapped, it would have its own column only: merge it over the run-on width.
      let end = placed.column;
      while (end < last && free(placed.row, end + 1)) end++;
      if (end > placed.column && align !== 'right')
        sheet.mergeCells(placed.row, placed.column, placed.row, end);
    }
    cell.alignment = { ...cell.alignment, wrapText: true };
  }
}

/** Paper, orientation, fit to width, margins, repeated header rows, page breaks, footer. */
export function setupPage(sheet: ExcelJS.Worksheet, options: PageOptions = {}): void {
  const margins = { ...DEFAULT_MARGINS, ...options.margins };
  Object.assign(sheet.pageSetup, {
    paperSize: PAPER_POINTS[options.paper ?? 'A4'].code,
    orientation: options.orientation ?? 'portrait',
    fitToPage: true,
    fitToWidth: options.fitToWidth ?? 1,
    fitToHeight: options.fitToHeight ?? 0,
    margins,
    horizontalCentered: options.horizontalCentered ?? false,
  });
  if (options.repeatRows)
    sheet.pageSetup.printTitlesRow = `${options.repeatRows[0]}:${options.repeatRows[1]}`;
  for (const r of options.breaksBefore ?? []) if (r > 1) sheet.getRow(r - 1).addPageBreak();
  if (options.footer !== false)
    sheet.headerFooter.oddFooter = options.footer ?? '&C&"-,Regular"&9Página &P de &N';
}

/**
 * What fit-to-width makes of the sheet: its scale in each program, the pages it takes and the
 * page breaks it needs (those asked for, and those that keep merged rows and `keepTogether`
 * groups on one page), planned at the larger scale so that no group is split in either program.
 */
export function printEstimate(
  sheet: ExcelJS.Worksheet,
  options: PageOptions & Pick<PrintLayoutOptions, 'keepTogether' | 'keepMergesTogether'> = {},
): PrintLayoutReport {
  const page = printableArea(options.paper, options.orientation ?? 'portrait', options.margins);
  let libreoffice = 0;
  let excel = 0;
  for (let c = 1; c <= sheet.columnCount; c++) {
    const w = sheet.getColumn(c).width ?? DEFAULT_COLUMN_WIDTH;
    libreoffice += w * POINTS_PER_UNIT;
    excel += w * EXCEL_POINTS_PER_UNIT;
  }
  const scale = {
    libreoffice: Math.min(1, page.width / Math.max(1, libreoffice)),
    excel: Math.min(1, page.width / Math.max(1, excel)),
  };
  const minimum = sheet.properties.defaultRowHeight ?? DEFAULT_ROW_HEIGHT;
  const heights = Array.from(
    { length: sheet.rowCount },
    (_, i) => sheet.getRow(i + 1).height ?? minimum,
  );
  const [first, last] = options.repeatRows ?? [1, 0];
  const repeated = heights.slice(first - 1, last).reduce((s, h) => s + h, 0);
  const keep = [
    ...(options.keepMergesTogether === false
      ? []
      : sheetMerges(sheet).filter((m) => m.bottom > m.top)),
    ...(options.keepTogether ?? []).map(([top, bottom]) => ({ top: top - 1, bottom: bottom - 1 })),
  ].filter((g) => !options.repeatRows || g.top >= last);
  const plan = planPages(heights, page.height, {
    scale: Math.max(scale.libreoffice, scale.excel),
    breaksBefore: (options.breaksBefore ?? []).map((r) => r - 1),
    keepTogether: keep,
    repeatedHeight: repeated,
  });
  return { page, scale, pages: plan.pages, breaksBefore: plan.breaks.map((r) => r + 1) };
}

function sheetMerges(sheet: ExcelJS.Worksheet): CellRange[] {
  const model = sheet.model as { merges?: string[] };
  return (model.merges ?? []).map(parseRange).filter((r): r is CellRange => r !== undefined);
}

/** The text a cell shows, near enough to measure. */
export function displayText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return '00/00/0000';
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return displayText(((value as ExcelJS.CellFormulaValue).result ?? '') as ExcelJS.CellValue);
  if ('hyperlink' in value) return displayText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}
