/**
 * Malformed requests across every route of the trigger table, as fast-check makes them: odd path
 * parameters (escapes, control characters, huge, Unicode), queries, headers (content types,
 * origins, principal headers that are garbage, bearer tokens that are not), and bodies (any JSON,
 * truncated JSON, text) — and, for a quarter of them, a storage outage fast-check chooses too:
 * nothing listening where storage should be, storage answering «server busy» to everything,
 * storage that never answers, or storage failing from the request's n-th storage call on (for
 * good, or that call only — which the storage client's one retry must then get past: no 503).
 *
 * Whatever comes, the answer is a 4xx, a 2xx for the few requests that are well formed, or a 503
 * with Retry-After — and a 503 only when an outage was injected; never another 5xx. Under an
 * outage, an answer other than 503 is the one the same request gets without it: an outage is never
 * passed off as a client's error (a 404 or a 403 because a read failed). No answer carries a stack
 * or a storage detail, and nothing is written to the programme (its version included).
 */
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { AddressInfo } from 'node:net';
import { Route, toHttpHandler } from '../../backend/http/route';
import { encodePrincipal } from '../../backend/http/principal';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { StoreSettings } from '../../backend/store/tables';
import { triggers } from '../../backend/triggers';
import { loadSeedProgramme } from '../../seeds';
import { connectionStringFor, freePort } from '../../tools/dev/azurite';
import { ADMIN, EDITOR, VIEWER, depsFor, testConnectionString } from '../helpers/server';

jest.setTimeout(240_000);

/** A storage outage, per request. */
type Outage =
  | { kind: 'none' }
  /** Nothing listens where storage should be (connection refused). */
  | { kind: 'down' }
  /** Storage answers every call with 503 «server busy». */
  | { kind: 'busy' }
  /** Storage takes the calls and never answers (each times out, after 0.1 s here). */
  | { kind: 'hang' }
  /** The first `ok` storage calls go through; the next one fails, and so do the rest unless `once`. */
  | { kind: 'after'; ok: number; fail: 'busy' | 'refused'; once: boolean };

let store: Store;
let routes: Record<Outage['kind'], Route[]>;
/** Answers every request as storage does when it is overloaded: 503, Retry-After 0. */
let busy: http.Server;
let busyOrigin: string;
/** Takes connections and never answers. */
let hang: net.Server;
const held = new Set<net.Socket>();
let refusedOrigin: string;
/** The outage of the request under way, and the storage calls it has made. */
let current: Outage = { kind: 'none' };
let calls = 0;

/**
 * Outages after a few calls: a store over the same tables whose calls are sent elsewhere on cue
 * (each attempt counts: the storage client's retry of a call is the next one).
 */
function failingAfter(settings: StoreSettings): Store {
  const flaky = new Store(settings);
  const counter = flaky.tables.counter.policy;
  const send = counter.sendRequest;
  const urls = new WeakMap<object, string>();
  counter.sendRequest = (request, next) => {
    calls++;
    // A retry resends the same request: it goes where it was meant to unless it fails too.
    const url = urls.get(request) ?? request.url;
    urls.set(request, url);
    request.url = url;
    if (current.kind === 'after') {
      const n = calls - current.ok;
      if (n === 1 || (n > 1 && !current.once))
        request.url = url.replace(
          /^http:\/\/[^/]+/,
          current.fail === 'busy' ? busyOrigin : refusedOrigin,
        );
    }
    return send(request, next);
  };
  return flaky;
}

