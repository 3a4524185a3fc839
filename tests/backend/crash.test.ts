/**
 * Azurite killed (SIGKILL) in the middle of a sync of 251 changes, 20 times, and started again
 * over the same folder: no partition is left half-applied, and retrying the same request
 * completes it — every change applied exactly once, no false conflict, the replay the same.
 *
 * What «no half-applied partition» can mean here. Azurite keeps its tables in memory and writes
 * the whole database to its folder on a timer (lokijs' autosave, every 5 s; the file is replaced
 * by a rename, so a kill never leaves it torn). A SIGKILL therefore loses everything written
 * since the last save, acknowledged writes too — Azure Table Storage has no such window (README,
 * *Local durability*). What we guarantee is the transaction: a status and its history row go in
 * one, so whatever survives the crash, every status whose value changed has exactly its history
 * row and no history row lacks its status; a transaction is kept or lost whole, and since the
 * sync's transactions go one after another, what survives is a prefix of them. The retry (same
 * idempotency key, same changes, same base ETags) recognises by their sync key the writes that
 * survived and makes the others.
 *
 * So that the saved state lands *inside* the sync, most runs crash an Azurite whose autosave
 * comes every few milliseconds (lokijs patched by a `--require` preload this file writes; Azurite
 * is still started by `startAzurite`, whose `spawn` is wrapped here to pass it). Every fifth run
 * crashes Azurite as it comes, 5 s, where a crash mostly loses the sync whole. Every run starts
 * from a state on disk: the last run's writes are saved (a marker written last is found in the
 * file, or a clean stop saves them) before the next crash.
 *
 * The kill comes at a storage request of the sync (counted by the store's pipeline), either
 * before it leaves (it meets a dead port) or a few milliseconds after (Azurite dies while at work
 * on it: a transaction in flight). Nothing the sync sends after that point leaves before Azurite
 * is dead, so the sync cannot finish first: it must answer 503, and at once.
 *
 * The first attempt's claim on the idempotency key may survive the crash (its owner could not give
 * it back: storage was down). A claim is taken over once it is a minute old (`STALE_CLAIM_MS`);
 * the store's clock runs that minute behind, so the retry need not wait it.
 *
 * Last, what a dying Azurite cannot show: storage does the work and its answer is lost on the way
 * back, so the storage client sends the call once more (it retries once). The second attempt of a
 * transaction then meets the ETags its first one changed (412), and that of the key's claim the
 * row it wrote (409). The sync must still apply every change once with no conflict, and must not
 * take its own claim for a twin's.
 */
import { randomBytes } from 'node:crypto';
import type * as ChildProcessModule from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransactionAction, odata } from '@azure/data-tables';
import { RestError } from '@azure/core-rest-pipeline';
import { AzuriteHandle, freePort, startAzurite } from '../../tools/dev/azurite';
import { loadSeedProgramme } from '../../seeds';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { STALE_CLAIM_MS } from '../../backend/store/idempotency-store';
import { Store } from '../../backend/store/store';
import { HistoryRecord, StatusRecord } from '../../backend/store/records';
import { STATUSES } from '../../shared/status';
import { monthKey } from '../../shared/sync/three-way';
import { CallResult, call, depsFor, newStore } from '../helpers/server';

/** The lokijs preload for the next Azurite start; none: Azurite as it comes. */
let mockPreload: string | undefined;
jest.mock('node:child_process', () => {
  const actual = jest.requireActual<typeof ChildProcessModule>('node:child_process');
  return {
    ...actual,
    spawn: (command: string, args: string[], options: ChildProcessModule.SpawnOptions) =>
      actual.spawn(command, mockPreload ? ['--require', mockPreload, ...args] : args, options),
  };
});

jest.setTimeout(30_000);

const RUNS = 20;
/** Each storage request may take this long; a dead Azurite must not make the sync wait longer. */
const TIMEOUT_MS = 1500;
const SEED = Number(process.env.PAT_CRASH_SEED ?? Date.now() % 1_000_000);
const P = { programId: 'cvoe-2021' };

/** mulberry32: the runs' random choices, reproducible from SEED (in the describe's title). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(SEED);
const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let azurite: AzuriteHandle;
let store: Store;
let deps: Deps;

// ---- Azurite ------------------------------------------------------------------------------------

/** Every fifth run crashes Azurite as it comes (autosave every 5 s), the others a few ms. */
const stock = (run: number) => run % 5 === 0;
const fastAutosave = () => between(2, 30);

