import { writeFileSync } from 'node:fs';
/**
 * Workbooks print cleanly: row heights from the text (unit tests of the estimate), and the
 * seed workbook, the calendar sheet and the programme export printed by LibreOffice (headless)
 * to PDF — page counts, no words drawn over one another or off the page, every description
 * printed — with each page rendered to tests/artifacts/pdf/<name>/ for people to look at.
 */
import { programmeWorkbook } from '../../../backend/xlsx/programme-workbook';
import {
  DEFAULT_ROW_HEIGHT,
  cellHeight,
  fitRowsToText,
  fitWidths,
  linesHeight,
  printLayout,
  planPages,
  printableArea,
  rowHeights,
  textWidth,
  wrapLines,
  displayText,
} from '../../../backend/xlsx/print';
import { ExcelJS, addCalendarSheet } from '../../../backend/xlsx/workbook';
import { exportProgramme } from '../../../backend/services/exports';
import { readSessionReport } from '../../../backend/services/reports';
import { seedProgramme as seedStore } from '../../../backend/services/seed';
import { sessionReportWorkbook } from '../../../backend/xlsx/report-workbook';
import { addSession, generateCalendar, rescheduleSession } from '../../../shared/calendar/calendar';
import { layoutCalendarSheet } from '../../../shared/calendar/sheet';
import { parseRange } from '../../../shared/address';
import { Status } from '../../../shared/status';
import { loadSeedProgramme } from '../../../seeds';
import { tempDir } from '../../helpers/files';
import { newStore } from '../../helpers/server';
import {
  PdfPage,
  overlappingWords,
  pdfPageCount,
  pdfPages,
  renderPdf,
  wordsOffPage,
  xlsxToPdf,
} from '../../helpers/pdf';

const tmp = tempDir('pat-print-');
afterAll(() => tmp.cleanup());

