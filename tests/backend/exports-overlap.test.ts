/**
 * Scheduled export runs that overlap (two instances, a retry: issue 17), on Azurite. Each run's
 * files come from a script whose steps the test holds and releases, so every interleaving is made
 * on purpose, never by timing. After each step: the list answers, every listed file downloads
 * (through the route, as a reader would), and the only folders left are the published run's and
 * those of runs still in progress.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { Deps } from '../../backend/http/deps';
import { runScheduledExports } from '../../backend/services/exports';
import { seedProgramme } from '../../backend/services/seed';
import {
  ABANDONED_AFTER_MS,
  ExportFileInput,
  ExportRunExpiredError,
  exportsContainer,
} from '../../backend/store/export-store';
import { Store } from '../../backend/store/store';
import { TABLES } from '../../backend/store/tables';
import { loadSeedProgramme } from '../../seeds';
import { API } from '../../shared/api';
import { VIEWER, call, depsFor, newStore, testConnectionString } from '../helpers/server';

const ID = 'cvoe-2021';
const ACTOR = { name: 'prueba' };
const HOUR = 3600_000;

/**
 * The store's clock: real time, but never the same millisecond twice, so runs started one after
 * the other are named in that order (a run's name starts with its start time).
 */
let last = 0;
const clock = () => {
  last = Math.max(last + 1, Date.now());
  return new Date(last);
};
/** A clock `ahead` ms past the store's (read at each call): another instance, later on. */
const clockAhead = (ahead: () => number) => () =>
  new Date(Math.max(last + 1, Date.now()) + ahead());

let store: Store;
let deps: Deps;

const prefixOf = (s: Store) =>
  s.tables.clients.programs.tableName.slice(0, -TABLES.programs.length);
/** Another store object on the same tables and container: another instance of the app. */
const instance = (c: () => Date = clock) =>
  new Store({ connectionString: testConnectionString(), tablePrefix: prefixOf(store) }, c);
const container = () =>
  BlobServiceClient.fromConnectionString(testConnectionString()).getContainerClient(
    exportsContainer(prefixOf(store)),
  );

beforeAll(async () => {
  store = await newStore({ clock });
  await seedProgramme(store, loadSeedProgramme());
  deps = depsFor(store);
});

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Hold {
  /** Resolves once the run is held: every file before the held one is written. */
  reached: Promise<void>;
  release: () => void;
  /** Releases the run with an error where its next file would be made. */
  fail: (error: Error) => void;
}

/**
 * A run's files, `count` of them, each saying which run wrote it. `hold(n)` stops the run before
 * its n-th file (0-based) is made; `hold(count)` stops it after its last file, before it publishes.
 */
function script(tag: string, count = 3) {
  const holds = new Map<number, { reached: Deferred; release: Deferred }>();
  const pause = async (at: number) => {
    const held = holds.get(at);
    if (!held) return;
    held.reached.resolve();
    await held.release.promise;
  };
  return {
    tag,
    hold(at: number): Hold {
      const held = { reached: deferred(), release: deferred() };
      holds.set(at, held);
      return {
        reached: held.reached.promise,
        release: () => held.release.resolve(),
        fail: (error) => held.release.reject(error),
      };
    },
    async *files(): AsyncGenerator<ExportFileInput> {
      for (let i = 0; i < count; i++) {
        await pause(i);
        yield {
          name: `archivo-${i}.csv`,
          contentType: 'text/csv',
          body: Buffer.from(`${tag} ${i}`),
        };
      }
      await pause(count);
    },
  };
}
type Script = ReturnType<typeof script>;

const publish = (date: string, run: Script, on: Store = store) =>
  on.exports.publish(ID, date, run.files(), ACTOR);

/** The day's folders as the container has them: run → file names. */
async function foldersOf(date?: string): Promise<Map<string, string[]>> {
  const folders = new Map<string, string[]>();
  const prefix = date ? `${ID}/${date}/` : `${ID}/`;
  if (!(await container().exists())) return folders;
  for await (const blob of container().listBlobsFlat({ prefix })) {
    const [day, run, name] = blob.name.slice(`${ID}/`.length).split('/');
    const key = `${day}/${run}`;
    folders.set(key, [...(folders.get(key) ?? []), name!]);
  }
  return folders;
}

