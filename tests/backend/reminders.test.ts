/**
 * Reminders against Azurite and a local Microsoft Graph stand-in: the areas' people (admins);
 * for a given date of 2021 the right people get the right months (due this month, or closed and
 * still pending) and the commission the session report; nobody twice — two runs, two runs at
 * once —; Graph's throttling honoured; a failure midway resumed without duplicates; opting out
 * respected and shown to admins; nothing on a rest day. The update page's routes: a person sees
 * and sets their areas' months only.
 */
import { Deps } from '../../backend/http/deps';
import { graphMailer } from '../../backend/mail/graph-mailer';
import { seedProgramme } from '../../backend/services/seed';
import { runReminders } from '../../backend/services/reminders';
import { upsertPlan } from '../../backend/services/upsert-plan';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import { Month, monthClosedBy } from '../../shared/months';
import { GraphStandIn, startGraphStandIn } from '../helpers/graph-stand-in';
import { ADMIN, EDITOR, call, depsFor, newStore } from '../helpers/server';

const seed = loadSeedProgramme();
const programId = seed.id;
const ORIGIN = 'https://pat.iecm.test';
const ANA = { name: 'Ana López', email: 'ana.lopez@iecm.mx' };
const BETO = { name: 'Beto Ruiz', email: 'beto.ruiz@iecm.mx' };
const CARLA = { name: 'Carla Díaz', email: 'carla.diaz@iecm.mx' };
const PRESIDENCIA = { name: 'Presidencia de la CVOE', email: 'presidencia.cvoe@iecm.mx' };

let store: Store;
let deps: Deps;
let graph: GraphStandIn;
const slept: number[] = [];

const mailer = (maxAttempts = 4) =>
  graphMailer({
    graphUrl: graph.url,
    sender: 'pat-cronograma@iecm.mx',
    token: async () => 'token-de-prueba',
    maxAttempts,
    sleep: async (ms) => void slept.push(ms),
  });

/** A run at 09:00 in Mexico City on `date`. */
const run = (date: string, maxAttempts?: number) =>
  runReminders(
    store,
    mailer(maxAttempts),
    { daysBefore: 7, publicUrl: ORIGIN },
    new Date(`${date}T14:00:00Z`),
  );

type Sent = {
  body: {
    message: {
      subject: string;
      body: { content: string };
      toRecipients: { emailAddress: { address: string } }[];
    };
  };
};
const recipient = (s: unknown) => (s as Sent).body.message.toRecipients[0]!.emailAddress.address;
const html = (s: unknown) => (s as Sent).body.message.body.content;
const sentTo = (from = 0) => graph.sent.slice(from).map(recipient).sort();

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto'];

/** The months a message lists, as `id:month`: one line per activity, «1.2 … — vencidos: enero y febrero; vence este mes: junio.» */
function listedMonths(body: string): string[] {
  return [...body.matchAll(/<li>(\d+\.\d+) [^<]*? — ([^<]*)<\/li>/g)].flatMap(([, id, said]) =>
    [...said!.matchAll(new RegExp(MONTHS.join('|'), 'g'))].map(
      ([name]) => `${id}:${MONTHS.indexOf(name) + 1}`,
    ),
  );
}

/** The months an area's people must update on `date`, worked out here from the programme view. */
async function expectedMonths(area: string, date: string) {
  const view = (await call(deps, 'getProgram', { params: { programId } })).json;
  const month = Number(date.slice(5, 7));
  return view.activities
    .filter((a: { responsibleArea: string }) => a.responsibleArea === area)
    .flatMap((a: { id: string; months: number[]; statuses: Record<string, { status: string }> }) =>
      a.months
        .filter(
          (m) =>
            m === month ||
            (a.statuses[String(m)]!.status === 'pendiente' && monthClosedBy(2021, m, date)),
        )
        .map((m) => `${a.id}:${m}`),
    );
}

beforeAll(async () => {
  graph = await startGraphStandIn();
  store = await newStore();
  deps = depsFor(store, () => new Date('2021-06-17T14:00:00Z'));
  await seedProgramme(store, seed);
  // Axis 4 (electoral observation) is another area's.
  await upsertPlan(
    store,
    programId,
    {
      year: seed.year,
      axes: seed.axes,
      activities: seed.activities.map((a) => ({
        ...a,
        months: [...a.months] as Month[],
        ...(a.axis === 4 ? { responsibleArea: 'DEOE' } : {}),
      })),
    },
    { name: 'admin' },
  );
  // 1.1 reported January to May: only its June is left to do.
  const program = (await call(deps, 'getProgram', { params: { programId } })).json;
  const changes = [1, 2, 3, 4, 5].map((month) => ({
    activityId: '1.1',
    month,
    status: 'realizada',
    baseEtag: program.activities[0].statuses[String(month)].etag,
  }));
  const synced = await call(deps, 'sync', {
    params: { programId },
    body: { idempotencyKey: 'recordatorios-0001', changes },
  });
  expect(synced.json.conflicts).toEqual([]);
});
afterAll(() => graph.stop());