describe('row heights from text', () => {
  // «0000» is 4 digits, 4 units (× the 3 % margin); with its space 4 words fit in 20 units, not 5.
  const words = (n: number) => Array.from({ length: n }, () => '0000').join(' ');

  it('measures text in column units: a digit is one unit, bold and larger type are wider', () => {
    expect(textWidth('0000000000')).toBeCloseTo(10.3, 5);
    expect(textWidth('0000000000', { size: 22 })).toBeCloseTo(20.6, 5);
    expect(textWidth('Actividades', { bold: true })).toBeGreaterThan(textWidth('Actividades'));
    expect(textWidth('iiii')).toBeLessThan(textWidth('mmmm'));
    expect(textWidth('canción')).toBeCloseTo(textWidth('cancion'), 5);
  });

  it('wraps at word boundaries: known lengths give known lines and heights', () => {
    expect(wrapLines(words(4), 20)).toEqual([words(4)]);
    expect(wrapLines(words(5), 20)).toEqual([words(4), '0000']);
    expect(wrapLines(words(10), 20)).toEqual([words(4), words(4), words(2)]);
    // An indent level takes 1.5 units: 3 words a line.
    expect(wrapLines(words(4), 20, {}, 1)).toEqual([words(3), '0000']);
    expect(linesHeight(1)).toBe(DEFAULT_ROW_HEIGHT);
    expect(linesHeight(3)).toBe(43.75); // 3 × 14.3 + 0.7, up to a quarter point
    expect(linesHeight(2, 14)).toBe(37.25);
    expect(cellHeight({ text: words(10), width: 20, wrap: true })).toBe(43.75);
    expect(cellHeight({ text: words(10), width: 60, wrap: true })).toBe(DEFAULT_ROW_HEIGHT);
    // Not wrapped: one line whatever its length.
    expect(cellHeight({ text: words(10), width: 20 })).toBe(DEFAULT_ROW_HEIGHT);
    expect(cellHeight({ text: '', width: 20, wrap: true })).toBe(0);
  });

  it('starts a line at each line break, blank lines included, and cuts a word wider than the cell', () => {
    expect(wrapLines('uno\ndos\r\ntres', 40)).toEqual(['uno', 'dos', 'tres']);
    expect(wrapLines('uno\n\ntres', 40)).toEqual(['uno', '', 'tres']);
    expect(cellHeight({ text: 'uno\ndos\ntres', width: 40, wrap: true })).toBe(linesHeight(3));
    const long = '0'.repeat(25);
    expect(wrapLines(long, 10.5)).toEqual(['0'.repeat(9), '0'.repeat(9), '0'.repeat(7)]);
  });

  it('makes a row as tall as its tallest cell, at least the default, and keeps a taller height', () => {
    const heights = rowHeights({
      columnWidths: [undefined, 20, 10, 30],
      cells: [
        { row: 1, column: 1, text: words(10), wrap: true }, // 3 lines
        { row: 1, column: 2, text: words(2), wrap: true }, // 2 lines
        { row: 2, column: 3, text: 'corto', wrap: true },
        { row: 3, column: 1, text: words(10) }, // not wrapped
      ],
      rowHeights: new Map([[4, 60]]),
    });
    expect(Object.fromEntries(heights)).toEqual({ 1: 43.75, 2: 15, 3: 15, 4: 60 });
  });

  it('measures a merged cell at its merged width, and shares a tall merge among its rows', () => {
    const across = rowHeights({
      columnWidths: [undefined, 20, 20],
      merges: [{ top: 1, left: 1, bottom: 1, right: 2 }],
      cells: [{ row: 1, column: 1, text: words(10), wrap: true }],
    });
    expect(across.get(1)).toBe(linesHeight(2)); // 40 units: 8 words a line
    const down = rowHeights({
      columnWidths: [undefined, 10, 60],
      merges: [{ top: 1, left: 1, bottom: 2, right: 1 }],
      cells: [
        { row: 1, column: 1, text: words(10), wrap: true }, // 2 words a line: 5 lines
        { row: 1, column: 2, text: 'una línea', wrap: true },
        { row: 2, column: 2, text: words(20), wrap: true }, // 12 a line: 2 lines
      ],
    });
    const needed = linesHeight(5);
    expect(down.get(1)! + down.get(2)!).toBeGreaterThanOrEqual(needed);
    expect(down.get(1)! + down.get(2)!).toBeLessThan(needed + 1);
    expect(down.get(2)!).toBeGreaterThan(down.get(1)!); // the 2-line row kept its extra
  });

  it('fits columns to the page and counts pages', () => {
    const a4 = printableArea('A4', 'landscape', { left: 0.5, right: 0.5, top: 0.5, bottom: 0.5 });
    expect(a4.width).toBeCloseTo(841.89 - 72, 1);
    expect(a4.height).toBeCloseTo(595.28 - 72, 1);
    expect(fitWidths([5, 50, 14, 5], [1], 100)).toEqual([5, 76, 14, 5]);
    expect(fitWidths([5, 50, 14, 5], [1], 30, 10)).toEqual([5, 10, 14, 5]);
    expect(planPages([100, 100, 100], 250)).toEqual({ pages: 2, breaks: [] });
    expect(planPages([100, 100, 100], 250, { scale: 0.5 })).toEqual({ pages: 1, breaks: [] });
    expect(planPages([100, 100, 100], 250, { scale: 0.5, breaksBefore: [2] })).toEqual({
      pages: 2,
      breaks: [2],
    });
    // Row 0 repeated on every page: 50 + 100 + 100, then 50 + 100.
    expect(planPages([50, 100, 100, 100], 260, { repeatedHeight: 50 }).pages).toBe(2);
  });

  it('moves a group of rows to the next page rather than split it, when it fits on one', () => {
    const heights = [40, 40, 40, 40, 40, 40];
    // Rows 2–4 (120) do not fit after rows 0–1 (80) on a 150 page: the page breaks before row 2.
    expect(planPages(heights, 150, { keepTogether: [{ top: 2, bottom: 4 }] })).toEqual({
      pages: 3,
      breaks: [2],
    });
    // A group taller than a page is split where the pages are full.
    expect(planPages(heights, 100, { keepTogether: [{ top: 1, bottom: 5 }] })).toEqual({
      pages: 3,
      breaks: [],
    });
    // A group at the top of a page stays where it is.
    expect(planPages(heights, 150, { keepTogether: [{ top: 0, bottom: 2 }] }).breaks).toEqual([]);
  });

  it('lets a title run on over the empty cells to its right, and wraps it over them when even that is too narrow', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.columns = [{ width: 8 }, { width: 30 }, { width: 10 }];
    sheet.getCell('A1').value = 'Resumen por eje al 2021-07-15'; // ≈ 25 units: runs on over B
    sheet.getCell('A1').font = { bold: true, size: 13 };
    sheet.getCell('A2').value = 'x '.repeat(25); // ≈ 37 units: fits over A:C (48)
    sheet.getCell('A3').value = 'palabra '.repeat(10); // ≈ 65 units: wider than A:C
    sheet.getCell('C4').value = 'fin';
    fitRowsToText(sheet);
    expect(sheet.getCell('A1').alignment?.wrapText).toBeUndefined();
    expect(sheet.getCell('A2').alignment?.wrapText).toBeUndefined();
    expect(sheet.getCell('A3').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('C3').isMerged).toBe(true); // A3:C3, wrapped over its run-on width
    expect(sheet.getRow(3).height).toBe(linesHeight(2));
  });

  it('on a sheet: wraps or shrinks a title wider than its cell, and sets every row’s height', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.getColumn(1).width = 20;
    sheet.getCell('A1').value = 'UN TÍTULO MUY LARGO QUE NO CABE';
    sheet.getCell('A1').font = { bold: true, size: 14 };
    sheet.getCell('A2').value = words(10);
    sheet.getCell('A2').alignment = { wrapText: true };
    sheet.getCell('A3').value = 'Corto';
    sheet.getCell('A4').value = 'Un título largo, que se reduce';
    fitRowsToText(sheet, { rows: [1, 2, 3] });
    expect(sheet.getCell('A1').alignment?.wrapText).toBe(true);
    expect(sheet.getRow(1).height).toBeGreaterThan(DEFAULT_ROW_HEIGHT);
    expect(sheet.getRow(2).height).toBe(43.75);
    expect(sheet.getRow(3).height).toBeUndefined();
    expect(sheet.getCell('A4').alignment?.wrapText).toBeUndefined(); // row 4 not asked for
    const report = printLayout(sheet, { overflow: 'shrink', minFontSize: 6, rows: [4] });
    expect(sheet.getCell('A4').font.size).toBeLessThan(11);
    expect(sheet.getCell('A4').alignment?.wrapText).toBeUndefined();
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(report.scale).toEqual({ libreoffice: 1, excel: 1 });
    expect(report.pages).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

/** Every cell's text fits the rows it spans, measured at its (merged) width: the read-back check. */
function shortRows(sheet: ExcelJS.Worksheet): string[] {
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  for (const a1 of (sheet.model as { merges?: string[] }).merges ?? []) {
    const m = parseRange(a1)!;
    merges.set(`${m.top + 1}:${m.left + 1}`, {
      top: m.top + 1,
      left: m.left + 1,
      bottom: m.bottom + 1,
      right: m.right + 1,
    });
  }
  const short: string[] = [];
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const text = displayText(cell.value);
      const m = merges.get(`${r}:${c}`) ?? { top: r, left: c, bottom: r, right: c };
      let width = 0;
      for (let k = m.left; k <= m.right; k++) width += sheet.getColumn(k).width ?? 8.43;
      let height = 0;
      for (let k = m.top; k <= m.bottom; k++) height += sheet.getRow(k).height ?? 15;
      const needed = cellHeight({
        text,
        width,
        size: cell.font?.size,
        bold: cell.font?.bold,
        wrap: cell.alignment?.wrapText === true,
        indent: cell.alignment?.indent,
      });
      if (height + 0.01 < needed)
        short.push(`${sheet.name}!${cell.address}: ${height} < ${needed} («${text.slice(0, 40)}»)`);
    });
  });
  return short;
}