/** Starts Azurite again over the same folder and ports (the last one is stopped or dead). */
async function restart(autosaveMs: number | undefined): Promise<void> {
  if (autosaveMs === undefined) mockPreload = undefined;
  else {
    mockPreload = path.join(dir, `autosave-${autosaveMs}.js`);
    writeFileSync(
      mockPreload,
      `const Loki = require(${JSON.stringify(require.resolve('lokijs'))});
const enable = Loki.prototype.autosaveEnable;
Loki.prototype.autosaveEnable = function (...args) {
  this.autosaveInterval = ${autosaveMs};
  return enable.apply(this, args);
};
`,
    );
  }
  azurite = await startAzurite(azurite.options);
}

async function kill(): Promise<number> {
  const child = azurite.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  return Date.now();
}

/**
 * Makes sure everything written so far is on disk before the next crash: a marker written last
 * is found in Azurite's table file (each save is the whole database at one moment), or, under a
 * 5 s autosave, a clean stop saves it (and Azurite is started as the next run wants it).
 */
async function saved(next: number): Promise<void> {
  if (stock(next)) {
    await azurite.stop();
    await restart(undefined);
    return;
  }
  const marker = `marca${randomBytes(8).toString('hex')}`;
  await store.tables.clients.idempotency.upsertEntity({ partitionKey: 'marcas', rowKey: marker });
  const file = path.join(dir, '__azurite_db_table__.json');
  const deadline = Date.now() + 5000;
  while (!readFileSync(file, 'utf8').includes(marker)) {
    if (Date.now() > deadline) throw new Error('Azurite no guardó la marca a tiempo.');
    await sleep(5);
  }
}

// ---- the kill, at a storage request of the sync -------------------------------------------------

interface Kill {
  /** The storage request (1-based) the kill comes at. */
  at: number;
  /** Before that request leaves, or `delayMs` after. */
  mode: 'before' | 'during';
  delayMs: number;
}
let armed: Kill | undefined;
let sent = 0;
let killing: Promise<number> | undefined;
/** Whether the request the kill came at was still unanswered when Azurite died. */
let inFlight = false;
/** The storage requests of a whole sync, in order ('batch': a transaction), when recording. */
let recording: string[] | undefined;

function watchRequests(): void {
  const counter = store.tables.counter.policy;
  const send = counter.sendRequest;
  counter.sendRequest = async (request, next) => {
    recording?.push(request.url.endsWith('$batch') ? 'batch' : request.method);
    if (!armed) return send(request, next);
    sent++;
    if (killing) await killing;
    else if (sent === armed.at) {
      if (armed.mode === 'before') await (killing = kill());
      else {
        let answered = false;
        killing = sleep(armed.delayMs).then(() => {
          inFlight = !answered;
          return kill();
        });
        return send(request, next).finally(() => (answered = true));
      }
    }
    return send(request, next);
  };
}

// ---- the sync and what storage holds -----------------------------------------------------------

interface Change {
  activityId: string;
  month: number;
  status: string;
  note?: string;
  baseEtag: string;
  base: StatusRecord;
}

/** A change for every planned month, each to another status, a third of them with a note. */
async function changesFor(s: Store, run: number): Promise<Change[]> {
  const statuses = await s.statuses.list(P.programId);
  expect(statuses).toHaveLength(251);
  return statuses.map((base, i) => ({
    activityId: base.activityId,
    month: base.month,
    status: STATUSES[(STATUSES.indexOf(base.status) + 1 + ((i + run) % 5)) % STATUSES.length]!,
    ...(i % 3 === 0 ? { note: `corrida ${run}, cambio ${i}` } : {}),
    baseEtag: base.etag,
    base,
  }));
}

const syncBody = (key: string, changes: Change[]) => ({
  idempotencyKey: key,
  changes: changes.map(({ base: _base, ...c }) => c),
});

const sync = (d: Deps, body: unknown) => call(d, 'sync', { params: P, body });

async function partition(s: Store): Promise<{
  statuses: Map<string, StatusRecord>;
  history: Map<string, HistoryRecord[]>;
  historyRows: number;
}> {
  const [statuses, page] = await Promise.all([
    s.statuses.list(P.programId),
    s.statuses.history(P.programId, { pageSize: 1000 }),
  ]);
  expect(page.continuationToken).toBeUndefined();
  const history = new Map<string, HistoryRecord[]>();
  for (const h of page.items) {
    const k = monthKey(h.activityId, h.month);
    history.set(k, [...(history.get(k) ?? []), h]);
  }
  return {
    statuses: new Map(statuses.map((s) => [monthKey(s.activityId, s.month), s])),
    history,
    historyRows: page.items.length,
  };
}

/**
 * What the crash left: every month either untouched (its base ETag, no history) or changed with
 * exactly its history row, and the changed ones whole transactions from the first. Returns how
 * many changes stuck.
 */
