/**
 * `pat backup` and `pat restore`, the real command against the run's Azurite: a set written,
 * refused when damaged (exit 2, the file named, the store unchanged), refused over a store that
 * holds data unless --replace, and restored with the same API answers (ETags aside); the scheduled
 * backups restored straight from their container with --from-backups.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runScheduledBackup, storeContents } from '../../backend/services/backup';
import { Store } from '../../backend/store/store';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { ADMIN, call, depsFor, testConnectionString } from '../helpers/server';
import { NOW, P, apiAnswers, writeScenario } from '../helpers/answers';

const tmp = tempDir('pat-cli-backup-');
afterAll(() => tmp.cleanup());

/** Tables of its own in the run's Azurite, for `pat` (env) and for the test (store). */
function environment() {
  const env = {
    PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
    PAT_TABLE_PREFIX: `b${randomBytes(5).toString('hex')}`,
  };
  const store = () =>
    new Store(
      { connectionString: env.PAT_STORAGE_CONNECTION_STRING, tablePrefix: env.PAT_TABLE_PREFIX },
      () => NOW,
    );
  return { env, store };
}

const source = environment();
let feedToken: string;
let before: Record<string, unknown>;
const dir = tmp.path('copia');
const answers = (store: Store) =>
  apiAnswers(
    depsFor(store, () => NOW),
    feedToken,
  );

beforeAll(async () => {
  const store = source.store();
  await store.ensureTables();
  ({ feedToken } = await writeScenario(store));
  before = await answers(source.store());
}, 120_000);

describe('pat backup', () => {
  it('writes the whole store to a new folder and says what it wrote', () => {
    const run = pat(['backup', '--out', dir], source.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Copia de seguridad en .*copia: 12 tablas, [\d,]+ entidades, 5 archivos de exportaciones; [\d.]+ (KB|MB) en [\d.]+ s\.\n/,
    );
    expect(run.stdout).toMatch(/^ {2}Activities +26 +[\d.]+ KB$/m);
    expect(run.stdout).toMatch(/^ {2}exportaciones +5 +[\d.]+ KB$/m);
    expect(run.stdout).toContain(
      `Manifiesto (con el SHA-256 de cada archivo): ${dir}/manifest.json.`,
    );
    expect(run.stderr).toContain('Almacenamiento: http://127.0.0.1:');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.createdBy).toMatch(/^pat backup \(/);
    expect(manifest.tables).toHaveLength(12);
    for (const table of manifest.tables) expect(existsSync(path.join(dir, table.file))).toBe(true);
  });

  it('refuses a folder that is not empty, and bad arguments, with exit 2', () => {
    const again = pat(['backup', '--out', dir], source.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no está vacía');
    const neither = pat(['backup'], source.env);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Indique --out CARPETA');
    expectNoStackTrace(neither);
  });
});

describe('pat restore', () => {
  it('refuses a store that holds data, saying what is there', async () => {
    const run = pat(['restore', dir], source.env);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Verificada.');
    expect(run.stderr).toMatch(
      /pat: El almacenamiento no está vacío \(programas cvoe-2021; filas: Programs 1, Activities 26, .*5 archivos de exportaciones\): no se restauró nada\. Para reemplazar lo que hay, vuelva a ejecutar con --replace\./,
    );
    expectNoStackTrace(run);
    expect(await answers(source.store())).toEqual(before);
  });

  it.each([
    [
      'one line altered',
      (copy: string) => {
        const file = path.join(copy, 'tables/MonthStatuses.ndjson');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"realizada"', '"realizadx"'));
      },
      'pat: No se restauró nada: tables/MonthStatuses.ndjson: su SHA-256 no es el del manifiesto; el archivo cambió o está dañado.',
    ],
    [
      'a truncated NDJSON file',
      (copy: string) => {
        const file = path.join(copy, 'tables/Activities.ndjson');
        const bytes = readFileSync(file);
        writeFileSync(file, bytes.subarray(0, bytes.length - 40));
      },
      /pat: No se restauró nada: tables\/Activities\.ndjson mide \d+ bytes y el manifiesto dice \d+: el archivo está truncado o cambió\./,
    ],
    [
      'a missing file',
      (copy: string) => rmSync(path.join(copy, 'tables/Memberships.ndjson')),
      'pat: No se restauró nada: Falta el archivo tables/Memberships.ndjson que el manifiesto lista: la copia está incompleta.',
    ],
  ])('refuses a backup with %s, exit 2, and writes nothing', async (_what, damage, message) => {
    const copy = tmp.path(`dañada-${randomBytes(3).toString('hex')}`);
    cpSync(dir, copy, { recursive: true });
    damage(copy);
    const empty = environment();
    for (const env of [empty.env, source.env]) {
      const run = pat(['restore', copy, '--replace'], env);
      expect(run.code).toBe(2);
      if (typeof message === 'string') expect(run.stderr).toContain(message);
      else expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toContain('Se reemplaza');
      expectNoStackTrace(run);
    }
    expect((await storeContents(empty.store())).empty).toBe(true);
    expect(await answers(source.store())).toEqual(before);
  });

  it('with --replace says what it replaces and gives the answers of the backup', async () => {
    const store = source.store();
    // After the backup: another programme, and a member removed.
    await call(
      depsFor(store, () => NOW),
      'putPlan',
      {
        as: ADMIN,
        params: { programId: 'otro-2022' },
        body: {
          year: 2022,
          axes: [{ number: 1, name: 'Eje' }],
          activities: [{ id: '1.1', axis: 1, description: 'Una', months: [3] }],
        },
      },
    );
    await store.members.remove(P.programId, 'user', '0f000000-0000-4000-8000-0000000000b1');
    expect(await answers(source.store())).not.toEqual(before);
    const run = pat(['restore', dir, '--replace'], source.env);
    expect(run.stderr).toContain('Verificando la copia en');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Se reemplaza lo que hay en el almacenamiento: programas cvoe-2021, otro-2022; filas: Programs 2, Activities 27, /,
    );
    expect(run.stdout).toMatch(/Restaurado en [\d.]+ s:\n {2}Programs +1 /);
    expect(await answers(source.store())).toEqual(before);
  }, 60_000);

  it('into another, empty store, gives the same answers', async () => {
    const target = environment();
    const run = pat(['restore', dir], target.env);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Se reemplaza');
    expect(await answers(target.store())).toEqual(before);
  }, 60_000);

  it('from the scheduled backups, read straight from their container', async () => {
    const first = await runScheduledBackup(
      source.store(),
      { schedule: '0 30 11 * * *', retentionDays: 35 },
      NOW,
    );
    const list = pat(['backup', '--list'], source.env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`^2021-06-18/${first.run} {2}completa +18 archivos {2}[\\d.]+ (KB|MB)$`, 'm'),
    );
    const refused = pat(['restore', '--from-backups', '2021-06-18'], source.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no está vacío');
    const replaced = pat(
      ['restore', '--from-backups', `2021-06-18/${first.run}`, '--replace'],
      source.env,
    );
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toContain(
      `Verificando la copia en ${source.env.PAT_TABLE_PREFIX}-backups/2021-06-18/${first.run}/`,
    );
    expect(await answers(source.store())).toEqual(before);
    const none = pat(['restore', '--from-backups', '2020-01-01'], source.env);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toContain('No hay copias del 2020-01-01');
    const bad = pat(['restore', '--from-backups', 'ayer'], source.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no nombra una copia');
  }, 60_000);
});