/** The cronograma's activity rows: their description cell, by the «Actividades» header. */
function descriptionCells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  let column = 0;
  let headerRow = 0;
  sheet.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (!column && cell.value === 'Actividades') [column, headerRow] = [c, r];
    }),
  );
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow((row, r) => {
    const cell = row.getCell(column);
    if (r > headerRow + 2 && typeof cell.value === 'string' && cell.value !== 'Actividades')
      cells.push(cell);
  });
  return cells;
}

function pagesWith(pages: PdfPage[], text: string): number[] {
  return pages.flatMap((p, i) => (p.text.includes(text) ? [i + 1] : []));
}

function printedCleanly(pages: PdfPage[]): string[] {
  return pages.flatMap((page, i) => [
    ...overlappingWords(page).map(([a, b]) => `page ${i + 1}: «${a.text}» over «${b.text}»`),
    ...wordsOffPage(page).map((w) => `page ${i + 1}: «${w.text}» off the page`),
  ]);
}

/** Words as printed, split at hyphens too (a hyphenated word may wrap at its hyphen). */
function printedWords(pages: PdfPage[]): Set<string> {
  return new Set(pages.flatMap((p) => p.words.flatMap((w) => pieces(w.text))));
}

function pieces(text: string): string[] {
  return text.split(/[\s-]+/).filter((w) => w !== '');
}

