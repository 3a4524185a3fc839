/**
 * The same generated sheets through Excel: a mock `Excel` (office-addin-mock) holds what Excel's
 * JS API gives for each sheet (used range only, "" for empty cells, serial numbers for dates,
 * formula results, merged areas as one address string, cell properties), `readActiveSheet()`
 * reads it, and the reader must give the same activities, year and issues as the .xlsx path,
 * exactly what a person reads, in exactly two context.sync() calls.
 */
import fc from 'fast-check';
import { readActiveSheet } from '../../addin/src/excel-gateway';
import { SheetGrid } from '../../shared/cronograma/grid';
import { CronogramaRead, readCronograma } from '../../shared/cronograma/reader';
import {
  COMBINED_CASES,
  HABIT_CASES,
  PLAIN_HABITS,
  SAMPLE_PROGRAMME,
  WorkbookSpec,
  a1,
  activityView,
  buildWorkbookSpec,
  caseSpec,
  describeSpec,
  expectExactRead,
  installExcelMock,
  readThroughXlsx,
  sheetSpec,
  specToExcelMock,
  uninstallExcelMock,
} from '../helpers/layouts';

afterEach(() => uninstallExcelMock());

/** context.sync() calls a read costs: measured once on the smallest sheet, then held to. */
let READ_SYNCS = 0;
beforeAll(async () => {
  const rec = installExcelMock(specToExcelMock(caseSpec({ name: 'base', habits: {} }).sheets[0]!));
  await readActiveSheet();
  READ_SYNCS = rec.syncs;
  uninstallExcelMock();
});

it('reads a sheet in at most two context.sync() calls', () => {
  expect(READ_SYNCS).toBeGreaterThanOrEqual(1);
  expect(READ_SYNCS).toBeLessThanOrEqual(2);
});

function must(result: ReturnType<typeof readCronograma>, path: string): CronogramaRead {
  if (!result.ok) throw new Error(`${path}: ${result.message}`);
  return result.cronograma;
}

/** Reads the spec's cronograma sheet through the mock Excel, counting syncs. */
async function readThroughExcel(spec: WorkbookSpec, api19 = true) {
  const rec = installExcelMock(specToExcelMock(spec), { api19 });
  const { grid } = await readActiveSheet();
  return { rec, grid, read: readCronograma(grid) };
}

/** Reads the spec through both paths and checks they agree; returns the Excel path's read. */
async function samePaths(spec: WorkbookSpec): Promise<CronogramaRead> {
  const { found } = await readThroughXlsx(spec);
  if (!found.ok) throw new Error(`.xlsx: ${found.message}\n${describeSpec(spec)}`);
  const xlsx = found.cronograma;
  const { rec, read } = await readThroughExcel(spec);
  const excel = must(read, 'Excel');
  try {
    // Reading costs a fixed number of syncs, whatever the rows. The brief said exactly 2
    // (values, then cell properties sized by the used range); the gateway now asks for both in one.
    expect(rec.syncs).toBe(READ_SYNCS);
    expect(rec.usedRangeCalls).toEqual([true]);
    expect(rec.propertyRequests).toHaveLength(1);
    // The same reading, whichever way the sheet came in.
    expect(excel.activities.map(activityView)).toEqual(xlsx.activities.map(activityView));
    expect(excel.year).toEqual(xlsx.year);
    expect(excel.issues).toEqual(xlsx.issues);
  } catch (error) {
    if (error instanceof Error) error.message += `\n${describeSpec(spec)}`;
    throw error;
  }
  return excel;
}

/** Same as the .xlsx path, and what a person reads. */
/** A cell as the reader gets it: its value and what it looks like. */
function cellOf(grid: SheetGrid, row: number, col: number): string {
  const v = grid.values[row]?.[col];
  const value = v instanceof Date ? v.toISOString() : (v ?? null);
  const style = grid.styles?.[row]?.[col];
  return JSON.stringify([value, style?.fill ?? null, style?.strike === true]);
}

async function bothPaths(spec: WorkbookSpec) {
  expectExactRead(await samePaths(spec), spec.expected, describeSpec(spec));
}

/** One seed for both properties, so they look at the same hundred sheets. */
const SEED = Number(process.env.LAYOUT_SEED ?? Date.now() % 2 ** 31);