async function rowOf(date: string): Promise<{ run: string } | undefined> {
  try {
    return await store.tables.clients.exports.getEntity<{ run: string }>(ID, date);
  } catch {
    return undefined;
  }
}

/**
 * What a reader sees of the day: the listed files, each downloaded through the route. Every one
 * answers 200 and was written by `published` (undefined: the day lists nothing). Besides the
 * published run's folder, exactly `inProgress` folders are left (runs not finished).
 */
async function expectDay(
  date: string,
  published: Script | undefined,
  inProgress = 0,
): Promise<void> {
  const list = await call(deps, 'listExports', { params: { programId: ID }, as: VIEWER });
  expect(list.status).toBe(200);
  const listed = API.listExports.response
    .parse(list.json)
    .exports.filter((e) => e.date === date)
    .map((e) => e.name);
  expect(listed).toEqual(published ? ['archivo-0.csv', 'archivo-1.csv', 'archivo-2.csv'] : []);
  for (const [i, name] of listed.entries()) {
    const file = await call(deps, 'getExport', {
      params: { programId: ID, date, name },
      as: VIEWER,
    });
    expect(`${name} ${file.status}`).toBe(`${name} 200`);
    expect(file.bytes.toString('utf8')).toBe(`${published!.tag} ${i}`);
  }
  const row = await rowOf(date);
  const folders = await foldersOf(date);
  if (row) expect(folders.get(`${date}/${row.run}`)?.sort()).toEqual(listed);
  expect(folders.size - (row ? 1 : 0)).toBe(inProgress);
}

/** A complete set published before the runs under test: the one they replace. */
async function previous(date: string): Promise<{ script: Script; run: string }> {
  const before = script('anterior');
  const outcome = await publish(date, before);
  expect(outcome.published).toBe(true);
  await expectDay(date, before);
  return { script: before, run: outcome.run };
}

