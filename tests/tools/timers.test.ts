/**
 * Timers under the dev host, as under the Functions host: run on their schedule, run now with
 * `POST /admin/functions/{name}` (JSON only, 202), never two runs of one timer at once.
 */
import { Server } from 'node:http';
import { Timer } from '../../backend/triggers';
import { createDevServer, listen } from '../../tools/dev/dev-server';
import { scheduleTimers } from '../../tools/dev/timers';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counting(name: string, schedule: string, ms = 0) {
  const runs: number[] = [];
  let running = 0;
  let most = 0;
  const timer: Timer = {
    name,
    schedule,
    handler: async () => {
      most = Math.max(most, ++running);
      runs.push(Date.now());
      await wait(ms);
      running--;
    },
  };
  return { timer, runs, most: () => most };
}

describe('timers under the dev host', () => {
  let server: Server;
  let base: string;
  const probe = counting('probe', '0 0 12 * * *');
  const failing: Timer = {
    name: 'falla',
    schedule: '0 0 12 * * *',
    handler: async () => {
      throw new Error('sin almacenamiento');
    },
  };
  const logged: string[] = [];
  beforeAll(async () => {
    server = createDevServer({
      routes: [],
      timers: [probe.timer, failing],
      log: (level, ...args) => logged.push(`${level} ${args.map(String).join(' ')}`),
    });
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(() => server.close());

  const post = (name: string, type = 'application/json') =>
    fetch(`${base}/admin/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: '{}',
    });

  it('runs a timer now, as the Functions host’s admin API does', async () => {
    expect((await post('probe')).status).toBe(202);
    await wait(50);
    expect(probe.runs).toHaveLength(1);
  });

  it('refuses what a web page could send across sites, other methods and unknown names', async () => {
    expect((await post('probe', 'text/plain')).status).toBe(415);
    expect((await fetch(`${base}/admin/functions/probe`)).status).toBe(405);
    expect((await post('no-existe')).status).toBe(404);
    expect(probe.runs).toHaveLength(1);
  });

  it('logs a failed run and keeps serving', async () => {
    expect((await post('falla')).status).toBe(202);
    await wait(50);
    expect(logged.join('\n')).toContain('La función falla falló');
    expect((await post('probe')).status).toBe(202);
  });

  it('runs timers on their schedule (seconds, UTC), a run never overlapping the one before', async () => {
    const everySecond = counting('cada-segundo', '* * * * * *', 1500);
    const scheduled = scheduleTimers([everySecond.timer], () => undefined);
    expect(scheduled.next('cada-segundo')!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await wait(3200);
    scheduled.stop();
    expect(everySecond.runs.length).toBeGreaterThanOrEqual(2);
    expect(everySecond.most()).toBe(1);
  });
});
