/** A sheet spec as a real .xlsx workbook, written with exceljs the way Excel would store it. */
import ExcelJS from 'exceljs';
import { SheetSpec, WorkbookSpec, isFormula } from './sheet-spec';

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name);
  // Merge first: a value written into a merged cell afterwards would land on its top-left.
  for (const m of spec.merges) sheet.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const [k, cell] of spec.cells) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    const target = sheet.getCell(r + 1, c + 1);
    if (cell.value !== undefined) {
      target.value = isFormula(cell.value)
        ? { formula: cell.value.formula, result: cell.value.result }
        : cell.value;
    }
    if (cell.numFmt) target.numFmt = cell.numFmt;
    if (cell.fill)
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: cell.fill } };
    if (cell.strike || cell.bold)
      target.font = {
        ...(cell.bold ? { bold: true } : {}),
        ...(cell.strike ? { strike: true } : {}),
      };
  }
  for (const row of spec.hiddenRows) sheet.getRow(row + 1).hidden = true;
  for (const col of spec.hiddenCols) sheet.getColumn(col + 1).hidden = true;
  for (const [col, width] of Object.entries(spec.columnWidths ?? {}))
    sheet.getColumn(Number(col)).width = width;
  return sheet;
}

export function specToWorkbook(spec: WorkbookSpec): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma tests';
  for (const sheet of spec.sheets) addSheet(workbook, sheet);
  workbook.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: spec.cronograma,
      visibility: 'visible',
    },
  ];
  return workbook;
}

export async function specToBuffer(spec: WorkbookSpec): Promise<Buffer> {
  return Buffer.from(await specToWorkbook(spec).xlsx.writeBuffer());
}
