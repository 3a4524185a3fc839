/**
 * The server and its clients agree, because both use shared/api: the trigger table registers
 * exactly the contract's routes, every answer the server gives parses with the contract's schema
 * and loses nothing doing so (no field the contract does not name), and the contract's one
 * client (`shared/api/client.ts`, the pane's and the dashboard's) reads those answers over real HTTP.
 */
import { z } from 'zod';
import { triggers } from '../../backend/triggers';
import { seedProgramme } from '../../backend/services/seed';
import { loadSeedProgramme } from '../../seeds';
import {
  API,
  ApiRoute,
  contractClient,
  errorBodySchema,
  staleStatusSchema,
} from '../../shared/api';
import { TestServer } from '../helpers/browser';
import { Deps } from '../../backend/http/deps';
import { ADMIN, VIEWER, call, depsFor, newStore } from '../helpers/server';

const P = { programId: 'cvoe-2021' };
let deps: Deps;

beforeAll(async () => {
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = depsFor(store);
});

/** Parsed with the contract's schema, the answer is unchanged: nothing unnamed, nothing missing. */
function expectExactly(schema: z.ZodType, json: unknown): void {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  expect(parsed.data).toEqual(json);
}

describe('the HTTP contract', () => {
  it('is what the trigger table registers: every route under /api/, with its method, path and role; then the web pages', () => {
    const registered = triggers(deps).http.map((r) => [r.name, r.methods, r.route, r.role]);
    const contract = Object.values(API).map((r: ApiRoute) => [
      r.name,
      [r.method],
      `api/${r.path}`,
      r.role,
    ]);
    expect(registered).toEqual([...contract, ['web', ['GET'], '{*path}', null]]);
  });

  it('describes every answer the server gives, field by field', async () => {
    const program = await call(deps, 'getProgram', { params: P, as: VIEWER });
    expectExactly(API.getProgram.response, program.json);
    expectExactly(API.health.response, (await call(deps, 'health', { as: null })).json);
    expectExactly(
      API.listPrograms.response,
      (await call(deps, 'listPrograms', { as: VIEWER })).json,
    );
    expectExactly(API.getSessions.response, (await call(deps, 'getSessions', { params: P })).json);

    const etag = program.json.activities[0].statuses['1'].etag as string;
    const month = { ...P, activityId: '1.1', month: '1' };
    const patched = await call(deps, 'patchMonthStatus', {
      params: month,
      headers: { 'if-match': etag },
      body: { status: 'en_proceso', note: 'En curso', evidence: 'https://iecm.mx/a' },
    });
    expectExactly(API.patchMonthStatus.response, patched.json);
    const stale = await call(deps, 'patchMonthStatus', {
      params: month,
      headers: { 'if-match': etag },
      body: { status: 'realizada' },
    });
    expect(stale.status).toBe(412);
    expectExactly(staleStatusSchema, stale.json);

    const sync = await call(deps, 'sync', {
      params: P,
      body: {
        idempotencyKey: 'contrato-0001',
        changes: [{ activityId: '1.1', month: 2, status: 'realizada', baseEtag: 'vieja' }],
      },
    });
    expectExactly(API.sync.response, sync.json);
    expect(sync.json.conflicts).toHaveLength(1);
    expectExactly(
      API.history.response,
      (await call(deps, 'history', { params: P, query: { pageSize: '5' } })).json,
    );
    const plan = await call(deps, 'putPlan', {
      as: ADMIN,
      params: { programId: 'contrato-2022' },
      body: {
        year: 2022,
        axes: [{ number: 1, name: 'Eje' }],
        activities: [{ id: '1.1', axis: 1, description: 'Una', months: [3] }],
      },
    });
    expectExactly(API.putPlan.response, plan.json);
    const generated = await call(deps, 'generateSessions', {
      params: { programId: 'contrato-2022' },
      body: { weekday: 4, week: 'last' },
    });
    expectExactly(API.generateSessions.response, generated.json);
    const moved = await call(deps, 'patchSession', {
      params: { programId: 'contrato-2022', number: '3' },
      body: { date: '2022-03-24', reason: 'Sesión del Consejo' },
    });
    expectExactly(API.patchSession.response, moved.json);
    for (const failure of [
      await call(deps, 'getProgram', { params: { programId: 'no-existe' } }),
      await call(deps, 'getProgram', { params: { programId: 'NO VALE' } }),
      await call(deps, 'patchSession', {
        params: { programId: 'contrato-2022', number: '40' },
        body: { date: '2022-03-24', reason: 'x' },
      }),
    ]) {
      expect(failure.status).toBeGreaterThanOrEqual(400);
      expectExactly(errorBodySchema, failure.json);
    }
  });

  it('is what the contract’s client reads over HTTP, with no cast anywhere', async () => {
    const server = new TestServer(deps.store);
    const api = contractClient({ root: `${await server.start()}/api/`, fetch });
    const find = { notFound: 'undefined' } as const;
    try {
      const program = await api.call(API.getProgram, { params: P, ...find });
      expect(program?.activities).toHaveLength(26);
      expect(
        await api.call(API.getProgram, { params: { programId: 'no-existe' }, ...find }),
      ).toBeUndefined();
      const sessions = await api.call(API.getSessions, { params: P, ...find });
      expect(sessions?.sessions).toHaveLength(12);
      const s = program!.activities[1]!.statuses['3']!;
      const answer = await api.call(API.sync, {
        params: P,
        body: {
          idempotencyKey: 'contrato-cliente-1',
          changes: [{ activityId: '1.2', month: 3, status: 'cancelada', baseEtag: s.etag }],
        },
      });
      expect(answer.applied).toEqual([{ activityId: '1.2', month: 3, etag: expect.any(String) }]);
      await expect(
        api.call(API.getProgram, { params: { programId: 'NO VALE' }, ...find }),
      ).rejects.toThrow('params.programId');
    } finally {
      await server.stop();
    }
  });
});