beforeAll(async () => {
  // The Functions library warns on every GET that comes with a body (it drops the body): a fuzzed
  // request often does, and thousands of captured warnings slow jest down. Others still show.
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith('Discarding the body of the incoming')) warn(...args);
  });
  busy = http.createServer((req, res) => {
    req.resume();
    res.writeHead(503, {
      'Content-Type': 'application/json',
      'Retry-After': '0',
      'x-ms-error-code': 'ServerBusy',
    });
    res.end(
      JSON.stringify({
        'odata.error': {
          code: 'ServerBusy',
          message: { lang: 'en-US', value: 'The server is busy. RequestId:devstoreaccount1' },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const busyPort = (busy.address() as AddressInfo).port;
  hang = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
  const hangPort = (hang.address() as AddressInfo).port;
  const refusedPort = await freePort();
  busyOrigin = `http://127.0.0.1:${busyPort}`;
  refusedOrigin = `http://127.0.0.1:${refusedPort}`;
  const at = (port: number) =>
    connectionStringFor({ blobPort: port, tablePort: port, queuePort: port });

  const settings: StoreSettings = {
    connectionString: testConnectionString(),
    tablePrefix: `t${randomBytes(5).toString('hex')}`,
    timeoutMs: 5000,
  };
  store = new Store(settings);
  await store.ensureTables();
  await seedProgramme(store, loadSeedProgramme());
  const routesOver = (s: Store) =>
    triggers(depsFor(s, () => new Date())).http.filter((r) => r.name !== 'web');
  routes = {
    none: routesOver(store),
    down: routesOver(new Store({ ...settings, connectionString: at(refusedPort) })),
    busy: routesOver(new Store({ ...settings, connectionString: at(busyPort) })),
    hang: routesOver(new Store({ ...settings, connectionString: at(hangPort), timeoutMs: 100 })),
    after: routesOver(failingAfter(settings)),
  };
});

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise((resolve) => busy?.close(resolve));
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => hang?.close(resolve));
});

/** What a malformed request may change: the programme (and its version), its plan, statuses, history, calendar, members. */
async function snapshot(): Promise<string> {
  const [programs, head, activities, statuses, history, calendar, members] = await Promise.all([
    store.programmes.list(),
    store.programmes.get('cvoe-2021'),
    store.programmes.activities('cvoe-2021'),
    store.statuses.list('cvoe-2021'),
    store.statuses.history('cvoe-2021', { pageSize: 1000 }),
    store.calendars.get('cvoe-2021'),
    store.members.list('cvoe-2021'),
  ]);
  return JSON.stringify({ programs, head, activities, statuses, history, calendar, members });
}

const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '..',
    '../..',
    '\u0000',
    '\u202e',
    'cvoe-2021',
    '1.1',
    '13',
    '0',
    '-1',
    'x'.repeat(2000),
  ),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v).slice(0, -1)),
  fc.constantFrom('{}', '[]', 'null', '{"idempotencyKey":"k","changes":[{}]}', '{"year":2021}', ''),
  fc.string({ maxLength: 200 }),
);
const principal = fc.oneof(
  // Writers most of the time: the point is to reach the writes' parsing.
  { arbitrary: fc.constantFrom(encodePrincipal(EDITOR), encodePrincipal(ADMIN)), weight: 4 },
  fc.constant<string | undefined>(undefined),
  fc.constantFrom(
    encodePrincipal(VIEWER),
    encodePrincipal(EDITOR),
    encodePrincipal(ADMIN),
    'no-es-base64',
    btoa('{"claims":5}'),
    btoa('null'),
  ),
  fc.string({ maxLength: 100 }).map((s) => btoa(unescape(encodeURIComponent(s)))),
);

