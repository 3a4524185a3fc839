/**
 * Backup and restore of the whole store (backend/services/backup.ts) on Azurite: a backup of the
 * 2021 programme with a bit of everything, restored after every table and the exports container
 * were deleted, answers every GET of the API as before (ETags excepted: they are storage's, see
 * withoutEtags), and keeps each property's exact Edm type; damaged sets are refused before
 * anything is written; the `scheduledBackups` timer writes the same set to Blob storage.
 */
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { InvocationContext } from '@azure/functions';
import { cpSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  BackupManifest,
  BackupRefusedError,
  StoreNotEmptyError,
  backupRunFolder,
  listBackupRuns,
  pruneBackups,
  restoreBackup,
  runScheduledBackup,
  storeContents,
  verifyBackup,
  writeBackup,
} from '../../backend/services/backup';
import { BackupFolder, BlobFolder, DirectoryFolder } from '../../backend/store/backup-files';
import { BackupStore, annotateDoubles, backupsContainer } from '../../backend/store/backup-store';
import { exportsContainer } from '../../backend/store/export-store';
import { Store } from '../../backend/store/store';
import { TABLES } from '../../backend/store/tables';
import { triggers } from '../../backend/triggers';
import { settingsFromEnv } from '../../backend/settings';
import { AZURITE_KEY } from '../../backend/store/connection';
import { tempDir } from '../helpers/files';
import { ADMIN, call, depsFor, newStore, testConnectionString } from '../helpers/server';
import { NOW, P, Scenario, apiAnswers, timerNamed, writeScenario } from '../helpers/answers';

const tmp = tempDir('pat-backup-');
afterAll(() => tmp.cleanup());

const prefixOf = (store: Store) =>
  store.tables.clients.programs.tableName.slice(0, -TABLES.programs.length);

/** Another store object on the same tables (nothing cached from before). */
const reopen = (store: Store, clock?: () => Date) =>
  new Store({ connectionString: testConnectionString(), tablePrefix: prefixOf(store) }, clock);

