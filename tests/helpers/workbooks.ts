import { ExcelJS, addGridSheet } from '../../backend/xlsx/workbook';
import { loadSeedProgramme } from '../../seeds';
import { programmeLayout, programmeWorkbook } from '../../backend/xlsx/programme-workbook';
import { SheetGrid } from '../../shared/cronograma/grid';
import { CronogramaLayout } from '../../shared/cronograma/layout';

export const seedProgramme = loadSeedProgramme();

/** The seed cronograma laid out as staff keep it (header repeated every 8 activities). */
export function seedLayout(): CronogramaLayout {
  return programmeLayout(seedProgramme, { repeatHeaderEvery: 8 });
}

export async function writeSeedWorkbook(file: string): Promise<void> {
  await programmeWorkbook(seedProgramme).xlsx.writeFile(file);
}

/** Writes the given sheets (in order) as a real .xlsx file. */
export async function writeGrids(file: string, ...grids: SheetGrid[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const g of grids) addGridSheet(workbook, g);
  await workbook.xlsx.writeFile(file);
}
