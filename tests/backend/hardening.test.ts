/**
 * What a hostile afternoon found, each kept fixed: cross-site writes, bodies that are not JSON or
 * too large, malformed path escapes, wrong history answers, and the request log. Over real HTTP
 * on 127.0.0.1 (the dev host) and a real Azurite; storage compared before and after each refusal.
 */
import { Server, request as httpRequest } from 'node:http';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { triggers } from '../../backend/triggers';
import { MAX_BODY_BYTES } from '../../backend/http/parse';
import { createDevServer, listen } from '../../tools/dev/dev-server';
import { depsFor, newStore } from '../helpers/server';

let store: Store;
let server: Server;
let origin: string;
const logged: string[] = [];
const P = '/api/programs/cvoe-2021';

beforeAll(async () => {
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  server = createDevServer({
    routes: triggers(depsFor(store, () => new Date())).http,
    // The dev host's stand-in for App Service's cookie: the identity a browser would attach by itself.
    devPrincipal: { name: 'ana.lopez@iecm.mx', roles: ['editor', 'admin'] },
    log: (_level, ...args) => logged.push(args.map(String).join(' ')),
  });
  origin = `http://127.0.0.1:${await listen(server, 0)}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** What storage holds for the programme: calendar, statuses and history. */
async function snapshot(): Promise<string> {
  const [calendar, statuses, history] = await Promise.all([
    store.calendars.get('cvoe-2021'),
    store.statuses.list('cvoe-2021'),
    store.statuses.history('cvoe-2021', { pageSize: 1000 }),
  ]);
  return JSON.stringify({ calendar, statuses, history });
}

const RULE = JSON.stringify({ weekday: 1, week: 1, replace: true });

describe('cross-site writes', () => {
  it('refuses a body that is not JSON (415): a “simple” request no browser preflights', async () => {
    const before = await snapshot();
    const res = await fetch(`${origin}${P}/sessions/generate`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://otro-sitio.example' },
      body: RULE,
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error).toContain('application/json');
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])
      expect(
        (
          await fetch(`${origin}${P}/sessions/generate`, {
            method: 'POST',
            headers: type ? { 'content-type': type } : {},
            body: RULE,
          })
        ).status,
      ).toBe(415);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a write another site sends with the identity the browser attaches (403), whatever its type', async () => {
    const before = await snapshot();
    const attempts: Record<string, string>[] = [
      { origin: 'https://otro-sitio.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const res = await fetch(`${origin}${P}/sessions/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: RULE,
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toContain('otro sitio');
    }
    expect(await snapshot()).toBe(before);
    // The app's own pages and tools (no Origin) still write.
    const own = await fetch(`${origin}${P}/calendar-feeds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: '{}',
    });
    expect(own.status).toBe(201);
  });
});

describe('bodies', () => {
  it(`refuses one over ${MAX_BODY_BYTES / 1024 / 1024} MB with 413, declared or streamed, without buffering it`, async () => {
    const before = await snapshot();
    const declared = await fetch(`${origin}${P}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"idempotencyKey":"grande","changes":[${'0,'.repeat(MAX_BODY_BYTES / 2)}0]}`,
    });
    expect(declared.status).toBe(413);
    // Chunked, no Content-Length: cut off as it arrives.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${origin}${P}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && req.write(chunk)) sent++;
        if (sent < 12) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
    expect(await snapshot()).toBe(before);
  });
});

describe('paths', () => {
  it.each(['/api/programs/%', '/api/programs/%E0%A4%A', `${P}/activities/%/months/1`])(
    'answers 400 to a malformed escape in %s, not 500',
    async (path) => {
      const res = await fetch(`${origin}${path}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('%');
    },
  );
});

describe('history', () => {
  it('since a date before 1970 lists everything; a made-up page token is a 400, not a 503', async () => {
    const program = await (await fetch(`${origin}${P}`)).json();
    const patch = await fetch(`${origin}${P}/activities/1.1/months/1`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'if-match': program.activities[0].statuses['1'].etag,
      },
      body: JSON.stringify({ status: 'en_proceso' }),
    });
    expect(patch.status).toBe(200);
    const all = await (await fetch(`${origin}${P}/history`)).json();
    expect(all.items.length).toBeGreaterThan(0);
    const since = await (await fetch(`${origin}${P}/history?since=1900-01-01T00:00:00Z`)).json();
    expect(since.items).toEqual(all.items);
    const future = await (await fetch(`${origin}${P}/history?since=2300-01-01T00:00:00Z`)).json();
    expect(future.items).toEqual([]);
    for (const token of ['garbage', 'eyJ4IjoxfQ', '%%%'])
      expect(
        (await fetch(`${origin}${P}/history?continuationToken=${encodeURIComponent(token)}`))
          .status,
      ).toBe(400);
  });
});