/** Deletes every table of the store and its exports container: what a disaster leaves. */
async function wipe(store: Store): Promise<void> {
  const service = TableServiceClient.fromConnectionString(testConnectionString(), {
    allowInsecureConnection: true,
  });
  for (const name of Object.values(TABLES)) await service.deleteTable(`${prefixOf(store)}${name}`);
  await BlobServiceClient.fromConnectionString(testConnectionString())
    .getContainerClient(exportsContainer(prefixOf(store)))
    .deleteIfExists();
}

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Rewrites a set's file and makes the manifest agree with it (size and checksum). */
function rewrite(dir: string, file: string, edit: (text: string) => string): void {
  const target = path.join(dir, file);
  const bytes = Buffer.from(edit(readFileSync(target, 'utf8')), 'utf8');
  writeFileSync(target, bytes);
  const manifest = manifestOf(dir);
  const entry = manifest.tables.find((t) => t.file === file)!;
  entry.bytes = bytes.length;
  entry.sha256 = sha256(bytes);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

let store: Store;
let scenario: Scenario;
let before: Record<string, unknown>;
let dir: string;

beforeAll(async () => {
  store = await newStore();
  scenario = await writeScenario(store);
  before = await apiAnswers(scenario.deps, scenario.feedToken);
  dir = tmp.path('copia');
}, 120_000);

describe('a backup', () => {
  it('writes every table and the published export files, with a manifest that describes them', async () => {
    // The answers themselves are stable: asked twice, they are the same (so a difference later is the restore's).
    expect(await apiAnswers(scenario.deps, scenario.feedToken)).toEqual(before);
    const summary = await writeBackup(store, new DirectoryFolder(dir), { now: NOW, by: 'prueba' });
    const manifest = manifestOf(dir);
    expect(manifest).toEqual(summary.manifest);
    expect(manifest).toMatchObject({
      format: 'pat-cronograma-backup',
      version: 1,
      createdAt: NOW.toISOString(),
      createdBy: 'prueba',
      source: { account: 'devstoreaccount1', emulator: true, tablePrefix: prefixOf(store) },
      warnings: [],
    });
    // Every table of TABLES, in its order, a file each; counts as the store has them.
    expect(manifest.tables.map((t) => [t.name, t.file])).toEqual(
      Object.values(TABLES).map((name) => [name, `tables/${name}.ndjson`]),
    );
    const contents = await storeContents(store);
    expect(manifest.tables.map((t) => t.entities)).toEqual(contents.tables.map((t) => t.entities));
    for (const name of ['Programs', 'Activities', 'MonthStatuses', 'Sessions', 'IdempotencyKeys'])
      expect(manifest.tables.find((t) => t.name === name)!.entities).toBeGreaterThan(0);
    for (const name of ['CalendarFeeds', 'Exports', 'Memberships'])
      expect(manifest.tables.find((t) => t.name === name)!.entities).toBe(1);
    // The day's five export files, and only the published run's.
    const exported = (await store.exports.list('cvoe-2021')).map((f) => f.name).sort();
    expect(manifest.blobs.map((b) => b.name.split('/').pop()).sort()).toEqual(exported);
    expect(manifest.blobs).toHaveLength(5);
    for (const blob of manifest.blobs) {
      expect(blob.name).toMatch(/^cvoe-2021\/2021-06-18\/[^/]+\/[^/]+$/);
      const bytes = readFileSync(path.join(dir, blob.file));
      expect({ size: bytes.length, sha256: sha256(bytes) }).toEqual({
        size: blob.size,
        sha256: blob.sha256,
      });
    }
    for (const table of manifest.tables) {
      const bytes = readFileSync(path.join(dir, table.file));
      expect({ bytes: bytes.length, sha256: sha256(bytes) }).toEqual({
        bytes: table.bytes,
        sha256: table.sha256,
      });
      const lines = bytes.toString('utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(table.entities);
    }
    // No secret: neither the key nor the connection string.
    const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    expect(text).not.toContain(AZURITE_KEY);
    expect(text).not.toMatch(/AccountKey|SharedAccessSignature/i);
  });

  it('keeps each entity’s keys and typed properties, one JSON line each, in the service’s order', () => {
    const lines = (name: string) =>
      readFileSync(path.join(dir, `tables/${name}.ndjson`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const [programme] = lines('Programs');
    expect(programme).toMatchObject({
      PartitionKey: 'program',
      RowKey: 'cvoe-2021',
      properties: { year: { type: 'Int32', value: '2021' }, title: { type: 'String' } },
    });
    expect(Object.keys(programme)).toEqual(['PartitionKey', 'RowKey', 'properties']);
    expect(Object.keys(programme.properties)).toEqual(Object.keys(programme.properties).sort());
    const [idempotency] = lines('IdempotencyKeys');
    expect(idempotency.RowKey).toBe('sync-respaldo-0001');
    expect(idempotency.properties.part0.type).toBe('Binary');
    const statuses = lines('MonthStatuses').map((e) => e.RowKey);
    expect(statuses).toEqual([...statuses].sort());
    expect(statuses.filter((k: string) => k.startsWith('h_')).length).toBeGreaterThanOrEqual(8);
  });
});

describe('a restore', () => {
  it('after every table and the exports were deleted, gives the same answers (ETags aside) and history', async () => {
    await wipe(store);
    const fresh = reopen(store);
    await fresh.ensureTables();
    expect((await call(depsFor(fresh), 'listPrograms')).json).toEqual([]);
    const verified = await verifyBackup(new DirectoryFolder(dir));
    const summary = await restoreBackup(fresh, verified);
    expect(summary.replaced).toBeUndefined();
    const deps = depsFor(fresh, () => NOW);
    expect(await apiAnswers(deps, scenario.feedToken)).toEqual(before);
    // The idempotency key came back: a retried sync gets its first answer, ETags and all (an
    // admin retries it: the programme has members now, and the editor who synced is not one).
    const replay = await call(deps, 'sync', { params: P, body: scenario.sync.body, as: ADMIN });
    expect(replay.json).toEqual(scenario.sync.answer);
    // A backup of the restored store is the same set, byte for byte: every property, every type.
    const again = tmp.path('otra-vez');
    await writeBackup(fresh, new DirectoryFolder(again), { now: NOW, by: 'prueba' });
    const sums = (d: string) => manifestOf(d).tables.map((t) => [t.name, t.sha256, t.entities]);
    expect(sums(again)).toEqual(sums(dir));
    expect(manifestOf(again).blobs).toEqual(manifestOf(dir).blobs);
  }, 120_000);

  it('keeps every Edm type exactly, whole Doubles included, into another store', async () => {
    const source = await newStore();
    const client = source.tables.clients.sessions;
    const entity = {
      partitionKey: 'tipos',
      rowKey: 'todos',
      text: 'ñandú «comillas» \\ "dobles" \u{1F600}',
      empty: '',
      looksNumeric: '00123',
      int: 42,
      negative: -7,
      whole: { value: '2', type: 'Double' },
      big: { value: '3000000000', type: 'Double' },
      fraction: 0.1,
      tiny: { value: '1e-300', type: 'Double' },
      nan: { value: 'NaN', type: 'Double' },
      infinite: { value: 'Infinity', type: 'Double' },
      long: { value: '9223372036854775807', type: 'Int64' },
      yes: true,
      no: false,
      when: { value: '2021-06-18T17:00:00.1234567Z', type: 'DateTime' },
      id: { value: '0f000000-0000-4000-8000-000000000001', type: 'Guid' },
      bytes: new Uint8Array([0, 1, 2, 250, 255]),
      noBytes: new Uint8Array([]),
    };
    await client.upsertEntity(entity, 'Replace');
    const folder = new DirectoryFolder(tmp.path('tipos'));
    await writeBackup(source, folder, { now: NOW, by: 'prueba' });
    const line = JSON.parse(readFileSync(path.join(folder.root, 'tables/Sessions.ndjson'), 'utf8'));
    expect(line.properties).toMatchObject({
      whole: { type: 'Double', value: '2' },
      big: { type: 'Double', value: '3000000000' },
      int: { type: 'Int32', value: '42' },
      long: { type: 'Int64', value: '9223372036854775807' },
      nan: { type: 'Double', value: 'NaN' },
      when: { type: 'DateTime', value: '2021-06-18T17:00:00.1234567Z' },
      bytes: { type: 'Binary', value: Buffer.from([0, 1, 2, 250, 255]).toString('base64') },
    });
    const target = await newStore();
    await restoreBackup(target, await verifyBackup(folder));
    // What the service itself sends for the entity, read the same way from both stores.
    const raw = async (store: Store) => {
      let body = '';
      const reader = TableClient.fromConnectionString(
        testConnectionString(),
        store.tables.clients.sessions.tableName,
        {
          allowInsecureConnection: true,
          additionalPolicies: [
            {
              position: 'perRetry',
              policy: {
                name: 'raw',
                sendRequest: async (request, next) => {
                  const response = await next(request);
                  body = response.bodyAsText ?? '';
                  return response;
                },
              },
            },
          ],
        },
      );
      await reader.getEntity('tipos', 'todos');
      return body;
    };
    const [original, restored] = [await raw(source), await raw(target)];
    const withoutService = (text: string) => {
      const json = JSON.parse(text) as Record<string, unknown>;
      for (const key of Object.keys(json))
        if (key.startsWith('odata.') || key.startsWith('Timestamp')) delete json[key];
      return json;
    };
    expect(withoutService(restored)).toEqual(withoutService(original));
    // JSON.parse cannot tell 2 from 2.0: the service's own text can.
    const lexeme = (text: string, name: string) => new RegExp(`"${name}":([^,}]+)`).exec(text)?.[1];
    for (const name of ['whole', 'big', 'fraction', 'tiny', 'int', 'negative', 'nan', 'yes'])
      expect([name, lexeme(restored, name)]).toEqual([name, lexeme(original, name)]);
    expect(lexeme(restored, 'whole')).toBe('2.0');
  });

  it('marks the service’s Doubles before the SDK reads them, and nothing else', () => {
    const answer =
      '{"odata.metadata":"x","value":[{"odata.etag":"W/\\"1.5\\"","PartitionKey":"p","RowKey":"2.0",' +
      '"a":2.0,"b":7,"c":-1.5e3,"d":"3.0","e":3000000000,"f@odata.type":"Edm.Int64","f":"5","g":[1.5],"h\\"":2.5}]}';
    const annotated = JSON.parse(annotateDoubles(answer)) as { value: Record<string, unknown>[] };
    expect(annotated.value[0]).toEqual({
      'odata.etag': 'W/"1.5"',
      PartitionKey: 'p',
      RowKey: '2.0',
      'a@odata.type': 'Edm.Double',
      a: 2,
      b: 7,
      'c@odata.type': 'Edm.Double',
      c: -1500,
      d: '3.0',
      'e@odata.type': 'Edm.Double',
      e: 3000000000,
      'f@odata.type': 'Edm.Int64',
      f: '5',
      g: [1.5],
      'h"@odata.type': 'Edm.Double',
      'h"': 2.5,
    });
    expect(annotateDoubles('{"value":[{"b":7}]}')).toBe('{"value":[{"b":7}]}');
  });

  it('refuses a store that holds data, saying what is there, and with replace puts the set in its place', async () => {
    const target = reopen(store, () => NOW);
    const deps = depsFor(target, () => NOW);
    // Something changes after the backup: a new programme and another status.
    await call(deps, 'putPlan', {
      as: { name: 'admin@iecm.mx', roles: ['admin'] },
      params: { programId: 'otro-2022' },
      body: {
        year: 2022,
        axes: [{ number: 1, name: 'Eje' }],
        activities: [{ id: '1.1', axis: 1, description: 'Una', months: [3] }],
      },
    });
    const verified = await verifyBackup(new DirectoryFolder(dir));
    const refused = await restoreBackup(target, verified).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreNotEmptyError);
    expect((refused as Error).message).toMatch(
      /no está vacío \(programas (cvoe-2021, otro-2022|otro-2022, cvoe-2021); filas: Programs 2, Activities 27, .*5 archivos de exportaciones\): no se restauró nada\. .*--replace/,
    );
    expect((await call(deps, 'listPrograms')).json).toHaveLength(2);
    const heard: string[] = [];
    const summary = await restoreBackup(target, verified, {
      replace: true,
      beforeReplace: (contents) => heard.push(...contents.programmes),
    });
    expect(heard.sort()).toEqual(['cvoe-2021', 'otro-2022']);
    expect(summary.replaced?.programmes.sort()).toEqual(['cvoe-2021', 'otro-2022']);
    expect(
      await apiAnswers(
        depsFor(reopen(store), () => NOW),
        scenario.feedToken,
      ),
    ).toEqual(before);
  }, 120_000);
});

describe('a damaged backup is refused before anything is written', () => {
  /** A copy of the good set, damaged by `damage`; the error restoring it into an empty store, which stays empty. */
  async function refusal(damage: (copy: string) => void): Promise<string> {
    const copy = tmp.path(`dañada-${Math.random().toString(36).slice(2)}`);
    cpSync(dir, copy, { recursive: true });
    damage(copy);
    const target = await newStore();
    const error = await verifyBackup(new DirectoryFolder(copy))
      .then((verified) => restoreBackup(target, verified))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BackupRefusedError);
    expect((await storeContents(target)).empty).toBe(true);
    return (error as Error).message;
  }

  it('one line altered (same length): its file fails its checksum', async () => {
    expect(
      await refusal((copy) => {
        const file = path.join(copy, 'tables/MonthStatuses.ndjson');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"realizada"', '"realizadx"'));
      }),
    ).toBe(
      'tables/MonthStatuses.ndjson: su SHA-256 no es el del manifiesto; el archivo cambió o está dañado.',
    );
  });

  it('a line that is not JSON, even with the manifest made to agree: the file and line are named', async () => {
    expect(
      await refusal((copy) =>
        rewrite(copy, 'tables/Activities.ndjson', (text) => {
          const lines = text.split('\n');
          lines[2] = lines[2]!.slice(0, -3);
          return lines.join('\n');
        }),
      ),
    ).toBe('tables/Activities.ndjson, línea 3: no es JSON válido; la copia está dañada.');
  });

  it('a truncated NDJSON file: its size is not the manifest’s', async () => {
    expect(
      await refusal((copy) => {
        const file = path.join(copy, 'tables/Activities.ndjson');
        truncateSync(file, readFileSync(file).length - 100);
      }),
    ).toMatch(
      /^tables\/Activities\.ndjson mide \d+ bytes y el manifiesto dice \d+: el archivo está truncado o cambió\.$/,
    );
    // Truncated with the manifest rewritten to match: the last line is cut short.
    expect(
      await refusal((copy) => rewrite(copy, 'tables/Activities.ndjson', (t) => t.slice(0, -100))),
    ).toMatch(/^tables\/Activities\.ndjson, línea 26: está incompleta/);
    // A whole line taken out, checksums made to agree: the count says so.
    expect(
      await refusal((copy) =>
        rewrite(copy, 'tables/Activities.ndjson', (t) => t.split('\n').slice(1).join('\n')),
      ),
    ).toBe(
      'tables/Activities.ndjson tiene 25 entidades y el manifiesto dice 26: la copia está incompleta o cambió.',
    );
  });

  it('a missing file, a missing manifest, a manifest claiming absurd sizes, a bad key, a bad type', async () => {
    expect(await refusal((copy) => rmSync(path.join(copy, 'tables/Sessions.ndjson')))).toBe(
      'Falta el archivo tables/Sessions.ndjson que el manifiesto lista: la copia está incompleta.',
    );
    const blob = manifestOf(dir).blobs[0]!;
    expect(await refusal((copy) => rmSync(path.join(copy, blob.file)))).toBe(
      `Falta el archivo ${blob.file} que el manifiesto lista: la copia está incompleta.`,
    );
    expect(await refusal((copy) => rmSync(path.join(copy, 'manifest.json')))).toMatch(
      /^No hay manifest\.json en .*no terminó de escribirse/,
    );
    expect(
      await refusal((copy) => {
        const manifest = manifestOf(copy);
        manifest.tables[1]!.bytes = 2 ** 50;
        writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
      }),
    ).toMatch(/^manifest\.json dice que tables\/Activities\.ndjson mide \d+ bytes: no es creíble/);
    expect(
      await refusal((copy) => {
        const manifest = manifestOf(copy);
        manifest.blobs[0]!.file = '../../etc/passwd';
        writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
      }),
    ).toMatch(/tiene un nombre o una ruta no válidos/);
    expect(
      await refusal((copy) => writeFileSync(path.join(copy, 'manifest.json'), '{"format":')),
    ).toBe('manifest.json no es JSON válido: la copia está dañada.');
    expect(
      await refusal((copy) =>
        rewrite(copy, 'tables/Programs.ndjson', (t) =>
          t.replace('"RowKey":"cvoe-2021"', '"RowKey":"cvoe/2021"'),
        ),
      ),
    ).toMatch(/^tables\/Programs\.ndjson, línea 1: RowKey con caracteres no permitidos/);
    expect(
      await refusal((copy) =>
        rewrite(copy, 'tables/Programs.ndjson', (t) =>
          t.replace('{"type":"Int32","value":"2021"}', '{"type":"Int32","value":"2021.5"}'),
        ),
      ),
    ).toBe('tables/Programs.ndjson, línea 1: la propiedad «year» no es un valor Int32 válido.');
  });
});

describe('the scheduledBackups timer', () => {
  it('is in the trigger table beside the exports, on its schedule (05:30 in Mexico City by default)', () => {
    const deps = depsFor(store);
    expect(triggers(deps).timers.map((t) => [t.name, t.schedule])).toEqual([
      ['scheduledExports', '0 0 12 * * *'],
      ['scheduledBackups', '0 30 11 * * *'],
      ['sendReminders', '0 0 14 * * 1-5'],
    ]);
    expect(
      triggers({ ...deps, backupSettings: { schedule: '0 0 10 * * 1-5', retentionDays: 7 } })
        .timers[1],
    ).toMatchObject({ name: 'scheduledBackups', schedule: '0 0 10 * * 1-5' });
    expect(settingsFromEnv({}).backups).toEqual({ schedule: '0 30 11 * * *', retentionDays: 35 });
    expect(
      settingsFromEnv({ PAT_BACKUP_SCHEDULE: '0 0 9 * * *', PAT_BACKUP_RETENTION_DAYS: '10' })
        .backups,
    ).toEqual({ schedule: '0 0 9 * * *', retentionDays: 10 });
    expect(() => settingsFromEnv({ PAT_BACKUP_RETENTION_DAYS: '0' })).toThrow(
      /PAT_BACKUP_RETENTION_DAYS/,
    );
    expect(() => settingsFromEnv({ PAT_BACKUP_SCHEDULE: '0 30 11 * *' })).toThrow(
      /PAT_BACKUP_SCHEDULE/,
    );
  });

  it('writes a complete set to the backups container, the manifest last, and it restores', async () => {
    const source = reopen(store, () => NOW);
    const logs: unknown[][] = [];
    const deps = depsFor(source, () => NOW);
    const timer = triggers(deps).timers.find((t) => t.name === 'scheduledBackups')!;
    await timer.handler(
      new InvocationContext({
        functionName: timer.name,
        logHandler: (_level, ...args) => logs.push(args),
      }),
    );
    expect(String(logs[0]?.[0])).toMatch(
      /^Copia de seguridad 2021-06-18\/20210618T170000000Z-[0-9a-f]{8}: \d+ entidades de 12 tablas, 5 archivos de exportaciones, \d+ bytes$/,
    );
    const runs = await listBackupRuns(source);
    expect(runs).toEqual([
      expect.objectContaining({
        date: '2021-06-18',
        complete: true,
        files: 1 + Object.keys(TABLES).length + 5,
      }),
    ]);
    const container = BlobServiceClient.fromConnectionString(
      testConnectionString(),
    ).getContainerClient(backupsContainer(prefixOf(store)));
    const names: string[] = [];
    for await (const b of container.listBlobsFlat()) names.push(b.name);
    const prefix = `2021-06-18/${runs[0]!.run}/`;
    expect(names.every((n) => n.startsWith(prefix))).toBe(true);
    expect(names).toEqual(
      expect.arrayContaining([
        `${prefix}manifest.json`,
        ...Object.values(TABLES).map((t) => `${prefix}tables/${t}.ndjson`),
      ]),
    );
    // The same set as a backup to a folder: the same tables, byte for byte.
    const folder = await backupRunFolder(source, '2021-06-18');
    const verified = await verifyBackup(folder);
    expect(verified.manifest.tables.map((t) => t.sha256)).toEqual(
      manifestOf(dir).tables.map((t) => t.sha256),
    );
    // Disaster; the blob set restores, read straight from the container.
    await wipe(store);
    const fresh = reopen(store, () => NOW);
    await fresh.ensureTables();
    await restoreBackup(fresh, await verifyBackup(await backupRunFolder(fresh, '2021-06-18')));
    expect(
      await apiAnswers(
        depsFor(fresh, () => NOW),
        scenario.feedToken,
      ),
    ).toEqual(before);
  }, 120_000);

  it('writes the manifest after every other file (a folder without one is unfinished)', async () => {
    const order: string[] = [];
    const inner = new DirectoryFolder(tmp.path('orden'));
    const recording: BackupFolder = {
      where: inner.where,
      write: async (file, chunks, type) => {
        const digest = await inner.write(file, chunks, type);
        order.push(file);
        return digest;
      },
      size: (file) => inner.size(file),
      read: (file) => inner.read(file),
      isEmpty: () => inner.isEmpty(),
    };
    await writeBackup(reopen(store), recording, { now: NOW, by: 'prueba' });
    expect(order.pop()).toBe('manifest.json');
    expect(order).toHaveLength(Object.keys(TABLES).length + 5);
    // An unfinished run is listed as such and never chosen.
    const source = reopen(store);
    const container = await new BackupStore(source.tables).backupsContainer();
    await container
      .getBlockBlobClient('2021-06-18/20210618T235959000Z-00000000/tables/Programs.ndjson')
      .upload('x', 1);
    const runs = await listBackupRuns(source);
    expect(runs.at(-1)).toMatchObject({ run: '20210618T235959000Z-00000000', complete: false });
    expect((await backupRunFolder(source, '2021-06-18')).where).not.toContain('235959');
    await expect(
      backupRunFolder(source, '2021-06-18/20210618T235959000Z-00000000').then((f) =>
        verifyBackup(f),
      ),
    ).rejects.toThrow(/No hay manifest\.json en .*no terminó de escribirse/);
  });

  it('two runs at once each write their own complete folder', async () => {
    const source = reopen(store);
    const later = new Date('2021-06-19T11:30:00Z');
    const settings = { schedule: '0 30 11 * * *', retentionDays: 35 };
    const [a, b] = await Promise.all([
      runScheduledBackup(source, settings, later),
      runScheduledBackup(source, settings, later),
    ]);
    expect(a.run).not.toBe(b.run);
    const day = (await listBackupRuns(source)).filter((r) => r.date === '2021-06-19');
    expect(day.map((r) => r.complete)).toEqual([true, true]);
    for (const run of day)
      await verifyBackup(await backupRunFolder(source, `2021-06-19/${run.run}`));
  }, 120_000);

  it('deletes runs past retention, never the newest complete one nor one still being written', async () => {
    const source = await newStore();
    const backup = new BackupStore(source.tables);
    const container = await backup.backupsContainer();
    await container.createIfNotExists();
    const plant = async (run: string, complete: boolean) => {
      await container.getBlockBlobClient(`${run}/tables/Programs.ndjson`).upload('x', 1);
      if (complete) await container.getBlockBlobClient(`${run}/manifest.json`).upload('{}', 2);
    };
    await plant('2021-04-01/a', true);
    await plant('2021-04-02/b', false);
    await plant('2021-05-01/c', true);
    await plant('2021-06-17/d', true);
    await plant('2021-06-18/e', false);
    const runs = async () => (await listBackupRuns(source)).map((r) => `${r.date}/${r.run}`);
    // Keep from 1 June; the incomplete run of 2 April was written just now: it may be running.
    expect(await pruneBackups(source, '2021-06-01', new Date())).toEqual([
      '2021-04-01/a',
      '2021-05-01/c',
    ]);
    expect(await runs()).toEqual(['2021-04-02/b', '2021-06-17/d', '2021-06-18/e']);
    // A day later it is abandoned; and with every day past retention, the newest complete run stays.
    const dayLater = new Date(Date.now() + 25 * 3600 * 1000);
    expect(await pruneBackups(source, '2022-01-01', dayLater)).toEqual([
      '2021-04-02/b',
      '2021-06-18/e',
    ]);
    expect(await runs()).toEqual(['2021-06-17/d']);
    // The timer prunes with its retention: a run today and 35 days keep 2021-06-17.
    await timerNamed(
      depsFor(source, () => NOW),
      'scheduledBackups',
    );
    expect((await runs()).filter((r) => r.startsWith('2021-06-17'))).toHaveLength(1);
  }, 60_000);
});

describe('bounded', () => {
  it('refuses, before reading, a set whose files are not there or not what they claim', async () => {
    // A folder with a manifest only, claiming a table of a terabyte.
    const copy = tmp.path('enorme');
    cpSync(dir, copy, { recursive: true });
    for (const f of readdirSync(path.join(copy, 'tables'))) rmSync(path.join(copy, 'tables', f));
    const manifest = manifestOf(copy);
    manifest.tables[0]!.bytes = 2 ** 40;
    writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
    await expect(verifyBackup(new DirectoryFolder(copy))).rejects.toThrow(/no es creíble/);
  });

  it('a blob folder reports missing files as missing', async () => {
    const source = await newStore();
    const container = await new BackupStore(source.tables).backupsContainer();
    const folder = new BlobFolder(container, '2021-01-01/x/');
    expect(await folder.isEmpty()).toBe(true);
    expect(await folder.size('manifest.json')).toBeUndefined();
  });
});
