/**
 * The Functions host is registration only: it registers every HTTP route and every timer of the
 * backend's trigger table with `@azure/functions`' `app`, exactly as the table says (a recording
 * stand-in for `app`; the rest of the library is the real one), and runs the backend's handlers,
 * loaded with the first invocation.
 */
import type { InvocationContext } from '@azure/functions';
import { Timer, triggers } from '../../backend/triggers';
import { depsFor, newStore, testConnectionString } from '../helpers/server';

const registered: { kind: string; name: string; options: Record<string, unknown> }[] = [];
jest.mock('@azure/functions', () => {
  const actual = jest.requireActual('@azure/functions');
  const record = (kind: string) => (name: string, options: Record<string, unknown>) =>
    registered.push({ kind, name, options });
  return { ...actual, app: { http: record('http'), timer: record('timer') } };
});

const ran: string[] = [];
const probe: Timer = {
  name: 'probe',
  schedule: '0 0 12 * * *',
  handler: async (context: InvocationContext) => void ran.push(context.functionName),
};
// The host registers the timers of the plain trigger table and runs the backend's of that name.
jest.mock('../../backend/trigger-table', () => ({
  ...jest.requireActual('../../backend/trigger-table'),
  timerTriggers: () => [{ name: probe.name, schedule: probe.schedule }],
}));
jest.mock('../../backend/triggers', () => {
  const actual = jest.requireActual('../../backend/triggers');
  return {
    ...actual,
    triggers: (deps: unknown) => ({ ...actual.triggers(deps), timers: [probe] }),
  };
});

describe('the Functions host', () => {
  beforeAll(() => {
    process.env.PAT_STORAGE_CONNECTION_STRING = testConnectionString();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require('../../functions/src/index'));
  });

  it('registers every route of the trigger table with its methods, path and anonymous auth level', async () => {
    const table = triggers(depsFor(await newStore())).http;
    expect(
      registered
        .filter((r) => r.kind === 'http')
        .map((r) => [r.name, r.options.methods, r.options.route, r.options.authLevel]),
    ).toEqual(table.map((r) => [r.name, r.methods, r.route, 'anonymous']));
  });

  it('registers every timer with its schedule and runs its handler', async () => {
    const timers = registered.filter((r) => r.kind === 'timer');
    expect(timers.map((t) => [t.name, t.options.schedule])).toEqual([['probe', '0 0 12 * * *']]);
    const { InvocationContext } = jest.requireActual('@azure/functions');
    await (timers[0]!.options.handler as (t: unknown, c: InvocationContext) => Promise<void>)(
      {},
      new InvocationContext({ functionName: 'probe' }),
    );
    expect(ran).toEqual(['probe']);
  });

  it('answers a request through a registered handler, tables made on the way', async () => {
    const { HttpRequest, InvocationContext } = jest.requireActual('@azure/functions');
    const health = registered.find((r) => r.name === 'health')!;
    const response = await (
      health.options.handler as (r: unknown, c: unknown) => Promise<{ status: number }>
    )(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/health' }),
      new InvocationContext({ functionName: 'health' }),
    );
    expect(response.status).toBe(200);
  });
});
