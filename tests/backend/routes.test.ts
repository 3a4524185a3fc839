import ICAL from 'ical.js';
import { loadSeedProgramme } from '../../seeds';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { readCalendarSheet } from '../../shared/calendar/sheet';
import { readWorkbookBuffer } from '../../backend/xlsx/workbook';
import { ADMIN, EDITOR, VIEWER, call, depsFor, newStore } from '../helpers/server';

const P = { programId: 'cvoe-2021' };
let deps: Deps;

beforeEach(async () => {
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = depsFor(store);
});

const etagOf = async (activityId: string, month: number): Promise<string> =>
  (await call(deps, 'getProgram', { params: P, as: VIEWER })).json.activities.find(
    (a: { id: string }) => a.id === activityId,
  ).statuses[String(month)].etag;

/** Every entity the store holds for the programme, to prove a refused request wrote nothing. */
const snapshot = async () =>
  JSON.stringify([
    await deps.store.programmes.activities('cvoe-2021'),
    await deps.store.statuses.list('cvoe-2021'),
    await deps.store.statuses.history('cvoe-2021', { pageSize: 1000 }),
    await deps.store.programmes.list(),
  ]);

describe('health', () => {
  it('says storage answers, without a principal', async () => {
    expect(await call(deps, 'health', { as: null })).toMatchObject({
      status: 200,
      json: { status: 'ok', storage: 'ok' },
    });
  });
});

describe('roles', () => {
  it('no principal → 401', async () => {
    expect((await call(deps, 'listPrograms', { as: null })).status).toBe(401);
  });

  it('a malformed principal → 401', async () => {
    const r = await call(deps, 'listPrograms', {
      as: null,
      headers: { 'x-ms-client-principal': 'bm8gZXMganNvbg==' },
    });
    expect(r).toMatchObject({
      status: 401,
      json: { error: expect.stringContaining('no es válida') },
    });
  });

  it('a principal without a role sees no programme and may not read one; a viewer reads; a viewer cannot write', async () => {
    // Issue 17: the list answers what the caller may read (none here), instead of 403.
    expect(await call(deps, 'listPrograms', { as: { name: 'x@y', roles: [] } })).toMatchObject({
      status: 200,
      json: [],
    });
    expect(
      (await call(deps, 'getProgram', { params: P, as: { name: 'x@y', roles: [] } })).status,
    ).toBe(403);
    expect((await call(deps, 'listPrograms', { as: VIEWER })).status).toBe(200);
    const r = await call(deps, 'patchMonthStatus', {
      as: VIEWER,
      params: { ...P, activityId: '1.1', month: '1' },
      headers: { 'if-match': 'x' },
      body: { status: 'realizada' },
    });
    expect(r).toMatchObject({ status: 403, json: { error: expect.stringContaining('«editor»') } });
  });
});

