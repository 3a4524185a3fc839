/**
 * The programme's year through the API against Azurite: the 2021 programme approved
 * (CVOE/040/20, 28 September 2020) and ratified (CVOE/003/21, 21 January 2021), its plan frozen
 * as the baseline; a plan change refused without its agreement and kept in history with it; the
 * variance shown; a quarter's report frozen, then a status edited, and the report unchanged; the
 * 2022 draft's calendar by the 2021 rule with 2022's rest days. Only admins move the status.
 */
import JSZip from 'jszip';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import { statutoryRestDays } from '../../shared/calendar/holidays';
import { ADMIN, EDITOR, VIEWER, call, depsFor, newStore } from '../helpers/server';

const seed = loadSeedProgramme();
const programId = seed.id;
let store: Store;
let deps: Deps;

/** An activity planned for a few months (4.4: October to December). */
const MOVED = '4.4';

/** The seed's plan with activity 4.4's first month moved to `to` (and nothing else changed). */
function planWithMove(to: number) {
  const activities = seed.activities.map((a) =>
    a.id === MOVED ? { ...a, months: [...a.months.slice(1), to].sort((x, y) => x - y) } : a,
  );
  return { year: seed.year, title: seed.title, axes: seed.axes, activities };
}

const program = async () => (await call(deps, 'getProgram', { params: { programId } })).json;

beforeAll(async () => {
  store = await newStore();
  // The 15th of June 2021: the second quarter is under way.
  deps = depsFor(store, () => new Date('2021-06-15T17:00:00Z'));
  await seedProgramme(store, seed);
});

describe('approve and ratify (admins)', () => {
  it('starts as a draft', async () => {
    expect((await program()).status).toBe('borrador');
  });

  it('refuses an editor (403) and a ratification before the approval (409), writing nothing', async () => {
    const byEditor = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: { step: 'aprobado', agreement: 'CVOE/040/20', date: '2020-09-28' },
      as: EDITOR,
    });
    expect(byEditor.status).toBe(403);
    const early = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: { step: 'ratificado', agreement: 'CVOE/003/21', date: '2021-01-21' },
      as: ADMIN,
    });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatch(/primero se aprueba/);
    expect((await program()).status).toBe('borrador');
  });

  it('approves with CVOE/040/20 of 28 September 2020', async () => {
    const r = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: {
        step: 'aprobado',
        agreement: 'CVOE/040/20',
        date: '2020-09-28',
        session: 'Novena sesión ordinaria de 2020',
      },
      as: ADMIN,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'aprobado',
      agreements: {
        approval: {
          id: 'CVOE/040/20',
          date: '2020-09-28',
          session: 'Novena sesión ordinaria de 2020',
        },
      },
      baseline: null,
    });
    const view = await program();
    expect(view.status).toBe('aprobado');
    expect(view.details.agreements.approval.id).toBe('CVOE/040/20');
    const again = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: { step: 'aprobado', agreement: 'CVOE/041/20', date: '2020-09-29' },
      as: ADMIN,
    });
    expect(again.status).toBe(409);
  });

  it('refuses a ratification dated before the approval (400 naming the date)', async () => {
    const r = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: { step: 'ratificado', agreement: 'CVOE/003/21', date: '2020-09-01' },
      as: ADMIN,
    });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].path).toBe('date');
  });

  it('ratifies with CVOE/003/21 of 21 January 2021, naming the session from the calendar, and freezes the baseline', async () => {
    const r = await call(deps, 'moveLifecycle', {
      params: { programId },
      body: { step: 'ratificado', agreement: 'CVOE/003/21', date: '2021-01-21' },
      as: ADMIN,
    });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ratificado');
    expect(r.json.agreements.ratification).toEqual({
      id: 'CVOE/003/21',
      date: '2021-01-21',
      session: '1ª. sesión ordinaria de 2021',
    });
    expect(r.json.baseline).toMatchObject({
      date: '2021-01-21',
      agreement: 'CVOE/003/21',
      activities: seed.activities.length,
    });
    const view = await program();
    expect(view.status).toBe('ratificado');
    expect(view.details.lifecycle.baseline.activities).toEqual(
      seed.activities.map((a) => ({ id: a.id, months: [...a.months].sort((x, y) => x - y) })),
    );
    expect(view.variance).toEqual([]);
  });

  it("writes the status and both agreements on the document's cover", async () => {
    const r = await call(deps, 'getProgramDocument', { params: { programId }, as: VIEWER });
    expect(r.status).toBe(200);
    const xml = await (await JSZip.loadAsync(r.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Aprobado mediante el acuerdo CVOE/040/20 del 28 de septiembre de 2020');
    expect(text).toContain('Ratificado mediante el acuerdo CVOE/003/21 del 21 de enero de 2021');
    expect(text).toContain('Estado: Ratificado; línea base del 21 de enero de 2021.');
  });
});

