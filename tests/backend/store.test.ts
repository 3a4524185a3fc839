import { TableClient, TableTransaction } from '@azure/data-tables';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { ROW, activitySortKey, checkKey } from '../../backend/store/keys';
import { InvalidKeyError } from '../../backend/errors';
import { translateStorageError } from '../../backend/store/errors';
import { EtagMismatchError } from '../../backend/errors';
import { Store } from '../../backend/store/store';
import { newStore, testConnectionString } from '../helpers/server';

describe('the emulator enforces what the store relies on (checked, not assumed)', () => {
  let table: TableClient;
  beforeAll(async () => {
    table = TableClient.fromConnectionString(testConnectionString(), `probe${Date.now()}`, {
      allowInsecureConnection: true,
    });
    await table.createTable();
  });

  it('a stale ETag on an update is a 412 whose code is undefined', async () => {
    const created = await table.createEntity({ partitionKey: 'p', rowKey: 'a', v: 1 });
    await table.updateEntity({ partitionKey: 'p', rowKey: 'a', v: 2 }, 'Replace', {
      etag: created.etag,
    });
    const error = await table
      .updateEntity({ partitionKey: 'p', rowKey: 'a', v: 3 }, 'Replace', { etag: created.etag })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 412 });
    expect((error as { code?: string }).code).toBeUndefined();
    expect(translateStorageError(error)).toBeInstanceOf(EtagMismatchError);
  });

  it('a stale ETag inside a transaction fails the whole transaction: nothing of it is written', async () => {
    const created = await table.createEntity({ partitionKey: 'q', rowKey: 'a', v: 1 });
    await table.updateEntity({ partitionKey: 'q', rowKey: 'a', v: 2 }, 'Replace', {
      etag: created.etag,
    });
    const tx = new TableTransaction();
    tx.createEntity({ partitionKey: 'q', rowKey: 'history', v: 1 });
    tx.updateEntity({ partitionKey: 'q', rowKey: 'a', v: 3 }, 'Replace', { etag: created.etag });
    const error = await table.submitTransaction(tx.actions).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 412 });
    expect(
      await table.getEntity('q', 'history').catch((e: { statusCode: number }) => e.statusCode),
    ).toBe(404);
    expect((await table.getEntity<{ v: number }>('q', 'a')).v).toBe(2);
  });

  it('refuses a transaction of more than 100 operations', async () => {
    const tx = new TableTransaction();
    for (let i = 0; i < 101; i++) tx.createEntity({ partitionKey: 'r', rowKey: `k${i}` });
    await expect(table.submitTransaction(tx.actions)).rejects.toMatchObject({
      statusCode: expect.any(Number),
    });
  });
});

describe('keys', () => {
  it('sort activities by axis and number, months in order', () => {
    const ids = ['10.1', '2.10', '2.3', '1.1'];
    expect(ids.map(activitySortKey).sort()).toEqual(['01.001', '02.003', '02.010', '10.001']);
    expect(ROW.status('2.3', 4)).toBe('s_02.003_04');
  });

  it('put history newest first', () => {
    const older = ROW.history(new Date('2021-01-01T00:00:00Z'), '1.1', 1, 'x');
    const newer = ROW.history(new Date('2021-06-01T00:00:00Z'), '1.1', 1, 'x');
    expect([older, newer].sort()).toEqual([newer, older]);
  });

  it.each([
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a hash', 'a#b'],
    ['a question mark', 'a?b'],
    ['a control character', 'a\u0001b'],
    ['more than 1 KiB', 'x'.repeat(1025)],
    ['nothing', ''],
  ])('refuse a key with %s before it reaches storage', (_what, key) => {
    expect(() => checkKey('RowKey', key)).toThrow(InvalidKeyError);
  });

  it('count bytes, not characters, against the 1 KiB limit', () => {
    expect(() => checkKey('RowKey', 'ñ'.repeat(513))).toThrow(InvalidKeyError);
    expect(checkKey('RowKey', 'ñ'.repeat(512))).toHaveLength(512);
  });
});

