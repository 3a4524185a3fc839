/**
 * Every text has a maximum the contract checks (400 naming the field), and what reaches storage is
 * sized before the first write (Table Storage: 64 KiB a property, 1 MiB an entity): the hostile
 * afternoon's 500s — one of which wrote a programme by halves — are refusals that write nothing.
 */
import { randomBytes } from 'node:crypto';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { upsertPlan } from '../../backend/services/upsert-plan';
import { PlanInput } from '../../backend/services/plan-diff';
import { EntityTooLargeError } from '../../backend/errors';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import { COUNT_MAX, TEXT_MAX } from '../../shared/limits';
import { ADMIN, call, depsFor, newStore } from '../helpers/server';

const P = { programId: 'cvoe-2021' };
/** Text that does not compress: what an attacker sends to fill storage. */
const noise = (length: number) => randomBytes(length).toString('base64').slice(0, length);

/** Everything the programme's partition holds, to compare before and after a refusal. */
async function storageOf(store: Store, programId = P.programId) {
  return {
    program: await store.programmes.get(programId),
    activities: await store.programmes.activities(programId),
    statuses: await store.statuses.list(programId),
    history: (await store.statuses.history(programId, { pageSize: 1000 })).items,
    calendar: await store.calendars.get(programId),
  };
}

let store: Store;
let deps: Deps;
beforeEach(async () => {
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = depsFor(store);
});

const etagOf = async (activityId: string, month: number) =>
  (await call(deps, 'getProgram', { params: P })).json.activities.find(
    (a: { id: string }) => a.id === activityId,
  ).statuses[String(month)].etag as string;

describe('texts past their maximum: 400 naming the field, nothing written', () => {
  it('a 40,000-character axis name and 5,000 strategic lines in a plan', async () => {
    const before = await storageOf(store);
    const plan = {
      year: 2021,
      axes: [{ number: 1, name: noise(40_000) }],
      activities: [
        {
          id: '1.1',
          axis: 1,
          description: 'Una actividad',
          months: [1],
          strategicLines: Array.from({ length: 5000 }, (_, i) => `1.${i + 1}`),
        },
      ],
    };
    const r = await call(deps, 'putPlan', { params: P, body: plan, as: ADMIN });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.axes.0.name', message: 'Escriba como máximo 300 caracteres.' },
        { path: 'body.activities.0.strategicLines', message: expect.any(String) },
      ]),
    );
    expect(await storageOf(store)).toEqual(before);
  });

  it('a 40,000-character evidence link, through PATCH and through sync', async () => {
    const before = await storageOf(store);
    const evidence = `https://iecm.mx/${noise(40_000)}`;
    const patch = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '1.1', month: '1' },
      headers: { 'if-match': await etagOf('1.1', 1) },
      body: { status: 'realizada', evidence },
    });
    expect(patch.status).toBe(400);
    expect(patch.json.errors).toEqual([
      { path: 'body.evidence', message: 'Escriba como máximo 2,000 caracteres.' },
    ]);
    const body = {
      idempotencyKey: 'evidencia-enorme-1',
      changes: [
        {
          activityId: '1.1',
          month: 1,
          status: 'realizada',
          evidence,
          baseEtag: await etagOf('1.1', 1),
        },
      ],
    };
    // A retry gets the same answer, at once: nothing was claimed, nothing written.
    for (const _ of [1, 2]) {
      const sync = await call(deps, 'sync', { params: P, body });
      expect(sync.status).toBe(400);
      expect(sync.json.errors[0].path).toBe('body.changes.0.evidence');
    }
    expect(await storageOf(store)).toEqual(before);
    // The same change with a link of the maximum length goes through.
    const fits = await call(deps, 'sync', {
      params: P,
      body: {
        ...body,
        idempotencyKey: 'evidencia-justa-1',
        changes: [
          {
            ...body.changes[0]!,
            evidence: `https://iecm.mx/${'a'.repeat(TEXT_MAX.evidence - 16)}`,
          },
        ],
      },
    });
    expect(fits.status).toBe(200);
    expect(fits.json.applied).toHaveLength(1);
  });

  it("a 40,000-character non-working day's reason", async () => {
    const before = await storageOf(store);
    const r = await call(deps, 'generateSessions', {
      params: P,
      body: { nonWorkingDays: [{ date: '2021-07-29', reason: noise(40_000) }], replace: true },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].path).toBe('body.nonWorkingDays.0.reason');
    expect(await storageOf(store)).toEqual(before);
  });
});

