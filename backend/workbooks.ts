/**
 * The backend's storage-free public face: the workbook adapter, and the error classes hosts
 * answer with. For hosts that read or write .xlsx without storage (`pat validate`,
 * `pat calendar --format xlsx`): it loads exceljs but not the Azure SDKs, which backend/index.ts
 * loads with the store. The error classes are the same ones backend/index.ts exports, so
 * `instanceof` holds whichever face a host imported.
 */
export { StorageUnavailableError, NotFoundError } from './errors';
export { DocumentError } from './docx/document-error';
export {
  ExcelJS,
  WorkbookError,
  addCalendarSheet,
  readWorkbookBuffer,
  readWorkbookFile,
} from './xlsx/workbook';

/**
 * The programme as a workbook (cronograma and calendar sheets). Loaded when called: it needs the
 * calendar and its schemas, which `pat validate` does not.
 */
export async function programmeWorkbook(
  ...args: Parameters<typeof import('./xlsx/programme-workbook').programmeWorkbook>
): Promise<ReturnType<typeof import('./xlsx/programme-workbook').programmeWorkbook>> {
  return (await import('./xlsx/programme-workbook')).programmeWorkbook(...args);
}

/** The blocks of a Word document's body (loads the .docx reader when called). */
export async function readDocumentFile(path: string) {
  return (await import('./docx/document-package')).readDocumentFile(path);
}

/** The bytes of a Word document, read as safely as a workbook is (loads the .docx reader). */
export async function readDocumentBytes(path: string) {
  return (await import('./docx/document-package')).readDocumentBytes(path);
}
