// Two of ExcelJS's own modules, typed as the package's entry types them (see exceljs.ts).
declare module 'exceljs/lib/doc/workbook' {
  import { Workbook } from 'exceljs';
  export = Workbook;
}
declare module 'exceljs/lib/doc/enums' {
  export { ValueType } from 'exceljs';
}
