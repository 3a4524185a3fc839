/**
 * Reads from per-programme snapshots: one point read of the programme's version per read, one
 * partition scan per version however many read at once, and every write — here or from another
 * instance of the app — seen by the next read.
 */
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Store } from '../../backend/store/store';
import { SnapshotCache } from '../../backend/store/snapshots';
import { seedProgramme } from '../../backend/services/seed';
import { upsertPlan } from '../../backend/services/upsert-plan';
import { PlanInput } from '../../backend/services/plan-diff';
import { Deps } from '../../backend/http/deps';
import { loadSeedProgramme } from '../../seeds';
import { Month } from '../../shared/months';
import { call, depsFor, testConnectionString } from '../helpers/server';

jest.setTimeout(120_000);

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as Month[];

/** Two stores over the same tables: two instances of the app. */
async function twoInstances(): Promise<[Store, Store]> {
  const settings = {
    connectionString: testConnectionString(),
    tablePrefix: `t${randomBytes(5).toString('hex')}`,
    timeoutMs: 10_000,
  };
  const a = new Store(settings);
  await a.ensureTables();
  return [a, new Store(settings)];
}

function thousandActivities(): PlanInput {
  return {
    year: 2021,
    axes: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: `Eje ${i + 1}` })),
    activities: Array.from({ length: 1000 }, (_, i) => ({
      id: `${(i % 10) + 1}.${Math.floor(i / 10) + 1}`,
      axis: (i % 10) + 1,
      description: `Actividad ${i + 1}`,
      months: ALL_MONTHS.filter((m) => (m + i) % 4 === 0),
    })),
  };
}

let store: Store;
let other: Store;
let deps: Deps;
const P = { programId: 'grande-2021' };

beforeAll(async () => {
  [store, other] = await twoInstances();
  await upsertPlan(store, P.programId, thousandActivities(), { name: 'prueba' });
  deps = depsFor(store, () => new Date());
});