async function checkNoHalfApplied(s: Store, key: string, changes: Change[]): Promise<number> {
  const { statuses, history, historyRows } = await partition(s);
  expect(statuses.size).toBe(changes.length);
  const changed = changes.map((c) => {
    const k = monthKey(c.activityId, c.month);
    const now = statuses.get(k)!;
    const rows = history.get(k) ?? [];
    if (now.etag === c.baseEtag) {
      expect(now).toEqual(c.base);
      expect(rows).toEqual([]);
      return false;
    }
    expect(now).toMatchObject({ status: c.status, syncKey: key });
    expect(now.note).toBe(c.note);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ from: c.base.status, to: c.status });
    expect(rows[0]!.note).toBe(c.note);
    return true;
  });
  const kept = changed.filter(Boolean).length;
  // No history row but those of changed months.
  expect(historyRows).toBe(kept);
  // A prefix of the changes, in whole transactions.
  expect(changed).toEqual(changes.map((_, i) => i < kept));
  const perTransaction = s.tables.transactionSize / 2;
  expect(kept === changes.length || kept % perTransaction === 0).toBe(true);
  // The key is claimed at most: no answer was kept for it.
  expect((await s.idempotency.get(P.programId, key))?.state ?? 'pending').toBe('pending');
  return kept;
}

/** Every change applied once, as the answer says; nothing else. */
async function checkCompleted(
  s: Store,
  key: string,
  changes: Change[],
  answer: CallResult,
): Promise<void> {
  expect(answer.json.conflicts).toEqual([]);
  const applied = new Map<string, string>(
    (answer.json.applied as { activityId: string; month: number; etag: string }[]).map((a) => [
      monthKey(a.activityId, a.month),
      a.etag,
    ]),
  );
  expect(applied.size).toBe(changes.length);
  const { statuses, history, historyRows } = await partition(s);
  expect(historyRows).toBe(changes.length);
  for (const c of changes) {
    const k = monthKey(c.activityId, c.month);
    const now = statuses.get(k)!;
    expect(now).toMatchObject({ status: c.status, syncKey: key });
    expect(now.note).toBe(c.note);
    expect(applied.get(k)).toBe(now.etag);
    expect(history.get(k)).toHaveLength(1);
    expect(history.get(k)![0]).toMatchObject({ from: c.base.status, to: c.status });
  }
}

/** The run's history rows go once checked: the next run checks its own (and Azurite's file stays small). */
async function dropHistory(s: Store): Promise<void> {
  const rows = await s.tables.list<{ partitionKey: string; rowKey: string }>(
    'statuses',
    odata`PartitionKey eq ${P.programId} and RowKey ge ${'h_'} and RowKey lt ${'h`'}`,
  );
  await s.tables.submit(
    'statuses',
    P.programId,
    rows.map((r): TransactionAction => [
      'delete',
      { partitionKey: r.partitionKey, rowKey: r.rowKey },
    ]),
  );
}

// ---- the runs -----------------------------------------------------------------------------------

/** The storage requests of one whole sync, recorded on a first one. */
const requests: string[] = [];