/**
 * Sheets written elsewhere that do not call `printLayout` yet: the export's summary per axis
 * (backend/xlsx/report-workbook.ts). Their pages are counted but not checked.
 */
const NOT_FITTED: string[] = [];

describe('printed by LibreOffice', () => {
  const programme = loadSeedProgramme();
  const files = {
    seed: tmp.path('seed-workbook.xlsx'),
    calendar: tmp.path('calendar.xlsx'),
    export: tmp.path('export.xlsx'),
    report: tmp.path('report.xlsx'),
  };
  const pdf: Record<keyof typeof files, { pages: PdfPage[]; count: number; pngs: string[] }> =
    {} as never;
  const read: Record<keyof typeof files, ExcelJS.Workbook> = {} as never;

  beforeAll(async () => {
    await programmeWorkbook(programme).xlsx.writeFile(files.seed);

    // A calendar with a rescheduled session and an extraordinary one: long notes under the table.
    let calendar = generateCalendar({ year: programme.year, ...programme.calendarRule });
    const who = { by: 'ana.lopez@iecm.mx', at: '2021-08-01T10:00:00Z' };
    calendar = rescheduleSession(calendar, {
      number: 9,
      date: '2021-09-23',
      reason:
        'Coincide con la sesión del Consejo General en la que se presenta el informe anual de actividades de las comisiones permanentes',
      ...who,
    });
    calendar = addSession(calendar, {
      date: '2021-03-10',
      type: 'extraordinaria',
      reason: 'Aprobación urgente del convenio con el Instituto Nacional Electoral',
      ...who,
    });
    const calendarBook = new ExcelJS.Workbook();
    addCalendarSheet(
      calendarBook,
      layoutCalendarSheet(calendar, { commission: programme.commission.acronym }),
    );
    await calendarBook.xlsx.writeFile(files.calendar);

    // The export of the seeded programme with statuses in words in axes 1 and 2.
    const store = await newStore();
    await seedStore(store, programme);
    const kinds: Status[] = [
      'realizada',
      'en_proceso',
      'reprogramada',
      'no_realizada',
      'cancelada',
      'realizada',
    ];
    const statuses = (await store.statuses.list(programme.id)).filter(
      (s) => s.planned && /^[12]\./.test(s.activityId),
    );
    await store.statuses.write(
      programme.id,
      statuses.map((current, i) => ({ current, change: { status: kinds[i % kinds.length]! } })),
      { name: 'ana.lopez@iecm.mx' },
    );
    writeFileSync(
      files.export,
      (await exportProgramme(store, programme.id, '2021-07-15')).workbook,
    );
    const { report, commission } = await readSessionReport(store, programme.id, 6);
    await sessionReportWorkbook(report, { commission }).xlsx.writeFile(files.report);

    for (const key of Object.keys(files) as (keyof typeof files)[]) {
      read[key] = new ExcelJS.Workbook();
      await read[key].xlsx.readFile(files[key]);
    }
    const pdfs = await xlsxToPdf(Object.values(files), tmp.path('pdf'));
    (Object.keys(files) as (keyof typeof files)[]).forEach((key, i) => {
      const file = pdfs[i]!;
      pdf[key] = { pages: pdfPages(file), count: pdfPageCount(file), pngs: renderPdf(file, key) };
    });
  }, 90_000);

  it('gives every row of every sheet the height its text needs at its column width', () => {
    for (const workbook of Object.values(read))
      for (const sheet of workbook.worksheets.filter((s) => !NOT_FITTED.includes(s.name)))
        expect(shortRows(sheet)).toEqual([]);
    for (const key of ['seed', 'export'] as const) {
      const sheet = read[key].worksheets.find((s) => s.name.startsWith('Cronograma'))!;
      const cells = descriptionCells(sheet);
      expect(cells).toHaveLength(programme.activities.length);
      for (const cell of cells) {
        expect(cell.alignment?.wrapText).toBe(true);
        const width = sheet.getColumn(cell.col).width!;
        const needed = cellHeight({ text: String(cell.value), width, wrap: true, indent: 1 });
        expect(sheet.getRow(Number(cell.row)).height ?? DEFAULT_ROW_HEIGHT).toBeGreaterThanOrEqual(
          needed,
        );
      }
    }
  });

  it('prints the seed workbook on 6 A4 pages: the cover on 1, the cronograma on 4 landscape pages (a header block each), the calendar on 1', () => {
    const { pages, count, pngs } = pdf.seed;
    expect(count).toBe(6);
    expect(pngs).toHaveLength(6);
    expect(pages[0]!.text).toContain('Programa Anual de Trabajo');
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height);
    expect(pagesWith(pages, 'TRIMESTRES')).toEqual([2, 3, 4, 5]);
    for (const p of pages.slice(1, 5)) expect(p.width).toBeGreaterThan(p.height);
    expect(pagesWith(pages, 'CALENDARIO ANUAL DE SESIONES')).toEqual([6]);
    expect(printedCleanly(pages)).toEqual([]);
    const printed = printedWords(pages);
    for (const a of programme.activities)
      for (const word of pieces(a.description)) expect(printed).toContain(word);
    for (const word of pieces(programme.title)) expect(printed).toContain(word);
  });

  it('prints the calendar sheet, notes and all, on 1 A4 portrait page', () => {
    const { pages, count } = pdf.calendar;
    expect(count).toBe(1);
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height);
    expect(pages[0]!.text).toContain('CALENDARIO ANUAL DE SESIONES DE LA CVOE');
    expect(pages[0]!.text).toContain('comisiones permanentes'); // the end of the longest note
    expect(printedCleanly(pages)).toEqual([]);
  });

  it('prints the programme export’s cronograma on 6 landscape pages, its header on each and no axis split, then the calendar on 1', () => {
    const { pages, count } = pdf.export;
    const cronograma = pagesWith(pages, 'TRIMESTRES');
    expect(cronograma).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pagesWith(pages, 'CALENDARIO ANUAL DE SESIONES')).toEqual([7]);
    // Then the summary per axis, on one page.
    expect(pagesWith(pages, 'Resumen por eje')).toEqual([8]);
    expect(count).toBe(8);
    expect(printedCleanly(pages)).toEqual([]);
    const ours = pages.slice(0, 7);
    expect(printedCleanly(ours)).toEqual([]);
    for (const p of ours.slice(0, 6)) expect(p.width).toBeGreaterThan(p.height);
    // Each axis on one page (axis 6 is taller than a page at Excel's scale: it takes two).
    const idPages = new Map<string, number[]>();
    ours.slice(0, 6).forEach((p, i) => {
      for (const w of p.words)
        if (/^\d\.\d+$/.test(w.text)) idPages.set(w.text, [...(idPages.get(w.text) ?? []), i + 1]);
    });
    const axisPages = (axis: number) => [
      ...new Set(
        programme.activities.filter((a) => a.axis === axis).flatMap((a) => idPages.get(a.id) ?? []),
      ),
    ];
    expect([1, 2, 3, 4, 5, 6].map(axisPages)).toEqual([[1], [2], [3], [4], [5], [5, 6]]);
    const printed = printedWords(ours);
    for (const a of programme.activities)
      for (const word of pieces(a.description)) expect(printed).toContain(word);
    for (const word of ['Realizada', 'Cancelada', 'proceso', 'realizada'])
      expect(printed).toContain(word);
  });

  it('prints the June session report one axis per landscape page, the column headers on each', () => {
    const { pages, count } = pdf.report;
    const axes = [
      ...new Set(
        programme.activities.filter((a) => a.months.some((m) => m <= 6)).map((a) => a.axis),
      ),
    ];
    expect(count).toBe(axes.length);
    expect(printedCleanly(pages)).toEqual([]);
    pages.forEach((p, i) => {
      expect(p.width).toBeGreaterThan(p.height);
      expect(p.text).toContain('Realizados'); // the repeated header row
      expect(p.text).toContain(`Eje ${axes[i]}`);
      for (const other of axes.filter((x) => x !== axes[i]))
        expect(p.text).not.toContain(`Total del eje ${other}`);
    });
  });
});