describe('the request log', () => {
  it('writes one structured line per call: route, method, status, time, who, invocation id; never a query or body', async () => {
    logged.length = 0;
    await fetch(`${origin}${P}/history?continuationToken=secreto`);
    await fetch(`${origin}${P}`);
    const lines = logged
      .filter((l) => l.includes('"event":"request"'))
      .map((l) => JSON.parse(l.slice(l.indexOf('{'))));
    expect(lines).toEqual([
      expect.objectContaining({ route: 'history', method: 'GET', status: 400 }),
      expect.objectContaining({
        route: 'getProgram',
        method: 'GET',
        status: 200,
        who: expect.any(String),
      }),
    ]);
    for (const line of lines) {
      expect(line.invocationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.ms).toBeGreaterThanOrEqual(0);
    }
    expect(logged.join('\n')).not.toContain('secreto');
  });
});

describe('one idempotency key, two syncs at once', () => {
  async function changes(status: string, count: number) {
    const program = await (await fetch(`${origin}${P}`)).json();
    const months: { activityId: string; month: number; baseEtag: string }[] = [];
    for (const a of program.activities)
      for (const [month, s] of Object.entries(a.statuses as Record<string, { etag: string }>))
        months.push({ activityId: a.id, month: Number(month), baseEtag: s.etag });
    return months.slice(0, count).map((m) => ({ ...m, status }));
  }
  const sync = (body: unknown) =>
    fetch(`${origin}${P}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives both the same answer, every change applied once, never false conflicts', async () => {
    for (let run = 0; run < 5; run++) {
      const body = {
        idempotencyKey: `gemelos-${run}`,
        changes: await changes(run % 2 ? 'realizada' : 'en_proceso', 100),
      };
      const historyBefore = (await store.statuses.history('cvoe-2021', { pageSize: 1000 })).items
        .length;
      const [a, b] = await Promise.all([sync(body), sync(body)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [ja, jb] = [await a.json(), await b.json()];
      expect(ja).toEqual(jb);
      expect(ja.applied).toHaveLength(100);
      expect(ja.conflicts).toEqual([]);
      expect(
        [a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort(),
      ).toEqual([null, 'true']);
      const historyAfter = (await store.statuses.history('cvoe-2021', { pageSize: 1000 })).items
        .length;
      expect(historyAfter - historyBefore).toBe(100);
    }
  });

  it('with other changes under the same key, applies one and refuses the other (422)', async () => {
    const base = await changes('no_realizada', 10);
    const [a, b] = await Promise.all([
      sync({ idempotencyKey: 'distintos', changes: base }),
      sync({
        idempotencyKey: 'distintos',
        changes: base.map((c) => ({ ...c, status: 'cancelada' })),
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const winner = a.status === 200 ? 'no_realizada' : 'cancelada';
    const statuses = await store.statuses.getMany('cvoe-2021', base);
    expect(statuses.every((s) => s.status === winner)).toBe(true);
  });
});

describe('actors on every write', () => {
  it('records who regenerated the calendar and who retired an activity or took a month out of the plan', async () => {
    const generated = await fetch(`${origin}${P}/sessions/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        weekday: 4,
        week: 'last',
        overrides: { '1': 21, '12': 16 },
        replace: true,
      }),
    });
    expect(generated.status).toBe(201);
    const calendar = await store.tables.clients.sessions.getEntity<{
      savedBy: string;
      savedAt: string;
    }>('cvoe-2021', 'calendar');
    expect(calendar).toMatchObject({ savedBy: 'ana.lopez@iecm.mx', savedAt: expect.any(String) });

    const program = await (await fetch(`${origin}${P}`)).json();
    const plan = {
      year: program.year,
      axes: program.axes,
      activities: program.activities
        .filter((a: { id: string }) => a.id !== '6.1')
        .map((a: { id: string; months: number[] }) => ({
          ...a,
          months: a.id === '1.1' ? a.months.filter((m) => m !== 12) : a.months,
        })),
    };
    const put = await fetch(`${origin}${P}/plan`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
    expect(put.status).toBe(200);
    const retired = await store.tables.clients.activities.getEntity<{
      active: boolean;
      updatedBy: string;
    }>('cvoe-2021', '06.001');
    expect(retired).toMatchObject({ active: false, updatedBy: 'ana.lopez@iecm.mx' });
    const takenOut = await store.tables.clients.statuses.getEntity<{
      planned: boolean;
      plannedBy: string;
    }>('cvoe-2021', 's_01.001_12');
    expect(takenOut).toMatchObject({ planned: false, plannedBy: 'ana.lopez@iecm.mx' });
  });
});