describe('the areas and their people (admins)', () => {
  it('refuses an editor (403) and a bad address (400 naming it), and keeps what an admin sets', async () => {
    const byEditor = await call(deps, 'putArea', {
      params: { programId, area: 'UTVOE' },
      body: { people: [ANA] },
      as: EDITOR,
    });
    expect(byEditor.status).toBe(403);
    const bad = await call(deps, 'putArea', {
      params: { programId, area: 'UTVOE' },
      body: { people: [{ name: 'Ana', email: 'ana en iecm' }] },
      as: ADMIN,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('body.people.0.email');
    for (const [area, people] of [
      ['UTVOE', [ANA, { ...BETO, email: 'Beto.Ruiz@IECM.mx' }]],
      ['DEOE', [CARLA]],
      ['comision', [PRESIDENCIA, ANA]],
    ] as const) {
      const r = await call(deps, 'putArea', {
        params: { programId, area },
        body: { people },
        as: ADMIN,
      });
      expect(r.status).toBe(200);
    }
    const list = await call(deps, 'listAreas', { params: { programId }, as: ADMIN });
    expect(
      list.json.map((a: { area: string; activities: number }) => [a.area, a.activities]),
    ).toEqual([
      ['UTVOE', seed.activities.filter((a) => a.axis !== 4).length],
      ['DEOE', seed.activities.filter((a) => a.axis === 4).length],
      ['comision', 0],
    ]);
    expect(list.json[0].people).toEqual([
      { ...ANA, optedOut: false },
      { ...BETO, optedOut: false },
    ]);
  });
});

describe('sendReminders', () => {
  it('sends nothing on a day with no occasion (a week before no session, not a month start)', async () => {
    expect(await run('2021-06-10')).toEqual([]);
    expect(graph.requests).toHaveLength(0);
  });

  it('a week before the 6th ordinary session: each person their months, the commission the report, one message each', async () => {
    const [result] = await run('2021-06-17');
    expect(result).toMatchObject({ occasion: 'sesion-2021-06-24', skipped: 0, failed: [] });
    expect(sentTo()).toEqual([ANA.email, BETO.email, CARLA.email, PRESIDENCIA.email].sort());
    const message = (email: string) => graph.sent.find((s) => recipient(s) === email)!;
    for (const [person, area] of [
      [ANA, 'UTVOE'],
      [BETO, 'UTVOE'],
      [CARLA, 'DEOE'],
    ] as const) {
      const body = html(message(person.email));
      const listed = listedMonths(body);
      expect(listed).toEqual(await expectedMonths(area, '2021-06-17'));
      expect(body).toContain(`${ORIGIN}/actualizar/?programa=${programId}`);
      expect(body).toContain(`${ORIGIN}/api/programs/${programId}/reminders/opt-out/`);
    }
    // 1.1 was reported January to May: only its June is left, said on one line.
    expect(html(message(ANA.email))).toMatch(/<li>1\.1 [^<]* — vence este mes: junio\.<\/li>/);
    expect(html(message(CARLA.email))).not.toMatch(/<li>[1235]\./);
    // The commission: the report's link; Ana is in both, in one message.
    expect(html(message(PRESIDENCIA.email))).toContain(
      `${ORIGIN}/dashboard/?programa=${programId}&amp;sesion=6`,
    );
    expect(html(message(PRESIDENCIA.email))).not.toContain('<li>');
    expect(html(message(ANA.email))).toContain('&amp;sesion=6');
    expect((message(ANA.email) as Sent).body.message.subject).toMatch(
      /^Recordatorio: \d+ meses por actualizar/,
    );
  });

  it('sends nothing twice: the same day again, and two runs at once on the next occasion', async () => {
    const before = graph.sent.length;
    const [again] = await run('2021-06-18');
    expect(again).toMatchObject({ sent: [], skipped: 4 });
    expect(graph.sent).toHaveLength(before);
    // 1 July 2021 (a Thursday) is July's first working day: three people have months.
    const both = await Promise.all([run('2021-07-01'), run('2021-07-01')]);
    expect(both.flat().every((r) => r.occasion === 'mes-2021-07')).toBe(true);
    expect(sentTo(before)).toEqual([ANA.email, BETO.email, CARLA.email].sort());
  });

  it("honours Graph's throttling (429 with Retry-After), sending each message once", async () => {
    const before = graph.sent.length;
    let throttled = false;
    graph.respond(() => {
      if (throttled) return undefined;
      throttled = true;
      return { status: 429, headers: { 'Retry-After': '3' } };
    });
    const [result] = await run('2021-07-22'); // a week before the 7th session (29 July)
    graph.respond(() => undefined);
    expect(slept).toEqual([3000]);
    expect(result!.failed).toEqual([]);
    expect(sentTo(before)).toEqual([ANA.email, BETO.email, CARLA.email, PRESIDENCIA.email].sort());
  });

  it('resumes a run that failed midway, without sending anyone twice', async () => {
    const before = graph.sent.length;
    const first = graph.requests.length + 1;
    graph.respond(({ count }) =>
      count === first + 1
        ? { status: 500, body: { error: { code: 'x', message: 'y' } } }
        : undefined,
    );
    const [failed] = await run('2021-08-02', 1); // August's first working day
    graph.respond(() => undefined);
    expect(failed!.sent).toHaveLength(1);
    expect(failed!.failed).toHaveLength(1);
    const [resumed] = await run('2021-08-03');
    expect(resumed!.skipped).toBe(1);
    expect([...failed!.sent, ...resumed!.sent].sort()).toEqual(
      [ANA.email, BETO.email, CARLA.email].sort(),
    );
    expect(sentTo(before)).toEqual([ANA.email, BETO.email, CARLA.email].sort());
  });

  it("respects an opt-out made from the message's link, and shows it to admins", async () => {
    const link = html(graph.sent.filter((s) => recipient(s) === CARLA.email).at(-1)!).match(
      /reminders\/opt-out\/([A-Za-z0-9_.-]+)"/,
    )![1]!;
    const page = await call(deps, 'optOutPage', { params: { programId, token: link }, as: null });
    expect(page.status).toBe(200);
    expect(page.bytes.toString()).toContain('Dejar de recibir recordatorios');
    const forged = `${Buffer.from(BETO.email).toString('base64url')}.${link.split('.')[1]}`;
    const refused = await call(deps, 'optOut', {
      params: { programId, token: forged },
      body: {},
      as: null,
    });
    expect(refused.status).toBe(400);
    const done = await call(deps, 'optOut', {
      params: { programId, token: link },
      body: {},
      as: null,
    });
    expect(done.json).toEqual({ optedOut: true, email: CARLA.email });
    const areas = (await call(deps, 'listAreas', { params: { programId }, as: ADMIN })).json;
    expect(areas.find((a: { area: string }) => a.area === 'DEOE').people).toEqual([
      { ...CARLA, optedOut: true },
    ]);
    expect(areas[0].people.every((p: { optedOut: boolean }) => !p.optedOut)).toBe(true);
    const before = graph.sent.length;
    const [result] = await run('2021-08-19'); // a week before the 8th session (26 August)
    expect(result!.optedOut).toBe(1);
    expect(sentTo(before)).toEqual([ANA.email, BETO.email, PRESIDENCIA.email].sort());
  });

  it('sends nothing on a rest day (16 September), even within a session’s week', async () => {
    const before = graph.requests.length;
    expect(await run('2021-09-16')).toEqual([]);
    expect(graph.requests).toHaveLength(before);
  });
});

describe("the update page's routes", () => {
  const as = (email: string) => ({ name: email, roles: [] });

  it("lists a person's own areas' due and overdue months only, and nobody's for a stranger", async () => {
    const mine = await call(deps, 'myMonths', { params: { programId }, as: as(CARLA.email) });
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ today: '2021-06-17', areas: ['DEOE'], person: CARLA });
    expect(
      mine.json.months.map(
        (m: { activityId: string; month: number }) => `${m.activityId}:${m.month}`,
      ),
    ).toEqual(await expectedMonths('DEOE', '2021-06-17'));
    const stranger = await call(deps, 'myMonths', {
      params: { programId },
      as: as('nadie@iecm.mx'),
    });
    expect(stranger.json).toMatchObject({ areas: [], months: [] });
    expect(stranger.json.person).toBeUndefined();
  });

  it("sets a month of the person's area with their name in history, and refuses another area's (403), writing nothing", async () => {
    const mine = (await call(deps, 'myMonths', { params: { programId }, as: as(CARLA.email) }))
      .json;
    const month = mine.months[0];
    const saved = await call(deps, 'patchMyMonth', {
      params: { programId, activityId: month.activityId, month: String(month.month) },
      body: { status: 'realizada', note: 'Curso impartido' },
      headers: { 'if-match': month.etag },
      as: as(CARLA.email),
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ status: 'realizada', updatedBy: CARLA.email });
    const history = await call(deps, 'history', {
      params: { programId },
      query: { activityId: month.activityId, month: String(month.month) },
    });
    expect(history.json.items[0]).toMatchObject({ to: 'realizada', by: CARLA.email });
    const other = (await call(deps, 'myMonths', { params: { programId }, as: as(BETO.email) })).json
      .months[0];
    const refused = await call(deps, 'patchMyMonth', {
      params: { programId, activityId: other.activityId, month: String(other.month) },
      body: { status: 'realizada' },
      headers: { 'if-match': other.etag },
      as: as(CARLA.email),
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toContain('UTVOE');
    const unchanged = (await call(deps, 'myMonths', { params: { programId }, as: as(BETO.email) }))
      .json.months[0];
    expect(unchanged).toEqual(other);
  });
});