const request = fc.record({
  route: fc.nat(),
  params: fc.dictionary(
    fc.constantFrom(
      'programId',
      'activityId',
      'month',
      'number',
      'feed',
      'token',
      'date',
      'name',
      'kind',
      'memberId',
    ),
    oddText,
  ),
  query: fc.dictionary(
    fc.constantFrom(
      'since',
      'pageSize',
      'continuationToken',
      'format',
      'time',
      'programId',
      'activityId',
      'month',
    ),
    oddText,
  ),
  body: fc.option(json, { nil: undefined }),
  contentType: fc.constantFrom(
    'application/json',
    'text/plain',
    'application/json; charset=utf-8',
    '',
    'multipart/form-data',
  ),
  // Seldom an origin or a bearer token: either stops most requests at the door (fc.option's
  // `freq` is the odds of *no* value, 1 in freq, so it cannot say «seldom»).
  origin: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    fc.constantFrom('https://otro-sitio.example', 'null', 'http://127.0.0.1'),
  ),
  principal,
  bearer: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 7 },
    fc.oneof(fc.string({ maxLength: 60 }), fc.constant('a.b.c')),
  ),
  ifMatch: fc.option(oddText, { nil: undefined }),
  outage: fc.oneof(
    { arbitrary: fc.constant<Outage>({ kind: 'none' }), weight: 3 },
    {
      arbitrary: fc.oneof(
        // Refused connections cost the storage client's pause before its retry (0.1 s), and
        // unanswered calls their timeout: fewer of those.
        { arbitrary: fc.constant<Outage>({ kind: 'down' }), weight: 1 },
        { arbitrary: fc.constant<Outage>({ kind: 'hang' }), weight: 1 },
        { arbitrary: fc.constant<Outage>({ kind: 'busy' }), weight: 6 },
        {
          arbitrary: fc
            .record({
              kind: fc.constant('after' as const),
              ok: fc.nat({ max: 4 }),
              fail: fc.constantFrom<('busy' | 'refused')[]>('busy', 'busy', 'busy', 'refused'),
              once: fc.boolean(),
            })
            .map((o): Outage => o),
          weight: 12,
        },
      ),
      weight: 1,
    },
  ),
});

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** One request, as the Functions host would pass it to the route. */
async function send(
  route: Route,
  r: FuzzRequest,
): Promise<{ status: number; headers: Headers; text: string }> {
  // Path parameters as the host gives them: decoded text, whatever it is.
  const params = Object.fromEntries(
    (route.route.match(/\{(\w+)\}/g) ?? []).map((p) => {
      const name = p.slice(1, -1);
      return [name, r.params[name] ?? 'cvoe-2021'];
    }),
  );
  const url = new URL(`http://127.0.0.1/${route.route}`);
  for (const [k, v] of Object.entries(r.query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  // Two routes take almost any body by design (a feed; a calendar from defaults): there a
  // writer's garbage is a real write, so only a reader's is sent.
  const writer = [encodePrincipal(EDITOR), encodePrincipal(ADMIN)].includes(r.principal ?? '');
  const lenient = ['createCalendarFeed', 'generateSessions'].includes(route.name);
  const who = writer && lenient ? encodePrincipal(VIEWER) : r.principal;
  if (who !== undefined) headers['x-ms-client-principal'] = who;
  if (r.bearer !== undefined) headers.authorization = `Bearer ${r.bearer}`;
  if (r.origin) headers.origin = r.origin;
  if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch.replace(/[^\x20-\x7e]/g, '');
  if (r.body !== undefined && r.contentType) headers['content-type'] = r.contentType;
  const req = new HttpRequest({
    method: route.methods[0]!,
    url: url.toString(),
    params,
    headers,
    ...(r.body !== undefined ? { body: { string: r.body } } : {}),
  });
  const context = new InvocationContext({ functionName: route.name, logHandler: () => undefined });
  const response = new HttpResponse(await toHttpHandler(route)(req, context));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Internals no answer may show: stacks, storage clients' errors, where storage is. */
const INTERNALS =
  /\n\s+at |RestError|TableServiceError|Azurite|ECONNREFUSED|ECONNRESET|TypeError|undefined is not|ServerBusy|server is busy|devstoreaccount1|AbortError/;

describe('malformed requests on every route, some with storage down', () => {
  it('answer 4xx, or 503 only under an outage, never leak internals, never write (10,000 requests)', async () => {
    const before = await snapshot();
    const seen = new Map<string, Set<number>>();
    /** Answers under each kind of outage: `busy 503`, `busy other` … */
    const outages = new Map<string, number>();
    const byRoute = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const index = r.route % routes.none.length;
        const route = routes[r.outage.kind][index]!;
        current = r.outage;
        calls = 0;
        const answer = await send(route, r).finally(() => (current = { kind: 'none' }));
        if (!seen.has(route.name)) seen.set(route.name, new Set());
        seen.get(route.name)!.add(answer.status);
        const tally = `${r.outage.kind} ${answer.status === 503 ? 503 : 'other'}`;
        outages.set(tally, (outages.get(tally) ?? 0) + 1);
        const k = `${r.outage.kind === 'none' ? '' : 'outage '}${route.name} ${answer.status}`;
        byRoute.set(k, (byRoute.get(k) ?? 0) + 1);
        if (answer.status >= 500) {
          expect({ status: answer.status, outage: r.outage }).toEqual({
            status: 503,
            outage: expect.not.objectContaining({ kind: 'none' }),
          });
          expect(answer.headers.get('retry-after')).toBe('5');
        }
        expect(answer.text).not.toMatch(INTERNALS);
        // One failed call is the storage client's to absorb: its retry gets through.
        if (r.outage.kind === 'after' && r.outage.once) expect(answer.status).not.toBe(503);
        if (r.outage.kind !== 'none' && answer.status !== 503) {
          // Not a 503 under an outage: the answer it gets without one.
          const without = await send(routes.none[index]!, r);
          expect({ outage: r.outage, status: answer.status }).toEqual({
            outage: r.outage,
            status: without.status,
          });
        }
      }),
      { numRuns: 10_000 },
    );
    expect(await snapshot()).toBe(before);
    // Every route of the table was reached; the writes got as far as reading their bodies (400).
    expect([...seen.keys()].sort()).toEqual(routes.none.map((r) => r.name).sort());
    // Every kind of outage was met, and answered 503 at least once.
    if (process.env.PAT_FUZZ_VERBOSE) console.log(outages, byRoute);
    expect(['down', 'busy', 'hang', 'after'].filter((kind) => !outages.has(`${kind} 503`))).toEqual(
      [],
    );
    for (const name of ['putPlan', 'sync', 'patchMonthStatus', 'patchSession', 'putMember'])
      expect({ name, statuses: [...seen.get(name)!] }).toEqual({
        name,
        statuses: expect.arrayContaining([400]),
      });
  });
});
