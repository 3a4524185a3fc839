/**
 * The backend's storage-free public face: the workbook adapter, and the error classes hosts
 * answer with. For hosts that read or write .xlsx without storage (`pat validate`,
 * `pat calendar --format xlsx`): it loads exceljs but not the Azure SDKs, which backend/index.ts
 * loads with the store. Everything here is also exported by backend/index.ts, from the same
 * modules, so `instanceof` holds whichever face a host imported.
 */
export { StorageUnavailableError, NotFoundError } from './store/errors';
export {
  ExcelJS,
  WorkbookError,
  addCalendarSheet,
  readWorkbookBuffer,
  readWorkbookFile,
} from './xlsx/workbook';