describe('two runs of one day', () => {
  it('A writes, B writes, A publishes, B publishes: B, which started later, replaces A', async () => {
    const date = '2021-06-01';
    const old = await previous(date);
    const a = script('A');
    const b = script('B');
    const aDone = a.hold(3);
    const bDone = b.hold(3);
    const ra = publish(date, a);
    await aDone.reached;
    const rb = publish(date, b);
    await bDone.reached;
    await expectDay(date, old.script, 2);
    aDone.release();
    const outA = await ra;
    expect(outA).toMatchObject({ published: true, replaced: old.run });
    await expectDay(date, a, 1);
    bDone.release();
    expect(await rb).toMatchObject({ published: true, replaced: outA.run });
    await expectDay(date, b);
  });

  it('A writes, B writes, B publishes, A publishes: A, which started earlier, withdraws its set', async () => {
    const date = '2021-06-02';
    const old = await previous(date);
    const a = script('A');
    const b = script('B');
    const aDone = a.hold(3);
    const bDone = b.hold(3);
    const ra = publish(date, a);
    await aDone.reached;
    const rb = publish(date, b);
    await bDone.reached;
    bDone.release();
    const outB = await rb;
    expect(outB).toMatchObject({ published: true, replaced: old.run });
    await expectDay(date, b, 1);
    aDone.release();
    const outA = await ra;
    expect(outA).toMatchObject({ published: false, supersededBy: outB.run });
    expect(outA.run < outB.run).toBe(true);
    await expectDay(date, b);
  });

  it('A publishes between the files of B, which started later: B’s files stay, and B replaces A', async () => {
    const date = '2021-06-03';
    const old = await previous(date);
    const a = script('A');
    const b = script('B');
    const aStarted = a.hold(0);
    const bMidway = b.hold(1);
    const ra = publish(date, a);
    await aStarted.reached;
    const rb = publish(date, b);
    await bMidway.reached;
    aStarted.release();
    expect(await ra).toMatchObject({ published: true, replaced: old.run });
    // The old code deleted every other folder of the day here, B's first file with it.
    await expectDay(date, a, 1);
    bMidway.release();
    const outB = await rb;
    expect(outB.published).toBe(true);
    await expectDay(date, b);
  });

  it('B, which started later, publishes between the files of A: A finishes and withdraws', async () => {
    const date = '2021-06-04';
    const old = await previous(date);
    const a = script('A');
    const b = script('B');
    const aMidway = a.hold(1);
    const ra = publish(date, a);
    await aMidway.reached;
    const outB = await publish(date, b);
    expect(outB).toMatchObject({ published: true, replaced: old.run });
    await expectDay(date, b, 1);
    aMidway.release();
    expect(await ra).toMatchObject({ published: false, supersededBy: outB.run });
    await expectDay(date, b);
  });

  /**
   * Holds the next read of a day's row (after it is read, before the run acts on it): the run
   * then writes with an ETag that another run has made stale meanwhile.
   */
  function holdNextRowRead(): Hold & { restore: () => void } {
    const client = store.tables.clients.exports;
    const original = client.getEntity.bind(client);
    const reached = deferred();
    const release = deferred();
    const spy = jest.spyOn(client, 'getEntity').mockImplementationOnce((async (
      ...args: Parameters<typeof original>
    ) => {
      const row = await original(...args);
      reached.resolve();
      await release.promise;
      return row;
    }) as typeof client.getEntity);
    return {
      reached: reached.promise,
      release: () => release.resolve(),
      fail: (error) => release.reject(error),
      restore: () => spy.mockRestore(),
    };
  }

  it('a run whose conditional write finds the row changed reads it again: the earlier run withdraws', async () => {
    const date = '2021-06-05';
    await previous(date);
    const a = script('A');
    const b = script('B');
    const aDone = a.hold(3);
    const ra = publish(date, a);
    await aDone.reached;
    const rowRead = holdNextRowRead();
    aDone.release();
    await rowRead.reached;
    // A has read the previous set's row; B starts later and publishes first.
    const outB = await publish(date, b);
    expect(outB.published).toBe(true);
    rowRead.release();
    rowRead.restore();
    expect(await ra).toMatchObject({ published: false, supersededBy: outB.run });
    await expectDay(date, b);
  });

  it('a run whose conditional write finds the row changed reads it again: the later run replaces', async () => {
    const date = '2021-06-06';
    const old = await previous(date);
    const a = script('A');
    const b = script('B');
    const aDone = a.hold(3);
    const bDone = b.hold(3);
    const ra = publish(date, a);
    await aDone.reached;
    const rb = publish(date, b);
    await bDone.reached;
    const rowRead = holdNextRowRead();
    bDone.release();
    await rowRead.reached;
    // B has read the previous set's row; A, which started earlier, publishes first.
    aDone.release();
    const outA = await ra;
    expect(outA).toMatchObject({ published: true, replaced: old.run });
    await expectDay(date, a, 1);
    rowRead.release();
    rowRead.restore();
    expect(await rb).toMatchObject({ published: true, replaced: outA.run });
    await expectDay(date, b);
  });

  it('a download that read the row just before a run replaced the set is served from the new set', async () => {
    const date = '2021-06-10';
    await previous(date);
    const rowRead = holdNextRowRead();
    const download = call(deps, 'getExport', {
      params: { programId: ID, date, name: 'archivo-1.csv' },
      as: VIEWER,
    });
    await rowRead.reached;
    const b = script('B');
    expect((await publish(date, b)).published).toBe(true);
    rowRead.release();
    rowRead.restore();
    const file = await download;
    expect(file.status).toBe(200);
    expect(file.bytes.toString('utf8')).toBe('B 1');
    await expectDay(date, b);
  });

  it('a run that fails midway deletes its own files and leaves the previous set', async () => {
    const date = '2021-06-07';
    const old = await previous(date);
    const a = script('A');
    const midway = a.hold(2);
    const ra = publish(date, a);
    await midway.reached;
    await expectDay(date, old.script, 1);
    midway.fail(new Error('el almacenamiento dejó de responder'));
    await expect(ra).rejects.toThrow('dejó de responder');
    await expectDay(date, old.script);
  });
});

