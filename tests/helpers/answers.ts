/**
 * For the backup tests: a store with a bit of everything written through the API (statuses with
 * history, a sync with its idempotency key, a rescheduled session, a calendar feed, the scheduled
 * exports' index and files, a member), and every GET answer of the API over it, to compare a
 * store with its restored copy.
 */
import { InvocationContext } from '@azure/functions';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { triggers } from '../../backend/triggers';
import { loadSeedProgramme } from '../../seeds';
import { ADMIN, CallResult, call, depsFor } from './server';

export const P = { programId: 'cvoe-2021' };
/** 18 June 2021: the 6th ordinary session (24 June) is 6 days away, so the exports carry its report. */
export const NOW = new Date('2021-06-18T17:00:00Z');
export const MEMBER = '0f000000-0000-4000-8000-0000000000b1';

export interface Scenario {
  deps: Deps;
  /** The calendar feed's token (its URL's only credential). */
  feedToken: string;
  /** The sync made, and its first answer: a replay after a restore must give the same. */
  sync: { body: unknown; answer: unknown };
}

const ok = (r: CallResult, what: string): CallResult => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.bytes.toString('utf8')}`);
  return r;
};

async function etagOf(deps: Deps, activityId: string, month: number): Promise<string> {
  const program = (await call(deps, 'getProgram', { params: P, as: ADMIN })).json;
  return program.activities.find((a: { id: string }) => a.id === activityId).statuses[String(month)]
    .etag;
}

export async function timerNamed(deps: Deps, name: string): Promise<void> {
  const timer = triggers(deps).timers.find((t) => t.name === name);
  if (!timer) throw new Error(`no timer ${name}`);
  await timer.handler(new InvocationContext({ functionName: name, logHandler: () => undefined }));
}

/** The 2021 programme and, through the API, a bit of every kind of data there is. */
export async function writeScenario(store: Store): Promise<Scenario> {
  const deps = depsFor(store, () => NOW);
  await seedProgramme(store, loadSeedProgramme());
  const changes: [string, number, string, string?, string?][] = [
    ['1.1', 1, 'en_proceso', 'Se convocó a la Junta Local'],
    ['1.1', 1, 'realizada', 'Reunión con la Junta Local', 'https://iecm.mx/evidencia/1'],
    ['1.1', 2, 'realizada'],
    ['2.1', 5, 'reprogramada', 'Se pasó a julio: «acuerdo» 5/2021'],
    ['3.1', 6, 'cancelada'],
    ['4.1', 4, 'no_realizada', 'Sin quórum'],
  ];
  for (const [activityId, month, status, note, evidence] of changes)
    ok(
      await call(deps, 'patchMonthStatus', {
        params: { ...P, activityId, month: String(month) },
        headers: { 'if-match': await etagOf(deps, activityId, month) },
        body: { status, ...(note ? { note } : {}), ...(evidence ? { evidence } : {}) },
      }),
      'patchMonthStatus',
    );
  const syncBody = {
    idempotencyKey: 'sync-respaldo-0001',
    changes: [
      { activityId: '1.2', month: 1, status: 'realizada', baseEtag: await etagOf(deps, '1.2', 1) },
      { activityId: '1.2', month: 2, status: 'en_proceso', baseEtag: await etagOf(deps, '1.2', 2) },
    ],
  };
  const synced = ok(await call(deps, 'sync', { params: P, body: syncBody }), 'sync');
  ok(
    await call(deps, 'patchSession', {
      params: { ...P, number: '9' },
      body: { date: '2021-09-23', reason: 'Informe al Consejo General' },
    }),
    'patchSession',
  );
  const feed = ok(await call(deps, 'createCalendarFeed', { params: P }), 'createCalendarFeed');
  const feedToken = /\/feeds\/([^/]+)\//.exec(feed.json.url as string)![1]!;
  await timerNamed(deps, 'scheduledExports');
  // Last: once a programme has members, only its member editors write it.
  ok(
    await call(deps, 'putMember', {
      as: ADMIN,
      params: { ...P, kind: 'user', memberId: MEMBER },
      body: { role: 'editor', name: 'ana.lopez@iecm.mx' },
    }),
    'putMember',
  );
  return { deps, feedToken, sync: { body: syncBody, answer: synced.json } };
}

/** ETags (and nothing else) are storage's: they differ after a restore, so they are removed. */
export function withoutEtags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEtags);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'etag')
        .map(([key, v]) => [key, withoutEtags(v)]),
    );
  return value;
}

/**
 * Every GET answer of the API over the programme: status and body (JSON without its `etag`
 * fields, other files as their bytes in base64). Headers are left out: the ETag header is storage's.
 */
export async function apiAnswers(deps: Deps, feedToken: string): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  const get = async (label: string, name: string, options: Parameters<typeof call>[2] = {}) => {
    const r = await call(deps, name, { as: ADMIN, ...options });
    answers[label] = {
      status: r.status,
      body: r.json !== undefined ? withoutEtags(r.json) : r.bytes.toString('base64'),
    };
    return r;
  };
  await get('programs', 'listPrograms');
  await get('programme', 'getProgram', { params: P });
  let token: string | undefined;
  let page = 0;
  do {
    const r = await get(`history ${++page}`, 'history', {
      params: P,
      query: { pageSize: '4', ...(token ? { continuationToken: token } : {}) },
    });
    token = r.json.continuationToken;
  } while (token);
  await get('history of 1.1 in January', 'history', {
    params: P,
    query: { activityId: '1.1', month: '1' },
  });
  await get('sessions', 'getSessions', { params: P });
  await get('sessions.ics', 'getSessionsIcs', { params: P });
  for (let number = 1; number <= 12; number++)
    for (const format of ['json', 'csv'])
      await get(`report ${number} ${format}`, 'getSessionReport', {
        params: { ...P, number: String(number) },
        query: { format },
      });
  const published = await get('exports', 'listExports', { params: P });
  for (const file of published.json.exports as { date: string; name: string }[])
    await get(`export ${file.date}/${file.name}`, 'getExport', {
      params: { ...P, date: file.date, name: file.name },
    });
  await get('members', 'listMembers', { params: P });
  await get('feeds', 'listCalendarFeeds', { params: P });
  await get('feed .ics', 'getCalendarFeed', { params: { token: feedToken }, as: null });
  return answers;
}
