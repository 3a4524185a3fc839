/**
 * Workbooks are written off the request thread, a few at a time, once per programme version:
 * twelve viewers asking for one big report get one file written once; more jobs than the queue
 * holds are told to come back (503 with Retry-After), never piled up. The worker thread is the
 * compiled one (`npm run build`), as the hosts run it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createAccess } from '../../backend/http/access';
import { toHttpHandler } from '../../backend/http/route';
import { seedProgramme } from '../../backend/services/seed';
import { upsertPlan } from '../../backend/services/upsert-plan';
import { ExcelJS } from '../../backend/xlsx/workbook';
import { RenderPool, renderer } from '../../backend/xlsx/render-pool';
import { RenderBusyError } from '../../backend/errors';
import { RenderJob } from '../../backend/xlsx/render-jobs';
import { generateCalendar } from '../../shared/calendar/calendar';
import { sessionReport } from '../../shared/report/session-report';
import { loadSeedProgramme } from '../../seeds';
import { VIEWER, call, depsFor, newStore } from '../helpers/server';

const WORKER = path.join(
  __dirname,
  '..',
  '..',
  'dist',
  'backend',
  'xlsx',
  'workers',
  'render-worker.js',
);

/** A report of `activities` activities, each planned all year, half of them done. */
function bigReportJob(activities: number): RenderJob {
  const axes = Array.from({ length: 6 }, (_, i) => ({ number: i + 1, name: `Eje ${i + 1}` }));
  const view = {
    id: 'grande',
    year: 2021,
    title: 'Programa grande',
    axes,
    details: { commission: { acronym: 'CVOE' } },
    activities: Array.from({ length: activities }, (_, i) => {
      const axis = (i % 6) + 1;
      return {
        id: `${axis}.${Math.floor(i / 6) + 1}`,
        axis,
        description: `Actividad ${i + 1}: ${'descripción '.repeat(12)}`,
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        responsibleArea: 'UTVOE',
        statuses: Object.fromEntries(
          [1, 2, 3, 4, 5, 6].map((m) => [
            String(m),
            {
              status: m % 2 ? 'realizada' : 'pendiente',
              updatedBy: 'x',
              updatedAt: 'x',
              etag: 'x',
            },
          ]),
        ),
      };
    }),
  };
  const calendar = generateCalendar({ year: 2021, weekday: 4, week: 'last' });
  return {
    kind: 'session-report',
    report: sessionReport(view as never, calendar, 6),
    commission: 'CVOE',
  };
}

describe('the render pool', () => {
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error('Compile first (npm run build): no render worker.');
  });

  it('writes twelve big reports in its worker thread, never more at once than its size', async () => {
    const pool = new RenderPool({ size: 1, workerScript: WORKER });
    try {
      const job = bigReportJob(1000);
      const files = await Promise.all(Array.from({ length: 12 }, () => pool.render(job)));
      expect(pool.done).toEqual({ worker: 12, inline: 0 });
      expect(pool.peak).toBe(1);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(files[0]!) as unknown as ArrayBuffer);
      // One printed page per axis: its rows are the activities (plus the headers).
      expect(workbook.worksheets[0]!.rowCount).toBeGreaterThan(1000);
      // Each a whole workbook (exceljs stamps the time it was written, so the bytes differ).
      for (const f of files) expect(Buffer.from(f).subarray(0, 2).toString()).toBe('PK');
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('refuses what its queue cannot hold, and keeps working for the rest', async () => {
    const pool = new RenderPool({ size: 1, maxQueued: 2, workerScript: WORKER });
    try {
      const job = bigReportJob(50);
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => pool.render(job)));
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
      ]);
      expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(RenderBusyError);
      expect((await pool.render(job)).byteLength).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a job that fails fails alone: the next one is written', async () => {
    const pool = new RenderPool({ size: 1, workerScript: WORKER });
    try {
      await expect(
        pool.render({ kind: 'session-report', report: {} as never, commission: 'CVOE' }),
      ).rejects.toThrow(/No se pudo generar el documento/);
      expect((await pool.render(bigReportJob(10))).byteLength).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('through the API', () => {
  it('twelve viewers asking at once for the same report share one file, written once', async () => {
    const store = await newStore();
    await seedProgramme(store, loadSeedProgramme());
    const deps = depsFor(store);
    const before = renderer.done.worker + renderer.done.inline;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(deps, 'getSessionReport', {
          params: { programId: 'cvoe-2021', number: '6' },
          query: { format: 'xlsx' },
          as: VIEWER,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((a) => a.bytes.toString('base64'))).size).toBe(1);
    expect(renderer.done.worker + renderer.done.inline - before).toBe(1);
    // A write makes a new version: the next report is written again.
    await upsertPlan(
      store,
      'cvoe-2021',
      { ...loadSeedProgramme(), title: 'Otro título' } as never,
      { name: 'prueba' },
    );
    const again = await call(deps, 'getSessionReport', {
      params: { programId: 'cvoe-2021', number: '6' },
      query: { format: 'xlsx' },
      as: VIEWER,
    });
    expect(again.status).toBe(200);
    expect(renderer.done.worker + renderer.done.inline - before).toBe(2);
  });

  it('answers 503 with Retry-After when the pool is full, in Spanish', async () => {
    const store = await newStore();
    const route = {
      name: 'ocupado',
      methods: ['GET' as const],
      route: 'api/ocupado',
      role: null,
      access: createAccess({ store, trustClientPrincipal: true }),
      handler: async () => {
        throw new RenderBusyError();
      },
    };
    const response = await toHttpHandler(route)(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/ocupado' }),
      new InvocationContext({ logHandler: () => undefined }),
    );
    expect(response.status).toBe(503);
    expect(new Headers(response.headers as HeadersInit).get('retry-after')).toBe('10');
    expect((response as { jsonBody?: unknown }).jsonBody).toEqual({
      error:
        'El servidor está generando muchos documentos a la vez. Vuelva a intentar en unos segundos.',
    });
  });
});
