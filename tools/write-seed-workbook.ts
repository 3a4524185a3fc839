/** Writes seeds/cvoe-2021.xlsx, the staff-style workbook of the 2021 programme (run by `npm run build`). */
import path from 'node:path';
import { loadSeedProgramme } from '../seeds';
import { programmeWorkbook } from '../backend/workbooks';

const out = process.argv[2] ?? path.join(__dirname, '..', '..', 'seeds', 'cvoe-2021.xlsx');
programmeWorkbook(loadSeedProgramme())
  .then((workbook) => workbook.xlsx.writeFile(out))
  .then(() => console.log(`Libro del programa 2021: ${out}`))
  .catch((error: unknown) => {
    console.error(`No se pudo escribir ${out}: ${(error as Error).message}`);
    process.exitCode = 1;
  });
