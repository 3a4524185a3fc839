/**
 * The programme's year from `pat`: the seed loaded as its agreements state (ratified, its plan
 * the baseline); a step out of order refused (exit 1); a changed workbook refused without its
 * reprogramación and taken with it; next year's draft with what to review; the report to the
 * Consejo General previewed, frozen, and written as .docx.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { programmeWorkbook } from '../../backend/xlsx/programme-workbook';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { testConnectionString } from '../helpers/server';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const env = {
  PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
  PAT_TABLE_PREFIX: `y${randomBytes(5).toString('hex')}`,
};
const store = new Store({
  connectionString: env.PAT_STORAGE_CONNECTION_STRING,
  tablePrefix: env.PAT_TABLE_PREFIX,
});

beforeAll(() => {
  expect(pat(['seed'], env).code).toBe(0);
});

it('loads the seed ratified by CVOE/003/21, its plan the baseline, and refuses approving it again (exit 1)', async () => {
  const program = await store.programmes.require('cvoe-2021');
  expect(program.details.lifecycle?.status).toBe('ratificado');
  expect(program.details.lifecycle?.baseline).toMatchObject({
    date: '2021-01-21',
    agreement: 'CVOE/003/21',
  });
  expect(program.details.lifecycle?.baseline?.activities).toHaveLength(26);
  const run = pat(
    ['approve', '--programme', 'cvoe-2021', '--agreement', 'CVOE/040/20', '--date', '2020-09-28'],
    env,
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('ya está ratificado');
  expectNoStackTrace(run);
  const bad = pat(
    ['ratify', '--programme', 'cvoe-2021', '--agreement', 'X', '--date', '21/01/2021'],
    env,
  );
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--date');
});

it('refuses a changed workbook without its reprogramación and takes it with --reason and --agreement', async () => {
  const seed = loadSeedProgramme();
  const changed = {
    ...seed,
    activities: seed.activities.map((a) =>
      a.id === '4.4' ? { ...a, months: [9, 11, 12] as typeof a.months } : a,
    ),
  };
  const file = tmp.path('reprogramado.xlsx');
  await programmeWorkbook(changed).xlsx.writeFile(file);
  const refused = pat(['import', file, '--programme', 'cvoe-2021'], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('reprogramación');
  expect(refused.stderr).toContain('--reason');
  expect(
    (await store.programmes.activities('cvoe-2021')).find((a) => a.id === '4.4')?.months,
  ).toEqual([10, 11, 12]);
  const half = pat(['import', file, '--programme', 'cvoe-2021', '--reason', 'Sede'], env);
  expect(half.code).toBe(2);
  expect(half.stderr).toContain('--agreement');
  const taken = pat(
    [
      'import',
      file,
      '--programme',
      'cvoe-2021',
      '--reason',
      'El foro se adelanta a septiembre',
      '--agreement',
      'CVOE/030/21',
    ],
    env,
  );
  expect(taken.code).toBe(0);
  const [record] = await store.reprogrammings.list('cvoe-2021');
  expect(record).toMatchObject({
    reason: 'El foro se adelanta a septiembre',
    agreement: 'CVOE/030/21',
    by: expect.stringContaining('pat'),
    changes: [{ activityId: '4.4', kind: 'changed', moved: [{ from: 10, to: 9 }] }],
  });
});

it('drafts next year and lists what to review', async () => {
  const run = pat(['draft', '--from', 'cvoe-2021', '--year', '2022'], env);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    'Borrador cvoe-2022 (2022) creado desde cvoe-2021: 26 actividades, 12 sesiones.',
  );
  expect(run.stdout).toContain('- No se copiaron las fechas fijadas a mano en 2021');
  const draft = await store.programmes.require('cvoe-2022');
  expect(draft.details.lifecycle).toBeUndefined();
  expect(
    (await store.programmes.activities('cvoe-2022')).find((a) => a.id === '4.4')?.months,
  ).toEqual([9, 11, 12]);
  const again = pat(['draft', '--from', 'cvoe-2021', '--year', '2022'], env);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('Ya existe el programa «cvoe-2022»');
});

it('previews, freezes and writes the report to the Consejo General', async () => {
  const preview = pat(['report', '--programme', 'cvoe-2021', '--period', '2021-T3'], env);
  expect(preview.code).toBe(0);
  const report = JSON.parse(preview.stdout);
  expect(report).toMatchObject({ period: '2021-T3', frozen: null, status: 'ratificado' });
  expect(report.varianceTotals.monthsMoved).toBe(1);
  const out = tmp.path('informe-t3.docx');
  const frozen = pat(
    [
      'report',
      '--programme',
      'cvoe-2021',
      '--period',
      '2021-T3',
      '--freeze',
      '--format',
      'docx',
      '--out',
      out,
    ],
    env,
  );
  expect(frozen.code).toBe(0);
  expect(frozen.stdout).toContain('tercer trimestre de 2021 (congelado el');
  expect(existsSync(out)).toBe(true);
  const xml = await (
    await JSZip.loadAsync(readFileSync(out))
  )
    .file('word/document.xml')!
    .async('string');
  expect(xml).not.toContain('PRELIMINAR');
  const twice = pat(['report', '--programme', 'cvoe-2021', '--period', '2021-T3', '--freeze'], env);
  expect(twice.code).toBe(1);
  expect(twice.stderr).toContain('ya se congeló');
  const both = pat(
    ['report', '--programme', 'cvoe-2021', '--period', '2021', '--session', '6'],
    env,
  );
  expect(both.code).toBe(2);
  const wrong = pat(['report', '--programme', 'cvoe-2021', '--period', '2021-T5'], env);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('--period');
});