describe('GET /api/programs and /api/programs/{programId}', () => {
  it('lists the programmes', async () => {
    expect((await call(deps, 'listPrograms')).json).toEqual([
      { id: 'cvoe-2021', year: 2021, title: expect.any(String) },
    ]);
  });

  it('returns the programme, its activities and each planned month with its ETag', async () => {
    const r = await call(deps, 'getProgram', { params: P, as: VIEWER });
    expect(r.status).toBe(200);
    expect(r.json.axes).toHaveLength(6);
    expect(r.json.activities).toHaveLength(26);
    const a61 = r.json.activities.find((a: { id: string }) => a.id === '6.1');
    expect(a61.months).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Object.keys(a61.statuses)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(a61.statuses['2']).toEqual({
      status: 'pendiente',
      updatedBy: 'pat seed',
      updatedAt: expect.any(String),
      etag: expect.stringMatching(/^W\//),
    });
  });

  it('404 for an unknown programme; 400 for an id that is not one', async () => {
    expect(await call(deps, 'getProgram', { params: { programId: 'cvoe-1999' } })).toMatchObject({
      status: 404,
      json: { error: 'No existe el programa «cvoe-1999».' },
    });
    const bad = await call(deps, 'getProgram', { params: { programId: 'CVOE 2021' } });
    expect(bad).toMatchObject({
      status: 400,
      json: { errors: [{ path: 'params.programId', message: expect.any(String) }] },
    });
  });
});

describe('PATCH a month status', () => {
  const params = { ...P, activityId: '2.3', month: '4' };

  it('updates with the current ETag: 200, the new ETag in header and body, and a history row', async () => {
    const etag = await etagOf('2.3', 4);
    const r = await call(deps, 'patchMonthStatus', {
      params,
      headers: { 'if-match': etag },
      body: {
        status: 'realizada',
        note: 'Minuta firmada',
        evidence: 'https://www.iecm.mx/minuta.pdf',
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      activityId: '2.3',
      month: 4,
      status: 'realizada',
      note: 'Minuta firmada',
      evidence: 'https://www.iecm.mx/minuta.pdf',
      updatedBy: EDITOR.name,
    });
    expect(r.headers.get('etag')).toBe(r.json.etag);
    expect(r.json.etag).not.toBe(etag);
    const history = await call(deps, 'history', {
      params: P,
      query: { activityId: '2.3', month: '4' },
    });
    expect(history.json.items).toEqual([
      expect.objectContaining({ from: 'pendiente', to: 'realizada', by: EDITOR.name }),
    ]);
  });

  it('428 without If-Match; 412 with the current value when stale', async () => {
    expect(
      (await call(deps, 'patchMonthStatus', { params, body: { status: 'realizada' } })).status,
    ).toBe(428);
    const etag = await etagOf('2.3', 4);
    await call(deps, 'patchMonthStatus', {
      params,
      headers: { 'if-match': etag },
      body: { status: 'en_proceso' },
    });
    const stale = await call(deps, 'patchMonthStatus', {
      params,
      headers: { 'if-match': etag },
      body: { status: 'cancelada' },
    });
    expect(stale).toMatchObject({
      status: 412,
      json: { current: { status: 'en_proceso', updatedBy: EDITOR.name, etag: expect.any(String) } },
    });
  });

  it('409 when the month is not planned; 404 for an unknown activity', async () => {
    const r = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '3.3', month: '2' },
      headers: { 'if-match': 'x' },
      body: { status: 'realizada' },
    });
    expect(r).toMatchObject({
      status: 409,
      json: { error: 'La actividad 3.3 no tiene planeado el mes 2.' },
    });
    expect(
      (
        await call(deps, 'patchMonthStatus', {
          params: { ...P, activityId: '9.9', month: '2' },
          headers: { 'if-match': 'x' },
          body: { status: 'realizada' },
        })
      ).status,
    ).toBe(404);
  });

  it('400 listing every problem, and nothing written', async () => {
    const before = await snapshot();
    const r = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '2.3', month: '13' },
      headers: { 'if-match': 'x' },
      body: { status: 'hecha', evidence: 'ftp://x' },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual(['params.month']);
    const r2 = await call(deps, 'patchMonthStatus', {
      params,
      headers: { 'if-match': 'x' },
      body: { status: 'hecha', evidence: 'ftp://x' },
    });
    expect(r2.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.status',
      'body.evidence',
    ]);
    const r3 = await call(deps, 'patchMonthStatus', {
      params,
      headers: { 'if-match': 'x' },
      body: '{no es json',
    });
    expect(r3).toMatchObject({
      status: 400,
      json: { errors: [{ path: 'body', message: 'El cuerpo no es JSON válido.' }] },
    });
    expect(await snapshot()).toBe(before);
  });
});

