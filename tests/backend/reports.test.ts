/**
 * The session report, the calendar feed and the scheduled exports, through the routes and the
 * timer as the hosts run them, on Azurite (tables and blobs).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import JSZip from 'jszip';
import { Deps } from '../../backend/http/deps';
import { runScheduledExports } from '../../backend/services/exports';
import { seedProgramme } from '../../backend/services/seed';
import { ExportStore } from '../../backend/store/export-store';
import { Store } from '../../backend/store/store';
import { triggers } from '../../backend/triggers';
import { readWorkbookBuffer, ExcelJS } from '../../backend/xlsx/workbook';
import { loadSeedProgramme } from '../../seeds';
import { API } from '../../shared/api';
import { STATUS_LABELS, Status } from '../../shared/status';
import { VIEWER, call, depsFor, newStore } from '../helpers/server';

const P = { programId: 'cvoe-2021' };
const seed = loadSeedProgramme();
let deps: Deps;
let store: Store;

/** Statuses set through the API, as staff would: [activity, month, status, note?, evidence?]. */
const SET: [string, number, Status, string?, string?][] = [
  ['1.1', 1, 'realizada', 'Reunión con la Junta Local', 'https://iecm.mx/evidencia/1'],
  ['1.1', 2, 'realizada'],
  ['1.1', 3, 'en_proceso', 'Falta el acta'],
  ['2.1', 5, 'reprogramada', 'Se pasó a julio'],
  ['3.1', 6, 'cancelada'],
  ['4.1', 4, 'no_realizada'],
];

beforeAll(async () => {
  store = await newStore();
  await seedProgramme(store, seed);
  deps = depsFor(store);
  const program = (await call(deps, 'getProgram', { params: P })).json;
  for (const [activityId, month, status, note, evidence] of SET) {
    const etag = program.activities.find((a: { id: string }) => a.id === activityId).statuses[
      String(month)
    ].etag;
    const r = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId, month: String(month) },
      headers: { 'if-match': etag },
      body: { status, ...(note ? { note } : {}), ...(evidence ? { evidence } : {}) },
    });
    expect(r.status).toBe(200);
  }
});