describe('reprogramming a ratified plan', () => {
  const first = seed.activities.find((a) => a.id === MOVED)!;
  const from = Math.min(...first.months);
  const to = from - 1;

  it('refuses a plan change without its reason and agreement (409, saying what is missing), writing nothing', async () => {
    const before = await program();
    const r = await call(deps, 'putPlan', { params: { programId }, body: planWithMove(to) });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatch(/reprogramación/);
    expect(r.json.error).toMatch(/«reason»/);
    expect(r.json.error).toMatch(/«agreement»/);
    const after = await program();
    expect(after.activities).toEqual(before.activities);
    expect((await call(deps, 'listReprogrammings', { params: { programId } })).json).toEqual([]);
  });

  it('refuses a reprogramming with a blank agreement (400 naming the field)', async () => {
    const r = await call(deps, 'putPlan', {
      params: { programId },
      body: { ...planWithMove(to), reprogramming: { reason: 'Cambio de sede', agreement: '  ' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.reprogramming.agreement',
    ]);
  });

  it('takes the change with its reason and agreement, keeps it in history with who, and shows the variance', async () => {
    const r = await call(deps, 'putPlan', {
      params: { programId },
      body: {
        ...planWithMove(to),
        reprogramming: { reason: 'Cambio de sede del foro', agreement: 'CVOE/021/21' },
      },
      as: EDITOR,
    });
    expect(r.status).toBe(200);
    const history = await call(deps, 'listReprogrammings', { params: { programId }, as: VIEWER });
    expect(history.status).toBe(200);
    expect(history.json).toEqual([
      {
        at: expect.any(String),
        by: EDITOR.name,
        reason: 'Cambio de sede del foro',
        agreement: 'CVOE/021/21',
        changes: [
          { activityId: MOVED, kind: 'changed', moved: [{ from, to }], added: [], dropped: [] },
        ],
      },
    ]);
    const view = await program();
    expect(view.variance).toEqual([
      {
        activityId: MOVED,
        description: first.description,
        kind: 'changed',
        moved: [{ from, to }],
        added: [],
        dropped: [],
      },
    ]);
    expect(view.varianceTotals).toMatchObject({ monthsMoved: 1, activitiesAdded: 0 });
  });

  it('takes the same plan again without an agreement: nothing changes, nothing is recorded', async () => {
    const r = await call(deps, 'putPlan', { params: { programId }, body: planWithMove(to) });
    expect(r.status).toBe(200);
    expect(r.json.activitiesWritten).toBe(0);
    expect((await call(deps, 'listReprogrammings', { params: { programId } })).json).toHaveLength(
      1,
    );
  });
});

describe('the report to the Consejo General', () => {
  const period = '2021-T2';

  it('is a preview («preliminar», not frozen) before anyone freezes it', async () => {
    const r = await call(deps, 'getPeriodReport', { params: { programId, period }, as: VIEWER });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      period,
      label: 'segundo trimestre de 2021',
      firstMonth: 4,
      lastMonth: 6,
      frozen: null,
      status: 'ratificado',
      asOf: '2021-06-15',
    });
    expect(r.json.sessions.map((s: { date: string }) => s.date)).toEqual([
      '2021-04-29',
      '2021-05-27',
      '2021-06-24',
    ]);
    expect(r.json.sessions.map((s: { held: boolean }) => s.held)).toEqual([true, true, false]);
  });

  it('refuses a period of another year (400) and a viewer freezing it (403)', async () => {
    const other = await call(deps, 'getPeriodReport', { params: { programId, period: '2022-T1' } });
    expect(other.status).toBe(400);
    const viewer = await call(deps, 'freezePeriodReport', {
      params: { programId, period },
      body: {},
      as: VIEWER,
    });
    expect(viewer.status).toBe(403);
  });

  it('freezes it, and a status edited afterwards leaves the frozen report unchanged', async () => {
    const frozen = await call(deps, 'freezePeriodReport', {
      params: { programId, period },
      body: {},
      as: EDITOR,
    });
    expect(frozen.status).toBe(201);
    expect(frozen.json.frozen).toEqual({ at: '2021-06-15T17:00:00.000Z', by: EDITOR.name });
    const activity = (await program()).activities.find((a: { months: number[] }) =>
      a.months.includes(5),
    );
    const month = activity.statuses['5'];
    const edited = await call(deps, 'patchMonthStatus', {
      params: { programId, activityId: activity.id, month: '5' },
      body: { status: 'realizada', note: 'Hecho después de congelar' },
      headers: { 'if-match': month.etag },
    });
    expect(edited.status).toBe(200);
    const read = await call(deps, 'getPeriodReport', { params: { programId, period } });
    expect(read.json).toEqual(frozen.json);
    const again = await call(deps, 'freezePeriodReport', {
      params: { programId, period },
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatch(/ya se congeló/);
    const year = await call(deps, 'getPeriodReport', { params: { programId, period: '2021' } });
    expect(year.json.frozen).toBeNull();
    const row = year.json.axes
      .flatMap((a: { activities: unknown[] }) => a.activities)
      .find((a: { id: string }) => a.id === activity.id);
    expect(row.months.find((m: { month: number }) => m.month === 5).status).toBe('realizada');
    const list = await call(deps, 'listPeriodReports', { params: { programId } });
    expect(list.json).toEqual([{ period, frozenAt: frozen.json.frozen.at, frozenBy: EDITOR.name }]);
  });

  it('answers the frozen report as .docx and .xlsx', async () => {
    for (const [format, type] of [
      ['docx', 'wordprocessingml'],
      ['xlsx', 'spreadsheetml'],
    ] as const) {
      const r = await call(deps, 'getPeriodReport', {
        params: { programId, period },
        query: { format },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
      expect(r.bytes.subarray(0, 2).toString()).toBe('PK');
    }
  });
});

describe("next year's draft (admins)", () => {
  it('refuses an editor (403)', async () => {
    const r = await call(deps, 'draftNextYear', {
      params: { programId },
      body: { year: 2022, id: 'cvoe-2022' },
      as: EDITOR,
    });
    expect(r.status).toBe(403);
  });

  it('drafts 2022: same activities, every month pending, agreements to define, sessions by the 2021 rule with 2022 rest days', async () => {
    const r = await call(deps, 'draftNextYear', {
      params: { programId },
      body: { year: 2022, id: 'cvoe-2022' },
      as: ADMIN,
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      programId: 'cvoe-2022',
      year: 2022,
      from: programId,
      sessions: 12,
    });
    expect(r.json.differences.join('\n')).toMatch(
      /No se copiaron las fechas fijadas a mano en 2021/,
    );
    expect(r.json.differences.join('\n')).toMatch(/30 de septiembre de 2021/);

    const source = await program();
    const draft = (await call(deps, 'getProgram', { params: { programId: 'cvoe-2022' } })).json;
    expect(draft.status).toBe('borrador');
    expect(draft.title).toContain('2022');
    expect(draft.details.agreements.approval.id).toBe('Por definir');
    expect(draft.details.objectives).toEqual(source.details.objectives);
    expect(draft.activities.map((a: { id: string; months: number[] }) => [a.id, a.months])).toEqual(
      source.activities.map((a: { id: string; months: number[] }) => [a.id, a.months]),
    );
    for (const a of draft.activities)
      for (const s of Object.values(a.statuses) as { status: string }[])
        expect(s.status).toBe('pendiente');

    // The rule (Thursday of the last week, one week earlier off a rest day) worked out here by hand.
    const rest = new Set(statutoryRestDays(2022).map((d) => d.date));
    const expected = Array.from({ length: 12 }, (_, i) => {
      const last = new Date(Date.UTC(2022, i + 1, 0));
      const day = new Date(last);
      day.setUTCDate(last.getUTCDate() - ((last.getUTCDay() - 4 + 7) % 7));
      if (rest.has(day.toISOString().slice(0, 10))) day.setUTCDate(day.getUTCDate() - 7);
      return day.toISOString().slice(0, 10);
    });
    const sessions = (await call(deps, 'getSessions', { params: { programId: 'cvoe-2022' } })).json;
    expect(sessions.sessions.map((s: { date: string }) => s.date)).toEqual(expected);
    for (const date of expected) expect(rest.has(date)).toBe(false);

    const again = await call(deps, 'draftNextYear', {
      params: { programId },
      body: { year: 2022, id: 'cvoe-2022' },
      as: ADMIN,
    });
    expect(again.status).toBe(409);
  });

  it("writes the draft's document with its status on the cover and no agreement yet", async () => {
    const r = await call(deps, 'getProgramDocument', { params: { programId: 'cvoe-2022' } });
    const xml = await (await JSZip.loadAsync(r.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(
      'Estado: Borrador, para someterse a la aprobación de la Comisión en septiembre de 2021.',
    );
    expect(text).not.toContain('Aprobado mediante');
  });
});
