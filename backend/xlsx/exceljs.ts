/**
 * ExcelJS as the app uses it: whole workbooks read and written in memory. The package's entry
 * also loads its streaming reader and writer (unzipper, archiver and what they need), about
 * 140 ms of start-up for every `pat validate` and every render worker, for code nothing here runs;
 * the Workbook class and the enums come from their own modules instead. The types are the
 * package's (`exceljs-modules.d.ts` says so for those two modules).
 */
import type * as Types from 'exceljs';
import Workbook from 'exceljs/lib/doc/workbook';
import { ValueType } from 'exceljs/lib/doc/enums';

export const ExcelJS = { Workbook, ValueType };

// The types, as `ExcelJS.Worksheet`… (a namespace merged with the value above).
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace ExcelJS {
  export type Workbook = Types.Workbook;
  export type Worksheet = Types.Worksheet;
  export type Cell = Types.Cell;
  export type CellValue = Types.CellValue;
  export type CellFormulaValue = Types.CellFormulaValue;
  export type ValueType = Types.ValueType;
  export type Font = Types.Font;
  export type Fill = Types.Fill;
  export type Borders = Types.Borders;
  export type AddWorksheetOptions = Types.AddWorksheetOptions;
}