describe('a run that died midway', () => {
  it('is left alone while it may still publish, and pruned an hour later; the retry publishes', async () => {
    const date = '2021-06-08';
    const old = await previous(date);
    const dead = script('muerta');
    const midway = dead.hold(2);
    const rd = publish(date, dead);
    await midway.reached;
    // The retry, on another instance.
    const retry = script('reintento');
    const outR = await publish(date, retry, instance());
    expect(outR).toMatchObject({ published: true, replaced: old.run });
    await expectDay(date, retry, 1);
    // Pruning now keeps the dead run's files: they are too new to tell from a run in progress.
    expect(await store.exports.prune(ID, '2021-01-01')).toEqual([]);
    await expectDay(date, retry, 1);
    // Two hours on, they are abandoned.
    expect(ABANDONED_AFTER_MS).toBeLessThan(2 * HOUR);
    expect(await instance(clockAhead(() => 2 * HOUR)).exports.prune(ID, '2021-01-01')).toEqual([]);
    await expectDay(date, retry);
    // Had the run only been stuck, it finds a later run published and withdraws.
    midway.release();
    expect(await rd).toMatchObject({ published: false, supersededBy: outR.run });
    await expectDay(date, retry);
  });

  it('never publishes once past its deadline: prune may have deleted its first files', async () => {
    const date = '2021-06-09';
    await previous(date);
    const published = script('publicada');
    await publish(date, published);
    // A later run (its own instance, whose clock the test moves on) stalls after one file.
    let ahead = 0;
    const stalled = script('atascada');
    const midway = stalled.hold(1);
    const rs = publish(date, stalled, instance(clockAhead(() => ahead)));
    await midway.reached;
    await expectDay(date, published, 1);
    ahead = 2 * HOUR;
    await instance(clockAhead(() => ahead)).exports.prune(ID, '2021-01-01');
    await expectDay(date, published);
    // It wakes up, writes its other files, and must not publish a list whose first file is gone.
    midway.release();
    await expect(rs).rejects.toThrow(ExportRunExpiredError);
    await expectDay(date, published);
  });
});

describe('two scheduled runs started together', () => {
  const settings = { schedule: '0 0 12 * * *', retentionDays: 3, reportDaysBefore: 7 };

  it('leave one complete set, the later-started run’s, every file of it downloadable, and nothing else', async () => {
    for (const [i, now] of ['2021-07-19T12:00:00Z', '2021-07-20T12:00:00Z'].entries()) {
      const date = now.slice(0, 10);
      const runs = await Promise.all([
        runScheduledExports(store, settings, new Date(now)),
        runScheduledExports(instance(), settings, new Date(now)),
      ]);
      const mine = runs.map((r) => r.find((x) => x.programId === ID)!);
      const winner = mine.map((r) => r.run).sort()[1]!;
      expect((await rowOf(date))?.run).toBe(winner);
      // The earlier-started run either published first and was replaced, or withdrew.
      const loser = mine.find((r) => r.run !== winner)!;
      expect(loser.supersededBy ?? winner).toBe(winner);
      expect(mine.find((r) => r.run === winner)!.supersededBy).toBeUndefined();
      const list = API.listExports.response.parse(
        (await call(deps, 'listExports', { params: { programId: ID } })).json,
      );
      const listed = list.exports.filter((e) => e.date === date);
      expect(listed.map((e) => e.name)).toEqual(mine[0]!.files);
      for (const e of listed)
        expect(
          (await call(deps, 'getExport', { params: { programId: ID, date, name: e.name } })).status,
        ).toBe(200);
      // Both pruned; each day before the retention was forgotten by one of them.
      const pruned = mine.flatMap((r) => r.pruned).sort();
      expect(new Set(pruned).size).toBe(pruned.length);
      expect(pruned).toEqual(
        i === 0
          ? Array.from({ length: 10 }, (_, d) => `2021-06-${String(d + 1).padStart(2, '0')}`)
          : [],
      );
    }
    // Whatever is left in the container is a folder some row names.
    const rows = await store.tables.list<{ rowKey: string; run: string }>(
      'exports',
      `PartitionKey eq '${ID}'`,
    );
    expect([...(await foldersOf()).keys()].sort()).toEqual(
      rows.map((r) => `${r.rowKey}/${r.run}`).sort(),
    );
    expect(rows.map((r) => r.rowKey)).toEqual(['2021-07-19', '2021-07-20']);
  });
});