describe('the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await newStore();
    await seedProgramme(store, loadSeedProgramme());
  });

  it('holds the seed: 26 activities, a pending status for each of the 251 planned months, 12 sessions', async () => {
    expect(await store.programmes.list()).toEqual([
      { id: 'cvoe-2021', year: 2021, title: expect.stringContaining('2021') },
    ]);
    const activities = await store.programmes.activities('cvoe-2021');
    expect(activities.map((a) => a.id)).toEqual(loadSeedProgramme().activities.map((a) => a.id));
    const statuses = await store.statuses.list('cvoe-2021');
    expect(statuses).toHaveLength(251);
    expect(
      statuses.every((s) => s.status === 'pendiente' && s.planned && s.etag.startsWith('W/')),
    ).toBe(true);
    expect((await store.calendars.get('cvoe-2021'))?.calendar.sessions).toHaveLength(12);
  });

  it('writes many entities in transactions of at most 100: 251 statuses in 3 requests, then one touch of the programme', async () => {
    const fresh = await newStore();
    const before = fresh.requestCount;
    const programme = loadSeedProgramme();
    await fresh.programmes.save({ id: programme.id, year: 2021, title: 't' }, programme);
    const { diffPlan } = await import('../../backend/services/plan-diff');
    const diff = diffPlan([], [], {
      year: 2021,
      axes: programme.axes,
      activities: programme.activities as never,
    });
    const afterProgram = fresh.requestCount;
    await fresh.programmes.applyPlan(programme.id, diff, { name: 't' });
    // 26 activities: 1 transaction; 251 statuses: 3 transactions; the programme's new version.
    expect(fresh.requestCount - afterProgram).toBe(5);
    expect(afterProgram - before).toBe(1);
  });

  it('writes a status change and its history row together, and refuses a stale ETag', async () => {
    const [current] = (await store.statuses.list('cvoe-2021')).filter(
      (s) => s.activityId === '1.1' && s.month === 1,
    );
    const { applied, stale } = await store.statuses.write(
      'cvoe-2021',
      [{ current: current!, change: { status: 'realizada', note: 'Informe entregado' } }],
      { name: 'ana' },
    );
    expect(stale).toEqual([]);
    expect(applied[0]).toMatchObject({
      status: 'realizada',
      note: 'Informe entregado',
      updatedBy: 'ana',
    });
    expect(applied[0]!.etag).not.toBe(current!.etag);
    const history = await store.statuses.history('cvoe-2021', {
      activityId: '1.1',
      month: 1,
      pageSize: 10,
    });
    expect(history.items).toEqual([
      expect.objectContaining({
        from: 'pendiente',
        to: 'realizada',
        by: 'ana',
        note: 'Informe entregado',
      }),
    ]);

    const again = await store.statuses.write(
      'cvoe-2021',
      [{ current: current!, change: { status: 'cancelada' } }],
      { name: 'beto' },
    );
    expect(again.applied).toEqual([]);
    expect(again.stale).toHaveLength(1);
    expect(
      (await store.statuses.history('cvoe-2021', { activityId: '1.1', month: 1, pageSize: 10 }))
        .items,
    ).toHaveLength(1);
  });

  it('lands the fresh changes of a batch and returns only the stale ones when one ETag is old', async () => {
    const statuses = (await store.statuses.list('cvoe-2021')).filter((s) => s.activityId === '2.1');
    const staleOne = { ...statuses[0]!, etag: 'W/"datetime\'2000-01-01T00%3A00%3A00Z\'"' };
    const writes = [staleOne, ...statuses.slice(1, 5)].map((current) => ({
      current,
      change: { status: 'en_proceso' as const },
    }));
    const { applied, stale } = await store.statuses.write('cvoe-2021', writes, { name: 'ana' });
    expect(applied.map((a) => a.month)).toEqual(statuses.slice(1, 5).map((s) => s.month));
    expect(stale.map((s) => s.current.month)).toEqual([staleOne.month]);
  });

  it('keeps a sync answer of 20,000 results (far over 64 KiB as text) and gives it back whole', async () => {
    const answer = {
      applied: Array.from({ length: 20000 }, (_, i) => ({
        activityId: `${(i % 99) + 1}.${(i % 999) + 1}`,
        month: (i % 12) + 1,
        etag: `W/"datetime'2021-06-15T17%3A${String(i % 60).padStart(2, '0')}%3A00.${String(i).padStart(7, '0')}Z'"`,
      })),
      conflicts: [],
    };
    expect(JSON.stringify(answer).length).toBeGreaterThan(1_500_000);
    await store.idempotency.put('cvoe-2021', 'big-answer-0001', 'hash', answer);
    expect(await store.idempotency.get('cvoe-2021', 'big-answer-0001')).toEqual({
      state: 'done',
      requestHash: 'hash',
      at: expect.any(String),
      response: answer,
    });
  });

  it('follows continuation tokens when a query has more than one page', async () => {
    const fresh = await newStore();
    const programme = loadSeedProgramme();
    const many = {
      ...programme,
      id: 'big-2021',
      activities: Array.from({ length: 120 }, (_, i) => ({
        ...programme.activities[0]!,
        id: `1.${i + 1}`,
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      })),
    };
    await seedProgramme(fresh, many);
    // 1,440 statuses: more than the 1,000 entities of one page.
    expect(await fresh.statuses.list('big-2021')).toHaveLength(1440);
  });
});