describe('the calendar and its changes', () => {
  it('keeps 40 reschedulings with 1,000-character reasons, and one more after them', async () => {
    for (let i = 0; i < 40; i++) {
      const r = await call(deps, 'patchSession', {
        params: { ...P, number: String((i % 12) + 1) },
        body: {
          date: `2021-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`,
          reason: noise(1000),
        },
      });
      expect(r.status).toBe(200);
    }
    const last = await call(deps, 'patchSession', {
      params: { ...P, number: '3' },
      body: { date: '2021-03-04', reason: 'x' },
    });
    expect(last.status).toBe(200);
    const calendar = await call(deps, 'getSessions', { params: P });
    expect(calendar.json.changes).toHaveLength(41);
    expect(calendar.json.changes.at(-1)).toMatchObject({ reason: 'x', to: '2021-03-04' });
  }, 60_000);

  it(`refuses a change past ${COUNT_MAX.calendarChanges} with 409, saying how to go on`, async () => {
    const found = (await store.calendars.get(P.programId))!;
    const full = {
      ...found.calendar,
      changes: Array.from({ length: COUNT_MAX.calendarChanges }, () => ({
        kind: 'reprogramada' as const,
        type: 'ordinaria' as const,
        number: 1,
        from: '2021-01-21',
        to: '2021-01-20',
        reason: 'x',
        by: 'alguien',
        at: '2021-01-01T00:00:00.000Z',
      })),
    };
    await store.calendars.save(P.programId, full, { name: 'prueba' });
    const before = await storageOf(store);
    const r = await call(deps, 'patchSession', {
      params: { ...P, number: '2' },
      body: { date: '2021-02-18', reason: 'otra' },
    });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatch(/ya registra 200 cambios, el máximo\. Genérelo de nuevo/);
    expect(await storageOf(store)).toEqual(before);
  });
});

describe('sized before the first write: never a programme by halves', () => {
  it('a plan of 99 axes with names at the maximum is stored whole', async () => {
    const axes = Array.from({ length: 99 }, (_, i) => ({
      number: i + 1,
      name: noise(TEXT_MAX.axisName),
    }));
    const r = await call(deps, 'putPlan', {
      params: { programId: 'ejes-99' },
      as: ADMIN,
      body: {
        year: 2022,
        axes,
        activities: axes.map((a) => ({
          id: `${a.number}.1`,
          axis: a.number,
          description: noise(TEXT_MAX.description),
          months: [1, 2, 3],
        })),
      },
    });
    expect(r.status).toBe(201);
    const program = (await call(deps, 'getProgram', { params: { programId: 'ejes-99' } })).json;
    expect(program.axes).toEqual(axes);
    expect(program.activities).toHaveLength(99);
  });

  it('a plan storage could not hold (past the contract, straight to the service) writes nothing', async () => {
    const axes = Array.from({ length: 99 }, (_, i) => ({ number: i + 1, name: noise(40_000) }));
    const plan = {
      year: 2022,
      axes,
      activities: axes.map((a) => ({
        id: `${a.number}.1`,
        axis: a.number,
        description: 'x',
        months: [1],
      })),
    };
    await expect(
      upsertPlan(store, 'por-mitades', plan as PlanInput, { name: 'prueba' }),
    ).rejects.toBeInstanceOf(EntityTooLargeError);
    expect(await storageOf(store, 'por-mitades')).toEqual({
      program: undefined,
      activities: [],
      statuses: [],
      history: [],
      calendar: undefined,
    });
  });

  it('a programme row too big for one entity stops the plan before its activities', async () => {
    const huge = loadSeedProgramme();
    // Narratives past what even compressed parts hold: the row is refused, so the plan is too.
    const details = { ...huge, legalBasis: noise(2_000_000) };
    await expect(
      store.programmes.save({ id: 'enorme', year: 2022, title: 'x' }, details),
    ).rejects.toBeInstanceOf(EntityTooLargeError);
    expect(await storageOf(store, 'enorme')).toMatchObject({ program: undefined, activities: [] });
  });
});
