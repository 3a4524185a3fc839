/**
 * The gateway against office-addin-mock: what it reads and writes, and how many context.sync()
 * calls each operation costs for a 26-row and a 5,000-row cronograma.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { rangeAddress } from '../../shared/address';
import { CellValue } from '../../shared/cronograma/grid';
import {
  MAX_REQUEST_BYTES,
  applyToSheet,
  editSheet,
  readActiveSheet,
  selectCell,
  writeBlocks,
} from '../../addin/src/excel-gateway';
import { generatedLayout } from '../../tools/bench/cronograma';
import { seedLayout } from '../helpers/workbooks';

interface Recorded {
  syncs: number;
  blocks: { row: number; col: number; values: unknown[][] }[];
  validations: string[];
  names: string[];
  conditionalFormats: number;
  selected?: string;
  inserted: { row: number; count: number }[];
  formulas: { row: number; col: number; formula: unknown }[];
  fills: { row: number; col: number; colour: string | null }[];
  strikes: { row: number; on: boolean }[];
}

/** Excel's error when a response would pass Excel on the web's 5 MB limit. */
const tooLarge = Object.assign(new Error('Response payload size limit exceeded'), {
  code: 'ResponsePayloadSizeLimitExceeded',
});

/** A mock Excel holding one sheet's values and merged areas, recording what the gateway does. */
function installExcel(
  values: CellValue[][],
  mergedAddress: string | null,
  options: { stylesFail?: Error; noApi19?: boolean } = {},
): Recorded {
  const rec: Recorded = {
    syncs: 0,
    blocks: [],
    validations: [],
    names: [],
    conditionalFormats: 0,
    inserted: [],
    formulas: [],
    fills: [],
    strikes: [],
  };
  let failNextSync: Error | undefined;
  // As Excel gives them: empty cells as "", every cell with a number format.
  const excelValues = values.map((r) => r.map((v) => (v === null || v === undefined ? '' : v)));
  const width = Math.max(...values.map((r) => r.length));
  const range = (address: string) => ({
    address,
    conditionalFormats: {
      add() {
        rec.conditionalFormats++;
        return {
          custom: { rule: {}, format: { fill: {} } },
          textComparison: { format: { fill: {} }, rule: {} },
        };
      },
    },
    dataValidation: {
      clear() {
        rec.validations.push(address);
      },
    },
    select() {
      rec.selected = address;
    },
  });
  const sheet = {
    name: 'Cronograma 2021',
    getUsedRangeOrNullObject() {
      return this.used;
    },
    used: {
      values: excelValues,
      numberFormat: excelValues.map((r) => r.map(() => 'General')),
      formulasR1C1: excelValues.map((r) => r.map((v) => String(v))),
      rowIndex: 0,
      columnIndex: 0,
      rowCount: values.length,
      columnCount: width,
      isNullObject: false,
      merged: { address: mergedAddress ?? '', isNullObject: mergedAddress === null },
      getMergedAreasOrNullObject() {
        return this.merged;
      },
      getCellProperties() {
        if (options.stylesFail) failNextSync = options.stylesFail;
        return {
          value: excelValues.map((r) =>
            r.map(() => ({
              format: {
                fill: { color: '#FFFFFF', pattern: 'None' },
                font: { strikethrough: false },
              },
            })),
          ),
        };
      },
    },
    getRange: (address: string) => range(address),
    getRangeByIndexes(row: number, col: number, h: number, _w: number) {
      const block = { row, col, values: [] as unknown[][] };
      return {
        set values(v: unknown[][]) {
          block.values = v;
          rec.blocks.push(block);
        },
        set formulasR1C1(v: unknown[][]) {
          rec.formulas.push({ row, col, formula: v[0]![0] });
        },
        getEntireRow: () => ({ insert: () => rec.inserted.push({ row, count: h }) }),
        format: {
          fill: {
            set color(colour: string) {
              rec.fills.push({ row, col, colour });
            },
            clear: () => rec.fills.push({ row, col, colour: null }),
          },
          font: {
            set strikethrough(on: boolean) {
              rec.strikes.push({ row, on });
            },
            set color(_c: string) {},
          },
        },
      };
    },
    activate() {},
  };
  const data = {
    context: {
      workbook: {
        worksheets: {
          active: sheet,
          getActiveWorksheet() {
            return this.active;
          },
          getItem() {
            return this.active;
          },
        },
        names: {
          missing: { name: '', isNullObject: true },
          getItemOrNullObject() {
            return this.missing;
          },
          add(name: string) {
            rec.names.push(name);
          },
          getItem() {
            return { delete() {} };
          },
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const excel = new OfficeMockObject(data) as any;
  // Excel answers isNullObject after any sync; the mock only after a load of it.
  for (const o of [
    excel.context.workbook.worksheets.active.used,
    excel.context.workbook.worksheets.active.used.merged,
    excel.context.workbook.names.missing,
  ])
    o.load('isNullObject');
  const sync = excel.context.sync.bind(excel.context);
  void sync();
  excel.context.sync = async () => {
    rec.syncs++;
    if (failNextSync) {
      const error = failNextSync;
      failNextSync = undefined;
      options.stylesFail = undefined;
      throw error;
    }
    await sync();
  };
  Object.assign(excel, {
    ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText' },
    ConditionalTextOperator: { contains: 'Contains' },
    DataValidationAlertStyle: { information: 'Information' },
    InsertShiftDirection: { down: 'Down', right: 'Right' },
  });
  (globalThis as Record<string, unknown>).Excel = excel;
  (globalThis as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: () => !options.noApi19 } },
  };
  return rec;
}

const sizes: [string, () => { values: CellValue[][]; merges: string[] }][] = [
  [
    '26 rows (the 2021 programme)',
    () => ({ values: seedLayout().values, merges: seedLayout().merges.map(rangeAddress) }),
  ],
  [
    '5,000 rows',
    () => ({
      values: generatedLayout(5000).values,
      merges: generatedLayout(5000).merges.map(rangeAddress),
    }),
  ],
];

describe.each(sizes)('the Excel gateway, %s', (_name, make) => {
  const { values, merges } = make();

  it('reads the sheet with its merged areas, number formats and styles in one sync', async () => {
    const rec = installExcel(values, merges.map((m) => `'Cronograma 2021'!${m}`).join(', '));
    const read = await readActiveSheet({ formulas: true });
    expect(rec.syncs).toBe(1);
    expect(read.grid.values).toEqual(values);
    expect(read.grid.styles).toHaveLength(values.length);
    expect(read.grid.stylesUnreadableFrom).toBeUndefined();
    expect(read.formulasR1C1).toHaveLength(values.length);
    expect(read.grid.merges).toHaveLength(merges.length);
    expect(read.grid.merges?.[0]).toEqual({
      top: 0,
      left: 0,
      bottom: 0,
      right: values[0]!.length - 1,
    });
    expect(read.hasInvalidName).toBe(false);
  });

  it('applies writes, highlights, drop-downs and status colours in one sync', async () => {
    const rec = installExcel(values, null);
    const rows = values.length;
    await applyToSheet({
      sheet: 'Cronograma 2021',
      writes: Array.from({ length: rows - 5 }, (_, i) => ({
        row: i + 5,
        col: 4 + (i % 12),
        value: 'Realizada',
      })),
      invalidCells: ['E7', 'F9'],
      hasInvalidName: false,
      statusRanges: Array.from({ length: rows - 5 }, (_, i) => `E${i + 6}:P${i + 6}`),
      formatRange: `E6:P${rows}`,
    });
    expect(rec.syncs).toBe(1);
    expect(rec.blocks).toHaveLength(1);
    const block = rec.blocks[0]!;
    expect(block).toMatchObject({ row: 5, col: 4 });
    expect(block.values).toHaveLength(rows - 5);
    // Only the written cells carry a value; null leaves every other cell as staff left it.
    expect(block.values[0]).toEqual([
      'Realizada',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(rec.validations).toHaveLength(rows - 5);
    expect(rec.names).toEqual(['PAT_celdas_invalidas']);
    expect(rec.conditionalFormats).toBe(6);
  });
});

describe('the Excel gateway, other operations', () => {
  it('selects a cell in one sync', async () => {
    const rec = installExcel([['x']], null);
    await selectCell('Cronograma 2021', 'C14');
    expect(rec).toMatchObject({ syncs: 1, selected: 'C14' });
  });

  it('splits writes that would pass Excel on the web’s 5 MB request limit into blocks under it', () => {
    const long = 'x'.repeat(20_000);
    const writes = Array.from({ length: 500 }, (_, i) => ({ row: i, col: 2, value: long }));
    const blocks = writeBlocks(writes);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks)
      expect(JSON.stringify(b.values).length).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(blocks.reduce((n, b) => n + b.values.length, 0)).toBe(500);
  });

  it('keeps writes to scattered rows in one block, nulls in between', () => {
    const blocks = writeBlocks([
      { row: 3, col: 5, value: 'a' },
      { row: 9, col: 7, value: 'b' },
    ]);
    expect(blocks).toEqual([
      {
        row: 3,
        col: 5,
        values: [
          ['a', null, null],
          [null, null, null],
          [null, null, null],
          [null, null, null],
          [null, null, null],
          [null, null, null],
          [null, null, 'b'],
        ],
      },
    ]);
  });
});

describe('the Excel gateway, where styles cannot be read', () => {
  const { values } = { values: seedLayout().values };

  it('reads again without them, and says so, when the styles pass Excel on the web’s response limit', async () => {
    const rec = installExcel(values, null, { stylesFail: tooLarge });
    const read = await readActiveSheet();
    expect(rec.syncs).toBe(2);
    expect(read.grid.values).toEqual(values);
    expect(read.grid.styles).toBeUndefined();
    expect(read.grid.stylesUnreadableFrom).toEqual({
      row: 0,
      reason: expect.stringContaining('demasiado grande'),
    });
  });

  it('reads without them, in one sync, where Excel has no ExcelApi 1.9', async () => {
    const rec = installExcel(values, null, { noApi19: true });
    const read = await readActiveSheet();
    expect(rec.syncs).toBe(1);
    expect(read.grid.stylesUnreadableFrom?.reason).toContain('esta versión de Excel');
  });

  it('does not hide another failure behind a second read', async () => {
    installExcel(values, null, { stylesFail: new Error('GeneralException') });
    await expect(readActiveSheet()).rejects.toThrow('GeneralException');
  });
});

describe('the Excel gateway, bringing a plan in', () => {
  it('inserts rows bottom up and writes values, formulas, fills and strikethrough in one sync, whatever the size', async () => {
    const rec = installExcel(generatedLayout(5000).values, null);
    const rows = Array.from({ length: 2000 }, (_, i) => i * 2 + 10);
    await editSheet('Cronograma 2021', {
      insertRows: rows.map((before) => ({ before, count: 1 })),
      values: rows.map((row, i) => ({ row: row + i, col: 3, value: `Actividad ${i}` })),
      formulas: rows.map((row, i) => ({ row: row + i, col: 17, formula: '=SUM(RC[-12]:RC[-1])' })),
      fills: [{ row: 11, col: 6, colour: null }],
      strike: [{ row: 40, left: 0, right: 16, on: true }],
      added: [],
      retired: [],
      restored: [],
      updated: [],
    });
    expect(rec.syncs).toBe(1);
    // Bottom up, so each insert leaves the rows above it where the edit expects them.
    expect(rec.inserted.map((i) => i.row)).toEqual([...rows].reverse());
    expect(rec.blocks).toHaveLength(1);
    expect(rec.formulas).toHaveLength(2000);
    expect(rec.fills).toEqual([{ row: 11, col: 6, colour: null }]);
    expect(rec.strikes).toEqual([{ row: 40, on: true }]);
  });
});
