import { randomBytes } from 'node:crypto';
import { readWorkbookFile } from '../../backend/xlsx/workbook';
import { findCronograma } from '../../shared/cronograma/find-sheet';
import { validateCronograma } from '../../shared/cronograma/validate';
import { readCalendarSheet } from '../../shared/calendar/sheet';
import { ProgramStore } from '../../backend/store/program-store';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { testConnectionString } from '../helpers/server';
import { seedLayout, writeGrids, writeSeedWorkbook } from '../helpers/workbooks';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Each test gets tables of its own in the run's Azurite. */
function environment() {
  const env = {
    PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
    PAT_TABLE_PREFIX: `c${randomBytes(5).toString('hex')}`,
  };
  const store = new ProgramStore({
    connectionString: env.PAT_STORAGE_CONNECTION_STRING,
    tablePrefix: env.PAT_TABLE_PREFIX,
  });
  return { env, store };
}

describe('pat seed, import and export', () => {
  it('seed loads the 2021 programme, and running it again changes nothing', async () => {
    const { env, store } = environment();
    const run = pat(['seed'], env);
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('26 actividades, 251 meses planeados, 12 sesiones'),
    });
    const statuses = await store.listStatuses('cvoe-2021');
    expect(pat(['seed'], env).code).toBe(0);
    expect(await store.listStatuses('cvoe-2021')).toEqual(statuses);
  });

  it('import writes the plan of a valid workbook', async () => {
    const { env, store } = environment();
    const file = tmp.path('seed.xlsx');
    await writeSeedWorkbook(file);
    const run = pat(['import', file, '--programme', 'cvoe-importado'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Programa creado: cvoe-importado, 26 actividades');
    expect(await store.listActivities('cvoe-importado')).toHaveLength(26);
    expect(await store.listStatuses('cvoe-importado')).toHaveLength(251);
  });

  it('import refuses a workbook with errors, lists them, exits 1 and writes nothing', async () => {
    const { env, store } = environment();
    const layout = seedLayout();
    layout.values[layout.activityRows[0]!]![5] = 'ver oficio';
    const file = tmp.path('damaged.xlsx');
    await writeGrids(file, layout);
    const run = pat(['import', file, '--programme', 'cvoe-2021'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/F6\s+ERROR\s+«ver oficio»/);
    expect(run.stderr).toContain('no se importó nada');
    await store.ensureTables();
    expect(await store.listPrograms()).toEqual([]);
  });

  it('export writes the cronograma with its statuses and the calendar, and it validates again', async () => {
    const { env, store } = environment();
    pat(['seed'], env);
    const current = (await store.listStatuses('cvoe-2021')).find(
      (s) => s.activityId === '2.1' && s.month === 3,
    )!;
    await store.writeStatuses('cvoe-2021', [{ current, change: { status: 'realizada' } }], {
      name: 'ana',
    });
    const out = tmp.path('export.xlsx');
    const run = pat(['export', '--programme', 'cvoe-2021', '--out', out], env);
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('26 actividades con sus estatus y 12 sesiones'),
    });
    const sheets = await readWorkbookFile(out);
    const found = findCronograma(sheets);
    if (!found.ok) throw new Error(found.message);
    expect(found.cronograma.activities).toHaveLength(26);
    expect(found.cronograma.activities.find((a) => a.id === '2.1')?.statuses).toEqual({
      3: 'realizada',
    });
    expect(validateCronograma(found.cronograma).filter((i) => i.severity === 'error')).toEqual([]);
    expect(
      readCalendarSheet(sheets.find((s) => s.name === 'Calendario de sesiones')!),
    ).toHaveLength(12);
  });

  it.each([
    [
      'an unknown programme',
      ['export', '--programme', 'nada-2021', '--out', '/tmp/x.xlsx'],
      /No existe el programa «nada-2021»/,
    ],
    [
      'a malformed programme id',
      ['import', 'x.xlsx', '--programme', 'CVOE 2021'],
      /no es un identificador de programa/,
    ],
  ])('exits 2 with a clear message for %s', (_what, args, message) => {
    const { env } = environment();
    const run = pat(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expectNoStackTrace(run);
  });

  it('exits 2 and says how to start storage when it cannot be reached', () => {
    const run = pat(['seed'], {
      PAT_STORAGE_CONNECTION_STRING: testConnectionString().replace(
        /:\d+\/devstoreaccount1/g,
        ':9/devstoreaccount1',
      ),
      PAT_STORAGE_TIMEOUT_MS: '1000',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('npm start');
    expectNoStackTrace(run);
  });
});