describe('programme snapshots', () => {
  it('serves 50 concurrent readers from one scan and a few shared point reads of the version', async () => {
    const scans = store.snapshots.scans;
    const before = store.requestCount;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(deps, 'getProgram', { params: P })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers[0]!.json.activities).toHaveLength(1000);
    expect(new Set(answers.map((a) => a.bytes.toString())).size).toBe(1);
    expect(store.snapshots.scans - scans).toBe(1);
    // 50 point reads of the version, one scan (activities: 1 page; 3,000 statuses: 3 pages; calendar: 1).
    expect(store.requestCount - before).toBeLessThanOrEqual(50 + 5);

    // Warm: readers arriving together share version reads (one in flight, one queued behind it).
    const warm = store.requestCount;
    await Promise.all(Array.from({ length: 50 }, () => call(deps, 'getProgram', { params: P })));
    expect(store.requestCount - warm).toBeGreaterThanOrEqual(1);
    expect(store.requestCount - warm).toBeLessThanOrEqual(3);
    expect(store.snapshots.scans - scans).toBe(1);
  });

  it('shows a month status written through the API on the very next read', async () => {
    const read = await call(deps, 'getProgram', { params: P });
    const activity = read.json.activities[7];
    const month = Object.keys(activity.statuses)[0]!;
    const patched = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: activity.id, month },
      headers: { 'if-match': activity.statuses[month].etag },
      body: { status: 'realizada', note: 'visto al instante' },
    });
    expect(patched.status).toBe(200);
    const again = await call(deps, 'getProgram', { params: P });
    expect(again.headers.get('etag')).not.toBe(read.headers.get('etag'));
    const seen = again.json.activities[7].statuses[month];
    expect(seen).toMatchObject({ status: 'realizada', note: 'visto al instante' });
    expect(seen.etag).toBe(patched.json.etag);
  });

  it('shows writes made by another instance of the app once its version read is a second old', async () => {
    const before = await readView(store);
    const plan = thousandActivities();
    plan.activities[0] = { ...plan.activities[0]!, description: 'Cambiada en otra instancia' };
    plan.activities.pop();
    await upsertPlan(other, P.programId, plan, { name: 'otra instancia' });
    await new Promise((r) => setTimeout(r, 1100));
    const after = await readView(store);
    expect(before.activities[0]!.description).toBe('Actividad 1');
    expect(after.activities[0]!.description).toBe('Cambiada en otra instancia');
    expect(after.activities).toHaveLength(999);

    await call(
      depsFor(other, () => new Date()),
      'generateSessions',
      {
        params: P,
        body: { replace: true },
      },
    );
    await new Promise((r) => setTimeout(r, 1100));
    const sessions = await call(deps, 'getSessions', { params: P });
    expect(sessions.status).toBe(200);
    expect(sessions.json.sessions.length).toBeGreaterThan(0);
  });

  it('keeps serving the last version while a sync writes, then the synced one', async () => {
    const view = await readView(store);
    const changes = view.activities.slice(0, 300).map((a, i) => {
      const month = Number(Object.keys(a.statuses)[0]);
      return {
        activityId: a.id,
        month,
        status: 'en_proceso',
        note: `cambio ${i}`,
        baseEtag: a.statuses[String(month)]!.etag,
      };
    });
    const sync = call(deps, 'sync', {
      params: P,
      body: { idempotencyKey: 'snapshot-sync-0001', changes },
    });
    const during: number[] = [];
    let done = false;
    void sync.then(() => (done = true));
    while (!done) {
      const read = await call(deps, 'getProgram', { params: P });
      expect(read.status).toBe(200);
      // Whatever a read shows is a state some moment had: never a status without its ETag.
      const notes = read.json.activities
        .slice(0, 300)
        .filter((a: { statuses: Record<string, { note?: string; etag: string }> }) =>
          Object.values(a.statuses).some((s) => s.note?.startsWith('cambio ') && s.etag),
        );
      during.push(notes.length);
    }
    expect((await sync).json.applied).toHaveLength(300);
    const after = await readView(store);
    expect(
      after.activities.slice(0, 300).every((a) => {
        const month = changes.find((c) => c.activityId === a.id)!.month;
        return a.statuses[String(month)]!.status === 'en_proceso';
      }),
    ).toBe(true);
    expect(during.length).toBeGreaterThan(0);
  });

  it('sends the programme compressed to clients that take Brotli or gzip, the same JSON as plain', async () => {
    const plain = await call(deps, 'getProgram', { params: P });
    const zipped = await call(deps, 'getProgram', {
      params: P,
      headers: { 'accept-encoding': 'gzip;q=0.8, identity' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.bytes).toString()).toBe(plain.bytes.toString());
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 5);
    expect(zipped.headers.get('etag')).toBe(plain.headers.get('etag'));
    const refused = await call(deps, 'getProgram', {
      params: P,
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    });
    expect(refused.headers.get('content-encoding')).toBeNull();
    // As browsers ask over HTTPS: Brotli first, smaller still.
    const brotli = await call(deps, 'getProgram', {
      params: P,
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(brotli.bytes).toString()).toBe(plain.bytes.toString());
    expect(brotli.bytes.length).toBeLessThan(zipped.bytes.length);
    const unchanged = await call(deps, 'getProgram', {
      params: P,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.get('etag')! },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('content-encoding')).toBeNull();
  });

  it('answers 404 for a programme that does not exist', async () => {
    const missing = await call(deps, 'getProgram', { params: { programId: 'no-existe' } });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toContain('no-existe');
  });

  it('scans again once a snapshot is older than its limit, even at the same version', async () => {
    let now = 0;
    const [fresh] = await twoInstances();
    await seedProgramme(fresh, loadSeedProgramme());
    const cache = new SnapshotCache(fresh.snapshotSource, { maxAgeMs: 1000 }, () => now);
    await cache.read('cvoe-2021');
    await cache.read('cvoe-2021');
    expect(cache.scans).toBe(1);
    now = 1000;
    await cache.read('cvoe-2021');
    expect(cache.scans).toBe(2);
  });

  it('gives a reader who arrives during a version read the next one, never the one already in flight', async () => {
    const [fresh] = await twoInstances();
    await seedProgramme(fresh, loadSeedProgramme());
    const real = await fresh.programmes.get('cvoe-2021');
    const started: ((v: typeof real) => void)[] = [];
    const source = {
      getProgram: () => new Promise<typeof real>((resolve) => started.push(resolve)),
      listActivities: (id: string) => fresh.programmes.activities(id),
      listStatuses: (id: string) => fresh.statuses.list(id),
      getCalendar: (id: string) => fresh.calendars.get(id),
    };
    const cache = new SnapshotCache(source);
    const first = cache.read('cvoe-2021');
    const second = cache.read('cvoe-2021'); // arrives while the first version read is in flight
    const third = cache.read('cvoe-2021');
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(1);
    started[0]!({ ...real!, version: 'v1' });
    expect((await first)!.version).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(2); // one more read for both latecomers
    started[1]!({ ...real!, version: 'v2' });
    expect((await second)!.version).toBe('v2');
    expect((await third)!.version).toBe('v2');
  });

  it('reuses a version read for a second, unless this instance wrote the programme since', async () => {
    const [fresh] = await twoInstances();
    await seedProgramme(fresh, loadSeedProgramme());
    let now = 0;
    let versionReads = 0;
    const source = {
      getProgram: (id: string) => (versionReads++, fresh.programmes.get(id)),
      listActivities: (id: string) => fresh.programmes.activities(id),
      listStatuses: (id: string) => fresh.statuses.list(id),
      getCalendar: (id: string) => fresh.calendars.get(id),
    };
    const cache = new SnapshotCache(source, { freshMs: 1000 }, () => now);
    await cache.read('cvoe-2021');
    now = 200;
    await cache.read('cvoe-2021');
    expect(versionReads).toBe(1); // fresh: no read, no background refresh yet
    now = 300;
    await cache.read('cvoe-2021');
    await new Promise((r) => setImmediate(r));
    expect(versionReads).toBe(2); // served at once, refreshed in the background
    cache.noteWrite('cvoe-2021');
    await cache.read('cvoe-2021');
    expect(versionReads).toBe(3); // a write here: the reader waits for a version read after it
    now = 5000;
    await cache.read('cvoe-2021');
    expect(versionReads).toBe(4); // stale: the reader waits
  });

  it('never lets a version read begun before this instance wrote serve after it, even once evicted', async () => {
    const [fresh] = await twoInstances();
    const seed = loadSeedProgramme();
    for (const id of ['uno-2021', 'dos-2021']) await seedProgramme(fresh, { ...seed, id });
    const pending: ((head: Awaited<ReturnType<typeof fresh.programmes.get>>) => void)[] = [];
    let reads = 0;
    const source = {
      getProgram: async (id: string) => {
        reads++;
        const head = await fresh.programmes.get(id);
        if (id !== 'uno-2021' || pending.length > 0) return head;
        return new Promise<typeof head>((resolve) => pending.push(() => resolve(head)));
      },
      listActivities: (id: string) => fresh.programmes.activities(id),
      listStatuses: (id: string) => fresh.statuses.list(id),
      getCalendar: (id: string) => fresh.calendars.get(id),
    };
    const cache = new SnapshotCache(source, { maxPrograms: 1 });
    const early = cache.read('uno-2021'); // its version read is held on the way back
    await new Promise((r) => setTimeout(r, 50));
    cache.noteWrite('uno-2021'); // this instance finishes a write meanwhile
    await cache.read('dos-2021'); // evicts uno
    pending[0]!(undefined);
    await early;
    const before = reads;
    await cache.read('uno-2021');
    expect(reads).toBe(before + 1); // a version read after the write, not the held one
  });

  it('keeps at most the configured number of programmes', async () => {
    const [fresh] = await twoInstances();
    const seed = loadSeedProgramme();
    for (const id of ['uno-2021', 'dos-2021', 'tres-2021'])
      await seedProgramme(fresh, { ...seed, id });
    const cache = new SnapshotCache(fresh.snapshotSource, { maxPrograms: 2 });
    await cache.read('uno-2021');
    await cache.read('dos-2021');
    await cache.read('uno-2021'); // most recent: dos goes first
    await cache.read('tres-2021');
    expect(cache.scans).toBe(3);
    await cache.read('uno-2021');
    expect(cache.scans).toBe(3);
    await cache.read('dos-2021');
    expect(cache.scans).toBe(4);
  });
});

async function readView(s: Store) {
  const { readProgramView } = await import('../../backend/services/program-view');
  return readProgramView(s, P.programId);
}
