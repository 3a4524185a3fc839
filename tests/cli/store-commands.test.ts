import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { readWorkbookFile } from '../../backend/xlsx/workbook';
import { findCronograma } from '../../shared/cronograma/find-sheet';
import { validateCronograma } from '../../shared/cronograma/validate';
import { readCalendarSheet } from '../../shared/calendar/sheet';
import { Store } from '../../backend/store/store';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { testConnectionString } from '../helpers/server';
import { freePort } from '../../tools/dev/azurite';
import { seedLayout, writeGrids, writeSeedWorkbook } from '../helpers/workbooks';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Each test gets tables of its own in the run's Azurite. */
function environment() {
  const env = {
    PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
    PAT_TABLE_PREFIX: `c${randomBytes(5).toString('hex')}`,
  };
  const store = new Store({
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
    const statuses = await store.statuses.list('cvoe-2021');
    expect(pat(['seed'], env).code).toBe(0);
    expect(await store.statuses.list('cvoe-2021')).toEqual(statuses);
  });

  it('import writes the plan of a valid workbook', async () => {
    const { env, store } = environment();
    const file = tmp.path('seed.xlsx');
    await writeSeedWorkbook(file);
    const run = pat(['import', file, '--programme', 'cvoe-importado'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Programa creado: cvoe-importado, 26 actividades');
    expect(await store.programmes.activities('cvoe-importado')).toHaveLength(26);
    expect(await store.statuses.list('cvoe-importado')).toHaveLength(251);
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
    expect(await store.programmes.list()).toEqual([]);
  });

  it('export writes the cronograma with its statuses and the calendar, and it validates again', async () => {
    const { env, store } = environment();
    pat(['seed'], env);
    const current = (await store.statuses.list('cvoe-2021')).find(
      (s) => s.activityId === '2.1' && s.month === 3,
    )!;
    await store.statuses.write('cvoe-2021', [{ current, change: { status: 'realizada' } }], {
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

  it('uses the Azurite of npm start on its configured ports, says so, and never another store', async () => {
    // The run's Azurite, named the way npm start's settings name it: the shorthand plus ports.
    const port = (service: string) =>
      new RegExp(`${service}Endpoint=http://127\\.0\\.0\\.1:(\\d+)`).exec(
        testConnectionString(),
      )![1]!;
    const local = {
      PAT_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      PAT_AZURITE_BLOB_PORT: port('Blob'),
      PAT_AZURITE_QUEUE_PORT: port('Queue'),
      PAT_AZURITE_TABLE_PORT: port('Table'),
      PAT_TABLE_PREFIX: `c${randomBytes(5).toString('hex')}`,
    };
    const seeded = pat(['seed'], local);
    expect(seeded.code).toBe(0);
    expect(seeded.stderr).toContain(
      `Almacenamiento: http://127.0.0.1:${local.PAT_AZURITE_TABLE_PORT}/devstoreaccount1 (Azurite local de «npm start», datos en`,
    );
    // Nothing on the configured port: a clear refusal naming it, never Azurite's default ports.
    const nowhere = String(await freePort());
    const refused = pat(['member', 'list', '--programme', 'cvoe-2021'], {
      ...local,
      PAT_AZURITE_TABLE_PORT: nowhere,
      PAT_STORAGE_TIMEOUT_MS: '1000',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `No se pudo conectar con el almacenamiento en http://127.0.0.1:${nowhere}/devstoreaccount1`,
    );
    expect(refused.stderr).toContain('npm start');
    expectNoStackTrace(refused);
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

describe('pat report, export --dir, feed and member', () => {
  it('report prints the June session report as JSON, CSV, or writes it as a workbook', async () => {
    const { env } = environment();
    pat(['seed'], env);
    const json = pat(['report', '--programme', 'cvoe-2021', '--session', '6'], env);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      session: { date: string };
      totals: { planned: number };
    };
    expect(report.session.date).toBe('2021-06-24');
    expect(report.totals.planned).toBeGreaterThan(0);
    const csv = pat(
      ['report', '--programme', 'cvoe-2021', '--session', '6', '--format', 'csv'],
      env,
    );
    expect(csv.stdout.split('\n')[0]).toMatch(/^\uFEFF?ID,Eje,/);
    const out = tmp.path('informe.xlsx');
    const xlsx = pat(
      ['report', '--programme', 'cvoe-2021', '--session', '6', '--format', 'xlsx', '--out', out],
      env,
    );
    expect(xlsx).toMatchObject({
      code: 0,
      stdout: `Informe de la 6ª. sesión ordinaria (2021-06-24) en ${out}.\n`,
    });
    const sheets = await readWorkbookFile(out);
    expect(sheets.map((s) => s.name)).toEqual(['Informe de seguimiento']);
    expect(sheets[0]!.values[1]![0]).toBe(
      '6ª. sesión ordinaria del 24 de junio de 2021: actividades planeadas de enero a junio.',
    );
    const missing = pat(['report', '--programme', 'cvoe-2021', '--session', '13'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No existe la 13ª sesión ordinaria');
    expectNoStackTrace(missing);
  });

  it('export --dir writes the same files as the scheduled exports', async () => {
    const { env } = environment();
    pat(['seed'], env);
    const dir = tmp.path('exportacion');
    const run = pat(['export', '--programme', 'cvoe-2021', '--dir', dir], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'programa-cvoe-2021.xlsx, actividades-cvoe-2021.csv, sesiones-cvoe-2021.csv',
    );
    const neither = pat(['export', '--programme', 'cvoe-2021'], env);
    expect(neither).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') });
  });

  it("document write writes the programme's Word document; an unknown programme writes nothing", async () => {
    const { env } = environment();
    pat(['seed'], env);
    const out = tmp.path('programa.docx');
    const run = pat(['document', 'write', '--programme', 'cvoe-2021', '--out', out], env);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(out) });
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('CVOE/040/20');
    const missing = tmp.path('otro.docx');
    const none = pat(['document', 'write', '--programme', 'no-existe', '--out', missing], env);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no-existe');
    expect(existsSync(missing)).toBe(false);
  });

  it("import reads the plan from the programme's Word document; a document with errors writes nothing", async () => {
    const { env, store } = environment();
    pat(['seed'], env);
    const written = tmp.path('programa.docx');
    expect(pat(['document', 'write', '--programme', 'cvoe-2021', '--out', written], env).code).toBe(
      0,
    );
    const run = pat(['import', written, '--programme', 'cvoe-2022b'], env);
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('desde el documento: cvoe-2022b, 26 actividades'),
    });
    const imported = await store.programmes.activities('cvoe-2022b');
    const original = await store.programmes.activities('cvoe-2021');
    const plan = (list: typeof original) =>
      list.map(({ id, axis, description, period, months }) => ({
        id,
        axis,
        description,
        period,
        months,
      }));
    expect(plan(imported)).toEqual(plan(original));
    const notes = tmp.path('minuta.docx');
    writeFileSync(notes, readFileSync(written).subarray(0, 100)); // not a package at all
    const refused = pat(['import', notes, '--programme', 'cvoe-2022c'], env);
    expect(refused.code).toBe(2);
    expect(await store.programmes.get('cvoe-2022c')).toBeUndefined();
  });

  it('feed creates a subscribable URL, lists it and revokes it', async () => {
    const { env, store } = environment();
    pat(['seed'], env);
    const made = pat(
      ['feed', 'create', '--programme', 'cvoe-2021', '--url', 'https://pat.iecm.mx'],
      env,
    );
    expect(made.code).toBe(0);
    const url = /https:\/\/pat\.iecm\.mx\/api\/feeds\/\S+\/calendario\.ics/.exec(made.stdout)![0];
    const listed = pat(['feed', 'list', '--programme', 'cvoe-2021'], env);
    expect(listed.stdout).toMatch(/^[0-9a-f]{32} /);
    expect(pat(['feed', 'revoke', url, '--programme', 'cvoe-2021'], env).code).toBe(0);
    expect(await store.feeds.list('cvoe-2021')).toEqual([]);
    const again = pat(['feed', 'revoke', url, '--programme', 'cvoe-2021'], env);
    expect(again.code).toBe(2);
    expect(pat(['feed', 'create', '--programme', 'cvoe-2021'], env).stderr).toContain('--url');
  });

  it('member adds, lists and removes the people and groups who may write a programme', async () => {
    const { env, store } = environment();
    pat(['seed'], env);
    const P = ['--programme', 'cvoe-2021'];
    const empty = pat(['member', 'list', ...P], env);
    expect(empty.stdout).toContain('no tiene miembros');
    const oid = '0F000000-0000-4000-8000-000000000001';
    const added = pat(
      ['member', 'add', ...P, '--user', oid, '--role', 'editor', '--name', 'ana.lopez@iecm.mx'],
      env,
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(
      'ana.lopez@iecm.mx (0f000000-0000-4000-8000-000000000001) es editor',
    );
    const group = '9a000000-0000-4000-8000-00000000000b';
    expect(pat(['member', 'add', ...P, '--group', group, '--role', 'viewer'], env).code).toBe(0);
    expect(
      (await store.members.list('cvoe-2021')).map((m) => [m.kind, m.id, m.role]).sort(),
    ).toEqual([
      ['group', group, 'viewer'],
      ['user', oid.toLowerCase(), 'editor'],
    ]);
    expect(
      pat(['member', 'list', ...P], env)
        .stdout.trim()
        .split('\n'),
    ).toHaveLength(2);
    expect(pat(['member', 'remove', ...P, '--user', oid], env).code).toBe(0);
    expect(await store.members.list('cvoe-2021')).toHaveLength(1);

    // Mistakes are said in Spanish, exit 2, and change nothing.
    for (const [args, says] of [
      [['member', 'add', ...P, '--user', 'ana', '--role', 'editor'], 'no es un id de Entra'],
      [['member', 'add', ...P, '--user', oid, '--role', 'jefa'], '--role editor o --role viewer'],
      [['member', 'add', ...P, '--role', 'editor'], '--user'],
      [['member', 'remove', ...P, '--user', oid], 'no es miembro'],
      [['member', 'invite', ...P], 'list, add o remove'],
      [['member', 'list', '--programme', 'cvoe-1999'], 'No existe el programa'],
    ] as const) {
      const run = pat([...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(says);
      expectNoStackTrace(run);
    }
    expect(await store.members.list('cvoe-2021')).toHaveLength(1);
  });
});
