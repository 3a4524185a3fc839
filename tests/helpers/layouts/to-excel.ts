/**
 * A sheet spec as Excel's JavaScript API would hand it over, and a mock `Excel` (office-addin-mock)
 * holding it. What Excel gives, unlike exceljs: only the used range (from its first cell with a
 * value, not from A1), empty cells as "", dates as serial numbers, formulas as their result,
 * "General" where no number format is set, merged areas as one address string, and cell
 * properties with a white, pattern-less fill where none is set.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { SheetSpec, WorkbookSpec, a1, extent, isFormula } from './sheet-spec';

type ExcelValue = string | number | boolean;

export interface CellProperties {
  format: {
    fill: { color: string; pattern: 'Solid' | 'None' };
    font: { strikethrough: boolean };
  };
}

export interface ExcelRangeMock {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  values: ExcelValue[][];
  numberFormat: string[][];
  /** `'Sheet'!A1:P1, 'Sheet'!A5:A7`, or null when the range has no merged areas. */
  mergedAreas: string | null;
  cellProperties: CellProperties[][];
}

export interface ExcelSheetMock {
  name: string;
  /** `getUsedRange(true)`: the cells with values. */
  usedValues: ExcelRangeMock | null;
  /** `getUsedRange(false)`: cells with values or formats. */
  usedAll: ExcelRangeMock | null;
}

const EPOCH = Date.UTC(1899, 11, 30);

function excelValue(v: SheetSpec['cells'] extends Map<string, infer C> ? C : never): ExcelValue {
  const value = v.value;
  if (value === undefined) return '';
  if (value instanceof Date) return (value.getTime() - EPOCH) / 86_400_000;
  if (isFormula(value)) return value.result;
  return value;
}

/** Excel quotes a sheet name in an address when it is not a plain word. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function rangeMock(sheet: SheetSpec, valuesOnly: boolean): ExcelRangeMock | null {
  const box = extent(sheet, valuesOnly);
  if (!box) return null;
  const rows = box.bottom - box.top + 1;
  const cols = box.right - box.left + 1;
  const values: ExcelValue[][] = [];
  const numberFormat: string[][] = [];
  const cellProperties: CellProperties[][] = [];
  for (let r = 0; r < rows; r++) {
    values.push([]);
    numberFormat.push([]);
    cellProperties.push([]);
    for (let c = 0; c < cols; c++) {
      const cell = sheet.cells.get(`${box.top + r},${box.left + c}`) ?? {};
      values[r]!.push(excelValue(cell));
      numberFormat[r]!.push(cell.numFmt ?? 'General');
      cellProperties[r]!.push({
        format: {
          fill: cell.fill
            ? { color: `#${cell.fill.slice(-6).toUpperCase()}`, pattern: 'Solid' }
            : { color: '#FFFFFF', pattern: 'None' },
          font: { strikethrough: cell.strike === true },
        },
      });
    }
  }
  const inside = sheet.merges.filter(
    (m) => m.top <= box.bottom && m.bottom >= box.top && m.left <= box.right && m.right >= box.left,
  );
  const prefix = `${quoteSheet(sheet.name)}!`;
  return {
    rowIndex: box.top,
    columnIndex: box.left,
    rowCount: rows,
    columnCount: cols,
    values,
    numberFormat,
    mergedAreas: inside.length
      ? inside.map((m) => `${prefix}${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`).join(', ')
      : null,
    cellProperties,
  };
}

/** What Excel's JS API gives for this sheet (a workbook spec: its cronograma sheet, the active one). */
export function specToExcelMock(spec: SheetSpec | WorkbookSpec): ExcelSheetMock {
  const sheet = 'sheets' in spec ? spec.sheets[spec.cronograma]! : spec;
  return {
    name: sheet.name,
    usedValues: rangeMock(sheet, true),
    usedAll: rangeMock(sheet, false),
  };
}

export interface ExcelRecorder {
  syncs: number;
  /** Each getUsedRangeOrNullObject(valuesOnly) call. */
  usedRangeCalls: (boolean | undefined)[];
  /** Each getCellProperties(...) request, on the used range or a resized one. */
  propertyRequests: { rows: number; cols: number; properties: unknown }[];
  isSetSupportedCalls: [string, string][];
}

