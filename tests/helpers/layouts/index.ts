/**
 * Realistic cronograma sheets, generated from how offices keep them (see habits.ts), with what
 * a person reads in each: a SheetSpec (cells, merges, hidden rows and columns), the real .xlsx
 * (specToWorkbook) and what Excel's JS API gives for it (specToExcelMock).
 */
export * from './sheet-spec';
export * from './habits';
export * from './arbitrary';
export * from './to-workbook';
export * from './to-excel';
export * from './check';
export * as vocabulary from './vocabulary';
export * from './render';
export * from './cases';
export * from './from-grid';
