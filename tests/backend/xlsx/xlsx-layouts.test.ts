/**
 * Each habit offices have when keeping a cronograma, alone (the 2021 layout with that one thing
 * changed) and a few combined, written as real .xlsx files and read with the adapter: the read
 * is exactly what a person reads in the sheet.
 */
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../../../backend/xlsx/workbook';
import { findCronograma } from '../../../shared/cronograma/find-sheet';
import { tempDir } from '../../helpers/files';
import {
  COMBINED_CASES,
  HABIT_CASES,
  LayoutCase,
  caseSpec,
  expectExactRead,
  renderSheet,
  specToWorkbook,
} from '../../helpers/layouts';

const dir = tempDir('pat-layouts-');
afterAll(() => dir.cleanup());

let n = 0;
async function check(c: LayoutCase) {
  const spec = caseSpec(c);
  const sheet = spec.sheets[spec.cronograma]!;
  if (c.shows) expect(c.shows(sheet, spec)).toBe(true);
  const file = dir.path(`caso-${++n}.xlsx`);
  await specToWorkbook(spec).xlsx.writeFile(file);
  const found = findCronograma(await readWorkbookFile(file));
  if (!found.ok) throw new Error(`${found.message}\n${renderSheet(sheet)}`);
  expect(found.cronograma.sheet).toBe(sheet.name);
  expectExactRead(found.cronograma, spec.expected, renderSheet(sheet));
}

describe('cronograma layouts in real .xlsx files, one habit at a time', () => {
  it.each(HABIT_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

describe('cronograma layouts in real .xlsx files, habits combined', () => {
  it.each(COMBINED_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
});

describe('what the adapter hands the reader', () => {
  it('reads a Total formula that sums to 0 as 0, as Excel shows it', async () => {
    // Excel saves the cached result (<v>0</v>); a month nobody plans sums to 0 in a totals row.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cronograma');
    sheet.getCell('A1').value = 'Total';
    sheet.getCell('B1').value = { formula: 'SUM(C1:D1)', result: 0 };
    sheet.getCell('E1').value = { formula: 'SUM(C1:D1)+2', result: 2 };
    const file = dir.path('ceros.xlsx');
    await workbook.xlsx.writeFile(file);
    const [grid] = await readWorkbookFile(file);
    expect(grid!.values[0]).toEqual(['Total', 0, null, null, 2]);
  });
});