describe('the session report', () => {
  it('for the June session: every activity planned through June, month by month, against the data', async () => {
    const r = await call(deps, 'getSessionReport', { params: { ...P, number: '6' }, as: VIEWER });
    expect(r.status).toBe(200);
    const report = API.getSessionReport.response.parse(r.json);
    expect(report.session).toMatchObject({ number: 6, date: '2021-06-24', label: '6ª. Ordinaria' });
    expect(report.throughMonth).toBe(6);
    const set = new Map(
      SET.map(([a, m, s, note, evidence]) => [`${a}|${m}`, { s, note, evidence }]),
    );
    const planned = seed.activities.filter((a) => a.months.some((m) => m <= 6));
    expect(report.axes.flatMap((x) => x.activities.map((a) => a.id))).toEqual(
      planned.map((a) => a.id),
    );
    let overdue = 0;
    for (const axis of report.axes)
      for (const a of axis.activities) {
        const source = seed.activities.find((x) => x.id === a.id)!;
        expect(a.description).toBe(source.description);
        expect(a.months.map((m) => m.month)).toEqual(source.months.filter((m) => m <= 6));
        for (const m of a.months) {
          const given = set.get(`${a.id}|${m.month}`);
          expect(m.status).toBe(given?.s ?? 'pendiente');
          expect(m.note).toBe(given?.note);
          expect(m.evidence).toBe(given?.evidence);
          // Closed before 24 June and nothing reported: overdue (January to May).
          expect(m.overdue).toBe(!given && m.month <= 5);
          if (m.overdue) overdue++;
        }
        expect(a.totals.planned).toBe(a.months.length);
      }
    expect(report.totals).toMatchObject({
      planned: planned.reduce((n, a) => n + a.months.filter((m) => m <= 6).length, 0),
      done: 2,
      inProgress: 1,
      rescheduled: 1,
      cancelled: 1,
      notDone: 1,
      overdue,
    });
    expect(report.axes.reduce((n, x) => n + x.totals.planned, 0)).toBe(report.totals.planned);
  });

  it('as CSV, one row per activity with its ID first, and as a workbook with one page per axis', async () => {
    const json = API.getSessionReport.response.parse(
      (await call(deps, 'getSessionReport', { params: { ...P, number: '6' } })).json,
    );
    const csv = await call(deps, 'getSessionReport', {
      params: { ...P, number: '6' },
      query: { format: 'csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(csv.bytes.toString('utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const activities = json.axes.flatMap((x) => x.activities);
    expect(rows.map((r) => r.ID)).toEqual(activities.map((a) => a.id));
    expect(Object.keys(rows[0]!)[0]).toBe('ID');
    const row11 = rows.find((r) => r.ID === '1.1')!;
    expect([row11.Ene, row11.Feb, row11.Mar]).toEqual(['Realizada', 'Realizada', 'En proceso']);
    expect(row11.Notas).toContain('Reunión con la Junta Local');
    expect(row11.Evidencias).toContain('https://iecm.mx/evidencia/1');

    const xlsx = await call(deps, 'getSessionReport', {
      params: { ...P, number: '6' },
      query: { format: 'xlsx' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Informe de seguimiento')!;
    expect(sheet.pageSetup.printTitlesRow).toBe('4:4');
    const ids: string[] = [];
    sheet.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'string' && /^\d+\.\d+$/.test(first)) {
        ids.push(first);
        const source = activities.find((a) => a.id === first)!;
        for (const m of source.months)
          expect(row.getCell(2 + m.month).value).toBe(
            m.overdue ? 'Vencido' : STATUS_LABELS[m.status],
          );
      }
    });
    expect(ids).toEqual(activities.map((a) => a.id));
    // exceljs writes page breaks but does not read them back: count them in the sheet's XML.
    const zip = await JSZip.loadAsync(xlsx.bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const breaks = xml.match(/<brk /g)?.length ?? 0;
    expect(breaks).toBe(json.axes.length - 1);
  });

  it('answers 404 for a session the calendar does not have, and 400 for a bad format', async () => {
    expect((await call(deps, 'getSessionReport', { params: { ...P, number: '40' } })).status).toBe(
      404,
    );
    expect(
      (
        await call(deps, 'getSessionReport', {
          params: { ...P, number: '6' },
          query: { format: 'pdf' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('the calendar feed', () => {
  it('is a URL an editor makes, that answers the .ics with no other credential, reflects reschedulings and is gone once revoked', async () => {
    const made = await call(deps, 'createCalendarFeed', { params: P });
    expect(made.status).toBe(201);
    const { id, url } = API.createCalendarFeed.response.parse(made.json);
    const token = /\/api\/feeds\/([^/]+)\/calendario\.ics$/.exec(url)![1]!;
    expect(token).toHaveLength(43);
    const feed = () => call(deps, 'getCalendarFeed', { params: { token }, as: null });
    const first = await feed();
    expect(first.status).toBe(200);
    const events = new ICAL.Component(ICAL.parse(first.bytes.toString('utf8'))).getAllSubcomponents(
      'vevent',
    );
    expect(events).toHaveLength(12);

    const moved = await call(deps, 'patchSession', {
      params: { ...P, number: '3' },
      body: { date: '2021-03-18', reason: 'Sesión del Consejo General' },
    });
    expect(moved.status).toBe(200);
    const march = new ICAL.Component(ICAL.parse((await feed()).bytes.toString('utf8')))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .find((e) => e.summary.includes('3ª'))!;
    expect(march.startDate.toString()).toContain('2021-03-18');
    expect(march.sequence).toBe(1);

    const listed = API.listCalendarFeeds.response.parse(
      (await call(deps, 'listCalendarFeeds', { params: P })).json,
    );
    expect(listed.map((f) => f.id)).toContain(id);
    expect((await call(deps, 'revokeCalendarFeed', { params: { ...P, feed: token } })).status).toBe(
      204,
    );
    expect((await feed()).status).toBe(404);
    expect((await call(deps, 'revokeCalendarFeed', { params: { ...P, feed: id } })).status).toBe(
      404,
    );
  });

  it('refuses a viewer who tries to make one, and a made-up token', async () => {
    expect((await call(deps, 'createCalendarFeed', { params: P, as: VIEWER })).status).toBe(403);
    expect(
      (await call(deps, 'getCalendarFeed', { params: { token: 'x'.repeat(43) }, as: null })).status,
    ).toBe(404);
  });
});

describe('scheduled exports', () => {
  const at = (iso: string) => new Date(iso);
  const settings = { schedule: '0 0 12 * * *', retentionDays: 3, reportDaysBefore: 7 };

  it('are the timer of the trigger table, on the configured schedule', () => {
    const [timer] = triggers({
      ...deps,
      exportSettings: { ...settings, schedule: '0 30 11 * * 1-5' },
    }).timers;
    expect(timer).toMatchObject({ name: 'scheduledExports', schedule: '0 30 11 * * 1-5' });
  });

  it('write the day’s set once however often they run, with the report when a session is a week away', async () => {
    // 2021-06-18 in Mexico City: the 6th ordinary session (24 June) is 6 days away.
    const [first] = await runScheduledExports(store, settings, at('2021-06-18T12:00:00Z'));
    expect(first!.files).toEqual([
      'programa-cvoe-2021.xlsx',
      'actividades-cvoe-2021.csv',
      'sesiones-cvoe-2021.csv',
      'informe-sesion-06-cvoe-2021.xlsx',
      'informe-sesion-06-cvoe-2021.csv',
    ]);
    await runScheduledExports(store, settings, at('2021-06-18T18:00:00Z'));
    const list = API.listExports.response.parse(
      (await call(deps, 'listExports', { params: P })).json,
    );
    expect(list.exports.map((e) => `${e.date}/${e.name}`)).toEqual(
      first!.files.map((f) => `2021-06-18/${f}`),
    );
    const download = await call(deps, 'getExport', {
      params: { ...P, date: '2021-06-18', name: 'programa-cvoe-2021.xlsx' },
      as: VIEWER,
    });
    expect(download.status).toBe(200);
    const sheets = await readWorkbookBuffer(download.bytes);
    expect(sheets.map((s) => s.name)).toEqual([
      'Cronograma 2021',
      'Calendario de sesiones',
      'Resumen por eje',
    ]);
    // A day with no session near: no report.
    const [quiet] = await runScheduledExports(store, settings, at('2021-06-05T12:00:00Z'));
    expect(quiet!.files).toHaveLength(3);
  });

  it('leave the previous complete set visible when a run fails midway', async () => {
    const before = (await store.exports.list('cvoe-2021')).filter((e) => e.date === '2021-06-18');
    const original = ExportStore.prototype.publish;
    const failing = jest.spyOn(ExportStore.prototype, 'publish').mockImplementation(async function (
      this: ExportStore,
      programId,
      date,
      files,
      actor,
    ) {
      async function* brokenAfterTwo() {
        let n = 0;
        for await (const f of files) {
          if (++n === 3) throw new Error('el almacenamiento dejó de responder');
          yield f;
        }
      }
      return original.call(this, programId, date, brokenAfterTwo(), actor);
    });
    await expect(runScheduledExports(store, settings, at('2021-06-18T20:00:00Z'))).rejects.toThrow(
      'dejó de responder',
    );
    failing.mockRestore();
    const after = (await store.exports.list('cvoe-2021')).filter((e) => e.date === '2021-06-18');
    expect(after).toEqual(before);
    const body = await store.exports.read('cvoe-2021', '2021-06-18', 'actividades-cvoe-2021.csv');
    expect(body.body.toString('utf8')).toContain('1.1');
  });

  it('forget the sets older than the retention', async () => {
    await runScheduledExports(store, settings, at('2021-06-21T12:00:00Z'));
    // The published set names its publisher: the schedule.
    const row = await store.tables.clients.exports.getEntity<{ publishedBy: string }>(
      'cvoe-2021',
      '2021-06-21',
    );
    expect(row.publishedBy).toBe('exportación programada');
    const dates = [...new Set((await store.exports.list('cvoe-2021')).map((e) => e.date))];
    // Kept: 19, 20, 21 June (3 days); the 5th and the 18th are gone, files and all.
    expect(dates).toEqual(['2021-06-21']);
    await expect(
      store.exports.read('cvoe-2021', '2021-06-18', 'programa-cvoe-2021.xlsx'),
    ).rejects.toThrow();
  });
});

describe('revalidation', () => {
  it('sends an ETag with every JSON read and answers 304 when it has not changed', async () => {
    for (const name of ['getProgram', 'listExports', 'history'] as const) {
      const first = await call(deps, name, { params: P, as: VIEWER });
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      const again = await call(deps, name, {
        params: P,
        as: VIEWER,
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      expect(again.bytes).toHaveLength(0);
    }
  });
});