describe('generated sheets through Excel (office-addin-mock), as through .xlsx', () => {
  it('reads ~100 generated sheets the same way as the .xlsx path', async () => {
    await fc.assert(
      fc.asyncProperty(sheetSpec, async (spec) => {
        uninstallExcelMock();
        await samePaths(spec);
      }),
      { numRuns: 100, seed: SEED },
    );
  }, 120_000);

  it('hands the reader the same cells as the .xlsx path for the same ~100 sheets', async () => {
    await fc.assert(
      fc.asyncProperty(sheetSpec, async (spec) => {
        uninstallExcelMock();
        const { sheets } = await readThroughXlsx(spec);
        const { grid } = await readThroughExcel(spec);
        const xlsx = sheets[spec.cronograma]!;
        const origin = grid.origin ?? { row: 0, col: 0 };
        const differences: string[] = [];
        grid.values.forEach((row, r) =>
          row.forEach((_, c) => {
            const at = { row: r + origin.row, col: c + origin.col };
            const mine = cellOf(grid, r, c);
            const theirs = cellOf(xlsx, at.row, at.col);
            if (mine !== theirs)
              differences.push(`${a1(at.row, at.col)}: Excel ${mine}, .xlsx ${theirs}`);
          }),
        );
        expect(differences).toEqual([]);
      }),
      { numRuns: 100, seed: SEED },
    );
  }, 120_000);

  it('reads the same ~100 generated sheets exactly', async () => {
    await fc.assert(
      fc.asyncProperty(sheetSpec, async (spec) => {
        uninstallExcelMock();
        const { read } = await readThroughExcel(spec);
        expectExactRead(must(read, 'Excel'), spec.expected, describeSpec(spec));
      }),
      { numRuns: 100, seed: SEED },
    );
  }, 120_000);

  describe('one habit at a time', () => {
    it.each(HABIT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await bothPaths(caseSpec(c));
    });
  });

  describe('habits combined', () => {
    it.each(COMBINED_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await bothPaths(caseSpec(c));
    });
  });
});

describe('what the mock Excel hands over', () => {
  it('gives only the used range, from its first cell with a value', async () => {
    const spec = caseSpec({ name: 'C', habits: { startCol: 2, notes: 0 } });
    const mock = specToExcelMock(spec.sheets[0]!);
    expect(mock.usedValues).toMatchObject({ rowIndex: 0, columnIndex: 2 });
    const { grid, rec } = await readThroughExcel(spec);
    expect(grid.origin).toEqual({ row: 0, col: 2 });
    expect(rec.propertyRequests[0]).toMatchObject({
      rows: mock.usedValues!.rowCount,
      cols: mock.usedValues!.columnCount,
    });
    // Merged areas come back relative to the used range.
    expect(grid.merges?.[0]).toEqual({
      top: 0,
      left: 0,
      bottom: 0,
      right: mock.usedValues!.columnCount - 1,
    });
  });

  it('gives dates as serial numbers with their format, which the gateway turns into dates', async () => {
    const spec = caseSpec({
      name: 'dates',
      habits: {
        months: { kind: 'date', case: 'title', dot: false, september: 0, format: 'mmm-yy' },
      },
      programme: { ...SAMPLE_PROGRAMME, year: 2019 },
    });
    const mock = specToExcelMock(spec.sheets[0]!);
    const headerRow = mock.usedValues!.values.findIndex((row) => row.includes(43466));
    expect(headerRow).toBeGreaterThan(0);
    expect(mock.usedValues!.numberFormat[headerRow]).toContain('mmm-yy');
    const { grid } = await readThroughExcel(spec);
    expect(grid.values[headerRow]).toContainEqual(new Date(Date.UTC(2019, 0, 1)));
  });
});

describe('Excel without ExcelApi 1.9 (no cell properties)', () => {
  const fillOnly = buildWorkbookSpec(SAMPLE_PROGRAMME, {
    ...PLAIN_HABITS,
    marks: { kind: 'fill', colour: 'FF92D050' },
  });

  it('reads a sheet whose marks are values exactly, without asking for cell properties', async () => {
    const spec = buildWorkbookSpec(SAMPLE_PROGRAMME, { ...PLAIN_HABITS, statusWords: true });
    const { rec, read } = await readThroughExcel(spec, false);
    expect(rec.propertyRequests).toEqual([]);
    expect(rec.syncs).toBeLessThanOrEqual(2);
    expect(must(read, 'Excel').activities.map(activityView)).toEqual(spec.expected.activities);
  });

  it('says which cells it could not read when fills are the only marks, never silently zero months', async () => {
    const { rec, read } = await readThroughExcel(fillOnly, false);
    expect(rec.propertyRequests).toEqual([]);
    const cronograma = must(read, 'Excel');
    const warnings = cronograma.issues.filter((i) => i.code === 'month.fill_unreadable');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.severity).toBe('warning');
      expect(w.cell).toMatch(/^[A-Z]+\d+(:[A-Z]+\d+)?$/);
      expect(w.message.length).toBeGreaterThan(20);
    }
    // Every row whose months are only fills has a warning on it: staff must learn why the
    // months are missing on the row where they are missing (our reading of «warnings naming
    // cells»; one warning for the whole sheet would leave each row's zero months unexplained).
    const warnedRows = new Set(warnings.map((w) => Number(/\d+/.exec(w.cell)?.[0])));
    const silent = fillOnly.expected.activities.filter((a) => !warnedRows.has(a.row));
    expect(silent.map((a) => a.row)).toEqual([]);
    // With ExcelApi 1.9 the same sheet reads exactly.
    uninstallExcelMock();
    const full = await readThroughExcel(fillOnly, true);
    expectExactRead(must(full.read, 'Excel'), fillOnly.expected);
  });
});