/**
 * Installs `Excel` (office-addin-mock) and `Office` globals holding one active sheet.
 * `api19`: whether `Office.context.requirements.isSetSupported('ExcelApi', '1.9')` is true.
 */
export function installExcelMock(
  mock: ExcelSheetMock,
  options: { api19?: boolean } = {},
): ExcelRecorder {
  const api19 = options.api19 ?? true;
  const rec: ExcelRecorder = {
    syncs: 0,
    usedRangeCalls: [],
    propertyRequests: [],
    isSetSupportedCalls: [],
  };
  const emptyRange = {
    rowIndex: 0,
    columnIndex: 0,
    rowCount: 0,
    columnCount: 0,
    values: [],
    numberFormat: [],
    mergedAreas: null,
    cellProperties: [],
  };
  const usedObject = (range: ExcelRangeMock | null) => {
    const r = range ?? emptyRange;
    return {
      isNullObject: range === null,
      values: r.values,
      numberFormat: r.numberFormat,
      rowIndex: r.rowIndex,
      columnIndex: r.columnIndex,
      rowCount: r.rowCount,
      columnCount: r.columnCount,
      merged: { address: r.mergedAreas ?? '', isNullObject: r.mergedAreas === null },
      getMergedAreasOrNullObject() {
        return (this as unknown as { merged: unknown }).merged;
      },
      getCellProperties(properties: unknown) {
        return cellProperties(r.rowCount, r.columnCount, properties);
      },
      getAbsoluteResizedRange(rows: number, cols: number) {
        return {
          getCellProperties(properties: unknown) {
            return cellProperties(rows, cols, properties);
          },
        };
      },
    };
    function cellProperties(rows: number, cols: number, properties: unknown) {
      rec.propertyRequests.push({ rows, cols, properties });
      const requestedAt = rec.syncs;
      const value = r.cellProperties.slice(0, rows).map((row) => row.slice(0, cols));
      // A ClientResult: its value exists only once the request went through a sync.
      return {
        get value() {
          if (rec.syncs <= requestedAt)
            throw new Error('getCellProperties().value read before context.sync()');
          return value;
        },
      };
    }
  };
  const data = {
    context: {
      workbook: {
        worksheets: {
          active: {
            name: mock.name,
            usedValues: usedObject(mock.usedValues),
            usedAll: usedObject(mock.usedAll),
            getUsedRangeOrNullObject(valuesOnly?: boolean) {
              rec.usedRangeCalls.push(valuesOnly);
              const self = this as unknown as { usedValues: unknown; usedAll: unknown };
              return valuesOnly ? self.usedValues : self.usedAll;
            },
          },
          getActiveWorksheet() {
            return (this as unknown as { active: unknown }).active;
          },
        },
        names: {
          missing: { name: '', isNullObject: true },
          getItemOrNullObject() {
            return (this as unknown as { missing: unknown }).missing;
          },
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback((this as unknown as { context: unknown }).context);
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const excel = new OfficeMockObject(data) as any;
  // Excel answers isNullObject after any sync; the mock only after a load of it.
  const active = excel.context.workbook.worksheets.active;
  for (const o of [
    active.usedValues,
    active.usedValues.merged,
    active.usedAll,
    active.usedAll.merged,
    excel.context.workbook.names.missing,
  ])
    o.load('isNullObject');
  const sync = excel.context.sync.bind(excel.context);
  void sync();
  excel.context.sync = async () => {
    rec.syncs++;
    await sync();
  };
  Object.assign(excel, {
    FillPattern: { none: 'None', solid: 'Solid' },
    ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText' },
    ConditionalTextOperator: { contains: 'Contains' },
    DataValidationAlertStyle: { information: 'Information' },
  });
  const g = globalThis as Record<string, unknown>;
  g.Excel = excel;
  g.Office = {
    context: {
      requirements: {
        isSetSupported(set: string, version?: string) {
          rec.isSetSupportedCalls.push([set, version ?? '']);
          return set === 'ExcelApi' && api19 && Number(version ?? '1.1') <= 1.9;
        },
      },
    },
  };
  return rec;
}

export function uninstallExcelMock(): void {
  const g = globalThis as Record<string, unknown>;
  delete g.Excel;
  delete g.Office;
}
