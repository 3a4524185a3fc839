/**
 * What an impatient administrator types wrong: every mistake is said in Spanish, names the
 * argument or the cell, exits 2 (or 1 for a sheet with errors) and never shows a stack or a raw
 * library message.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { MONTH_HEADER } from '../helpers/grid';
import { writeGrids, writeSeedWorkbook } from '../helpers/workbooks';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const refused = (args: string[], says: string | RegExp) => {
  const run = pat(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(says);
  expect(run.stderr).not.toMatch(/error inesperado|"code"|ENOENT|Too small/);
  expectNoStackTrace(run);
};

describe('pat, given what does not make sense', () => {
  it('calendar: a day the month does not have', () => {
    refused(
      ['calendar', '--year', '2021', '--date', '1=0'],
      'Enero de 2021 no tiene día 0: use un día del 1 al 31',
    );
    refused(['calendar', '--year', '2021', '--date', '2=29'], 'Febrero de 2021 no tiene día 29');
    expect(pat(['calendar', '--year', '2024', '--date', '2=29']).code).toBe(0);
  });

  it('calendar: an --out it cannot write, in Spanish', async () => {
    const file = tmp.path('un-archivo.txt');
    await writeSeedWorkbook(file);
    refused(
      ['calendar', '--year', '2021', '--format', 'xlsx', '--out', path.join(file, 'x.xlsx')],
      'una parte de la ruta es un archivo, no una carpeta',
    );
    refused(
      ['calendar', '--year', '2021', '--format', 'csv', '--out', tmp.path('.')],
      'es una carpeta',
    );
  });

  it('validate: a --today that is no date', async () => {
    const file = tmp.path('seed.xlsx');
    await writeSeedWorkbook(file);
    refused(['validate', file, '--today', '2021-13-45'], '--today espera una fecha AAAA-MM-DD');
    refused(['validate', file, '--today', '2021-02-30'], '--today');
  });

  it('validate: a sheet with the headers and no activity is an error, not «sin errores»', async () => {
    const file = tmp.path('solo-encabezados.xlsx');
    await writeGrids(file, {
      name: 'Cronograma',
      values: [['Eje', 'Actividades', ...MONTH_HEADER]],
    });
    const run = pat(['validate', file, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'sheet.no_activities', cell: 'B2' }),
    ]);
    expect(pat(['validate', file]).stdout).not.toContain('Sin errores');
    expect(existsSync(file)).toBe(true);
  });
});