describe(`Azurite killed mid-sync, ${RUNS} runs (PAT_CRASH_SEED=${SEED})`, () => {
  const runs: { kill: Kill; kind: string; inFlight: boolean; kept: number }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pat-crash-'));
    azurite = await startAzurite({
      blobPort: await freePort(),
      tablePort: await freePort(),
      queuePort: await freePort(),
      location: dir,
    });
    store = await newStore({
      connectionString: azurite.connectionString,
      timeoutMs: TIMEOUT_MS,
      clock: () => new Date(Date.now() - STALE_CLAIM_MS - 1000),
    });
    await seedProgramme(store, loadSeedProgramme());
    deps = depsFor(store, () => new Date());
    watchRequests();

    const changes = await changesFor(store, 0);
    recording = requests;
    const first = await sync(deps, syncBody(`primera-${SEED}`, changes));
    recording = undefined;
    expect(first.status).toBe(200);
    await checkCompleted(store, `primera-${SEED}`, changes, first);
    expect(requests.filter((r) => r === 'batch')).toHaveLength(Math.ceil(251 / 50));
    await dropHistory(store);
    // A clean stop saves it all; run 1 crashes an Azurite started as it wants.
    await azurite.stop();
    await restart(stock(1) ? undefined : fastAutosave());
  });

  afterAll(async () => {
    await azurite?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))(
    'run %i: the sync answers 503 at once, nothing is half-applied, the retry completes it',
    async (run) => {
      const key = `corrida-${run}-${randomBytes(6).toString('hex')}`;
      const changes = await changesFor(store, run);
      const body = syncBody(key, changes);

      // Half the runs on a transaction (a quarter while it is at work), the others on any request
      // — never «during» the last one: it would end the sync.
      const batches = requests.flatMap((r, i) => (r === 'batch' ? [i + 1] : []));
      const mode = run % 2 ? 'during' : 'before';
      const onBatch = run % 4 < 2;
      const at = onBatch
        ? batches[between(0, batches.length - 1)]!
        : between(1, requests.length - (mode === 'during' ? 1 : 0));
      const plan: Kill = { at, mode, delayMs: onBatch ? between(0, 5) : between(0, 20) };
      sent = 0;
      inFlight = false;
      killing = undefined;
      armed = plan;
      const first = await sync(deps, body);
      armed = undefined;
      expect(killing).toBeDefined();
      const killedAt = await killing!;
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('5');
      expect(JSON.stringify(first.json)).not.toMatch(/ECONN|127\.0\.0\.1|devstoreaccount1|at /);
      expect(Date.now() - killedAt).toBeLessThan(TIMEOUT_MS);

      await restart(fastAutosave());
      const kept = await checkNoHalfApplied(store, key, changes);
      // Nothing from a transaction that never left.
      const left = batches.filter((b) => b < at || (b === at && mode === 'during')).length;
      expect(kept).toBeLessThanOrEqual(
        Math.min(changes.length, (left * store.tables.transactionSize) / 2),
      );
      runs.push({ kill: plan, kind: requests[at - 1]!, inFlight, kept });

      let retry: CallResult;
      for (let attempt = 1; ; attempt++) {
        retry = await sync(deps, body);
        if (retry.status !== 503 || attempt === 5) break;
        await sleep(200);
      }
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      await checkCompleted(store, key, changes, retry);

      const replay = await sync(deps, body);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.json).toEqual(retry.json);

      await dropHistory(store);
      if (run < RUNS) await saved(run + 1);
    },
  );

  it('crashed with transactions in flight, and saved states in the middle of the sync', () => {
    if (process.env.PAT_CRASH_VERBOSE) console.log(runs);
    expect(runs).toHaveLength(RUNS);
    expect(runs.some((r) => r.kind === 'batch' && r.inFlight)).toBe(true);
    expect(runs.some((r) => r.kept > 0 && r.kept < 251)).toBe(true);
  });
});

describe('a storage answer lost on the way back, and the storage client retrying the call', () => {
  let lossy: Store;
  let lossyDeps: Deps;
  /** The storage call whose answer is lost: the n-th that matches, once. */
  let lose: { match: (url: string, method: string) => boolean; nth: number } | undefined;
  let matched = 0;

  beforeAll(async () => {
    lossy = await newStore();
    await seedProgramme(lossy, loadSeedProgramme());
    lossyDeps = depsFor(lossy, () => new Date());
    const counter = lossy.tables.counter.policy;
    const send = counter.sendRequest;
    counter.sendRequest = async (request, next) => {
      const response = await send(request, next);
      if (lose?.match(request.url, request.method) && ++matched === lose.nth) {
        lose = undefined;
        // Storage did the work; its answer never arrives (the connection drops on the way).
        throw new RestError('socket hang up', { code: 'ECONNRESET', request });
      }
      return response;
    };
  });

  beforeEach(() => {
    matched = 0;
  });
  afterEach(async () => {
    lose = undefined;
    await dropHistory(lossy);
  });

  it.each([1, 3, 6])(
    'the answer of transaction %i: the sync still applies every change once, with no conflict',
    async (nth) => {
      const key = `perdida-${nth}-${randomBytes(6).toString('hex')}`;
      const changes = await changesFor(lossy, nth);
      lose = { match: (url) => url.endsWith('$batch'), nth };
      const answer = await sync(lossyDeps, syncBody(key, changes));
      expect(lose).toBeUndefined();
      expect(answer.status).toBe(200);
      await checkCompleted(lossy, key, changes, answer);
      // And that is the answer kept for the key.
      const replay = await sync(lossyDeps, syncBody(key, changes));
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.json).toEqual(answer.json);
    },
  );

  it('the answer of the claim on the key: the sync goes on, not «en curso»', async () => {
    const key = `reclamo-${randomBytes(6).toString('hex')}`;
    const changes = await changesFor(lossy, 7);
    lose = { match: (url, method) => method === 'POST' && /IdempotencyKeys$/.test(url), nth: 1 };
    const answer = await sync(lossyDeps, syncBody(key, changes));
    expect(lose).toBeUndefined();
    expect(answer.status).toBe(200);
    await checkCompleted(lossy, key, changes, answer);
  });
});