describe('PUT the plan', () => {
  const seedPlan = () => {
    const p = loadSeedProgramme();
    return {
      year: 2021,
      axes: p.axes,
      activities: p.activities.map(({ id, axis, description, period, months }) => ({
        id,
        axis,
        description,
        period,
        months,
      })),
    };
  };

  it('creates a new programme: 201, for an admin only', async () => {
    const asEditor = await call(deps, 'putPlan', {
      params: { programId: 'cvoe-2022' },
      body: { ...seedPlan(), year: 2022 },
    });
    expect(asEditor).toMatchObject({
      status: 403,
      json: { error: expect.stringContaining('«admin»') },
    });
    const r = await call(deps, 'putPlan', {
      params: { programId: 'cvoe-2022' },
      body: { ...seedPlan(), year: 2022 },
      as: ADMIN,
    });
    expect(r).toMatchObject({
      status: 201,
      json: { created: true, activitiesWritten: 26, monthsAdded: 251, monthsRemoved: 0 },
    });
    expect((await call(deps, 'listPrograms')).json.map((p: { id: string }) => p.id)).toEqual([
      'cvoe-2021',
      'cvoe-2022',
    ]);
  });

  it('keeps the status of a month still planned, retires a month taken out with its history, and restores it when planned again', async () => {
    await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '1.1', month: '12' },
      headers: { 'if-match': await etagOf('1.1', 12) },
      body: { status: 'en_proceso' },
    });
    await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '1.1', month: '1' },
      headers: { 'if-match': await etagOf('1.1', 1) },
      body: { status: 'realizada' },
    });
    const plan = seedPlan();
    plan.activities[0]!.months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const r = await call(deps, 'putPlan', { params: P, body: plan });
    expect(r).toMatchObject({
      status: 200,
      json: { created: false, activitiesWritten: 1, monthsAdded: 0, monthsRemoved: 1 },
    });
    const a11 = (await call(deps, 'getProgram', { params: P })).json.activities[0];
    expect(Object.keys(a11.statuses)).not.toContain('12');
    expect(a11.statuses['1'].status).toBe('realizada');
    expect(
      (await call(deps, 'history', { params: P, query: { activityId: '1.1', month: '12' } })).json
        .items,
    ).toHaveLength(1);

    const back = await call(deps, 'putPlan', { params: P, body: seedPlan() });
    expect(back.json).toMatchObject({ monthsAdded: 1, monthsRemoved: 0 });
    expect(
      (await call(deps, 'getProgram', { params: P })).json.activities[0].statuses['12'].status,
    ).toBe('en_proceso');
  });

  it('400 with the problems, and nothing written, for a bad plan', async () => {
    const before = await snapshot();
    const plan = seedPlan();
    plan.activities[1]!.id = '1.1';
    plan.activities[2]!.axis = 9;
    const r = await call(deps, 'putPlan', { params: P, body: plan });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.activities.1.id', message: 'ID repetido: 1.1.' },
        { path: 'body.activities.2.axis', message: 'El eje 9 no está en «axes».' },
      ]),
    );
    expect(await snapshot()).toBe(before);
  });
});

describe('POST sync', () => {
  it('applies changes whose base is current and returns conflicts with the current value', async () => {
    const e11 = await etagOf('1.1', 1);
    const e12 = await etagOf('1.2', 1);
    await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '1.2', month: '1' },
      headers: { 'if-match': e12 },
      body: { status: 'cancelada' },
    });
    const r = await call(deps, 'sync', {
      params: P,
      body: {
        idempotencyKey: 'sync-0001-abcdef',
        changes: [
          { activityId: '1.1', month: 1, status: 'realizada', baseEtag: e11 },
          { activityId: '1.2', month: 1, status: 'realizada', baseEtag: e12 },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.applied).toEqual([
      { activityId: '1.1', month: 1, etag: expect.stringMatching(/^W\//) },
    ]);
    expect(r.json.conflicts).toEqual([
      { activityId: '1.2', month: 1, current: expect.objectContaining({ status: 'cancelada' }) },
    ]);
  });

  it('answers a replay of the same key with the first answer and writes nothing', async () => {
    const body = {
      idempotencyKey: 'sync-0002-abcdef',
      changes: [
        { activityId: '1.1', month: 2, status: 'realizada', baseEtag: await etagOf('1.1', 2) },
      ],
    };
    const first = await call(deps, 'sync', { params: P, body });
    const before = await snapshot();
    const writes = deps.store.requestCount;
    const replay = await call(deps, 'sync', { params: P, body });
    const replayRequests = deps.store.requestCount - writes;
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await snapshot()).toBe(before);
    // Access (the programme exists, its members), then the programme, the key's claim (refused:
    // the key is taken) and its answer; nothing written.
    expect(replayRequests).toBe(5);
  });

  it('a delta sync of one change costs eight storage requests, even when the programme has more statuses than a page holds', async () => {
    const programme = loadSeedProgramme();
    const big = {
      ...programme,
      id: 'grande-2021',
      activities: Array.from({ length: 100 }, (_, i) => ({
        ...programme.activities[0]!,
        id: `1.${i + 1}`,
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      })),
    };
    await seedProgramme(deps.store, big); // 1,200 statuses: two pages to list
    const [status] = await deps.store.statuses.getMany('grande-2021', [
      { activityId: '1.77', month: 6 },
    ]);
    const body = {
      idempotencyKey: 'sync-delta-0001',
      changes: [{ activityId: '1.77', month: 6, status: 'realizada', baseEtag: status!.etag }],
    };
    const before = deps.store.requestCount;
    expect(
      (await call(deps, 'sync', { params: { programId: 'grande-2021' }, body })).json.applied,
    ).toHaveLength(1);
    // access (the programme exists, its members), programme, idempotency key, the one status,
    // one transaction (status + history), the programme's new version, the answer
    expect(deps.store.requestCount - before).toBe(8);
  });

  it('refuses a key reused for other changes: 422', async () => {
    const body = {
      idempotencyKey: 'sync-0003-abcdef',
      changes: [
        { activityId: '1.1', month: 3, status: 'realizada', baseEtag: await etagOf('1.1', 3) },
      ],
    };
    await call(deps, 'sync', { params: P, body });
    expect((await call(deps, 'sync', { params: P, body: { ...body, changes: [] } })).status).toBe(
      422,
    );
  });

  it('400 and nothing written for a change to a month that is not planned or a repeated change', async () => {
    const before = await snapshot();
    const e = await etagOf('1.1', 4);
    const r = await call(deps, 'sync', {
      params: P,
      body: {
        idempotencyKey: 'sync-0004-abcdef',
        changes: [
          { activityId: '1.1', month: 4, status: 'realizada', baseEtag: e },
          { activityId: '3.3', month: 1, status: 'realizada', baseEtag: 'x' },
        ],
      },
    });
    expect(r).toMatchObject({
      status: 400,
      json: {
        errors: [
          {
            path: 'body.changes.1',
            message: expect.stringContaining('no tiene planeado el mes 1'),
          },
        ],
      },
    });
    const dup = await call(deps, 'sync', {
      params: P,
      body: {
        idempotencyKey: 'sync-0005-abcdef',
        changes: [
          { activityId: '1.1', month: 4, status: 'realizada', baseEtag: e },
          { activityId: '1.1', month: 4, status: 'cancelada', baseEtag: e },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('recognises its own earlier writes when retried after a failure before it could answer', async () => {
    const e = await etagOf('4.2', 5);
    const body = {
      idempotencyKey: 'sync-0006-abcdef',
      changes: [{ activityId: '4.2', month: 5, status: 'realizada' as const, baseEtag: e }],
    };
    // Simulate a crash after the write but before the answer was stored.
    const current = (await deps.store.statuses.list('cvoe-2021')).find(
      (s) => s.activityId === '4.2' && s.month === 5,
    )!;
    await deps.store.statuses.write(
      'cvoe-2021',
      [{ current, change: { status: 'realizada' }, syncKey: body.idempotencyKey }],
      EDITOR,
    );
    const retry = await call(deps, 'sync', { params: P, body });
    expect(retry.json).toEqual({
      applied: [{ activityId: '4.2', month: 5, etag: expect.any(String) }],
      conflicts: [],
    });
  });

  it('syncs more changes than fit in one transaction', async () => {
    const program = (await call(deps, 'getProgram', { params: P })).json;
    const changes = program.activities.flatMap(
      (a: { id: string; statuses: Record<string, { etag: string }> }) =>
        Object.entries(a.statuses).map(([m, s]) => ({
          activityId: a.id,
          month: Number(m),
          status: 'en_proceso',
          baseEtag: s.etag,
        })),
    );
    const r = await call(deps, 'sync', {
      params: P,
      body: { idempotencyKey: 'sync-all-251', changes },
    });
    expect(r.json.applied).toHaveLength(251);
    expect(
      (await call(deps, 'history', { params: P, query: { pageSize: '1000' } })).json.items,
    ).toHaveLength(251);
  });
});

describe('GET history', () => {
  it('newest first, filtered, paged with continuation tokens, and bounded by since', async () => {
    let t = Date.parse('2021-03-01T12:00:00Z');
    const store = await newStore({ clock: () => new Date((t += 60_000)) });
    await seedProgramme(store, loadSeedProgramme());
    const d = depsFor(store);
    for (const status of ['en_proceso', 'realizada', 'cancelada', 'reprogramada'] as const) {
      const current = (await store.statuses.list('cvoe-2021')).find(
        (s) => s.activityId === '5.1' && s.month === 3,
      )!;
      await store.statuses.write('cvoe-2021', [{ current, change: { status } }], EDITOR);
    }
    const all = await call(d, 'history', { params: P, query: { activityId: '5.1' } });
    expect(all.json.items.map((h: { to: string }) => h.to)).toEqual([
      'reprogramada',
      'cancelada',
      'realizada',
      'en_proceso',
    ]);
    const page1 = await call(d, 'history', { params: P, query: { pageSize: '3' } });
    expect(page1.json.items).toHaveLength(3);
    expect(page1.json.continuationToken).toEqual(expect.any(String));
    const page2 = await call(d, 'history', {
      params: P,
      query: { pageSize: '3', continuationToken: page1.json.continuationToken },
    });
    expect(page2.json.items.map((h: { to: string }) => h.to)).toEqual(['en_proceso']);
    const since = all.json.items[1].at;
    expect(
      (await call(d, 'history', { params: P, query: { since } })).json.items.map(
        (h: { to: string }) => h.to,
      ),
    ).toEqual(['reprogramada', 'cancelada']);
    expect((await call(d, 'history', { params: P, query: { month: '4' } })).json.items).toEqual([]);
    expect((await call(d, 'history', { params: P, query: { pageSize: '0' } })).status).toBe(400);
    expect((await call(d, 'history', { params: { programId: 'nada-2021' } })).status).toBe(404);
  });
});

describe('sessions', () => {
  it('returns the calendar with its legal checkpoints', async () => {
    const r = await call(deps, 'getSessions', { params: P, as: VIEWER });
    expect(r.status).toBe(200);
    expect(r.json.sessions.map((s: { date: string }) => s.date)).toEqual(
      loadSeedProgramme().sessions.map((s) => s.date),
    );
    expect(r.json.checkpoints).toEqual({
      ratification: '1ª. Ordinaria',
      approval: '9ª. Ordinaria',
    });
    expect(r.headers.get('etag')).toBe(r.json.etag);
  });

  it('reschedules a session keeping its number and records the change; 404 for a session that does not exist', async () => {
    const r = await call(deps, 'patchSession', {
      params: { ...P, number: '9' },
      body: { date: '2021-09-23', reason: 'Informe al Consejo General' },
    });
    expect(r.status).toBe(200);
    expect(r.json.sessions.find((s: { number: number }) => s.number === 9)).toMatchObject({
      date: '2021-09-23',
      status: 'reprogramada',
      sequence: 1,
    });
    expect(r.json.changes).toEqual([
      expect.objectContaining({
        kind: 'reprogramada',
        number: 9,
        from: '2021-09-30',
        to: '2021-09-23',
        by: EDITOR.name,
      }),
    ]);
    expect(
      (
        await call(deps, 'patchSession', {
          params: { ...P, number: '13' },
          body: { date: '2021-09-23', reason: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(deps, 'patchSession', {
          params: { ...P, number: '9' },
          body: { date: '2021-09-23' },
        })
      ).status,
    ).toBe(400);
    const stale = await call(deps, 'patchSession', {
      params: { ...P, number: '9' },
      headers: { 'if-match': 'W/"viejo"' },
      body: { date: '2021-09-22', reason: 'x' },
    });
    expect(stale.status).toBe(412);
  });

  it('generates a calendar from a rule; asks before replacing one with recorded changes', async () => {
    const r = await call(deps, 'generateSessions', { params: P, body: { weekday: 3, week: 2 } });
    expect(r.status).toBe(201);
    expect(r.json.sessions[0].date).toBe('2021-01-13');
    await call(deps, 'patchSession', {
      params: { ...P, number: '2' },
      body: { date: '2021-02-11', reason: 'x' },
    });
    expect((await call(deps, 'generateSessions', { params: P, body: { weekday: 4 } })).status).toBe(
      409,
    );
    expect(
      (await call(deps, 'generateSessions', { params: P, body: { weekday: 4, replace: true } }))
        .status,
    ).toBe(201);
    expect((await call(deps, 'generateSessions', { params: P, body: { weekday: 9 } })).status).toBe(
      400,
    );
    expect(
      (await call(deps, 'generateSessions', { params: P, body: { overrides: { '2': 30 } } })).json
        .errors[0].message,
    ).toContain('no tiene día 30');
  });

  it('downloads the calendar as .ics and .xlsx', async () => {
    const ics = await call(deps, 'getSessionsIcs', { params: P, as: VIEWER });
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const root = new ICAL.Component(ICAL.parse(ics.bytes.toString('utf8')));
    expect(root.getAllSubcomponents('vevent')).toHaveLength(12);
    const xlsx = await call(deps, 'getSessionsXlsx', { params: P, as: VIEWER });
    const [sheet] = await readWorkbookBuffer(xlsx.bytes);
    expect(readCalendarSheet(sheet!)?.map((r) => r.day)).toEqual([
      21, 25, 25, 29, 27, 24, 29, 26, 30, 28, 25, 16,
    ]);
  });
});
