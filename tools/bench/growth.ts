/**
 * Growth: the same four operations at 500 and at 2,000 activities (12 months each), through the
 * dev host over HTTP, on an Azurite of its own (a separate process): create the plan (PUT /plan),
 * sync 1,200 changes (POST /sync), read the programme cold (GET /api/programs/{id} on a fresh
 * snapshot), and the 6th session's report as CSV (cold too). For each: the time at both sizes and
 * their ratio (4× is linear), storage requests and their ratio, the slowest storage request, and
 * whose CPU it was — this process (the dev host and its handlers) or Azurite's (read from
 * /proc/<pid>/stat). The pure steps (plan diff, the report, its CSV, bringing the plan into a
 * sheet, the year's report to the Consejo General with its variance, one area's reminder months)
 * are also timed alone, with no storage at all.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Store } from '../../backend/store/store';
import { PlanInput, diffPlan } from '../../backend/services/plan-diff';

import { freePort, startAzurite } from '../dev/azurite';
import { createDevServer, listen } from '../dev/dev-server';
import { createBackend, settingsFromEnv } from '../../backend';
import { generateCalendar } from '../../shared/calendar/calendar';
import { sessionReport } from '../../shared/report/session-report';
import { sessionReportCsv } from '../../shared/report/formats';
import { parsePeriod, periodReport } from '../../shared/report/period-report';
import { dueMonths } from '../../shared/reminders';
import { planCatchUp } from '../../shared/cronograma/catch-up';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { readCronograma } from '../../shared/cronograma/reader';
import { Month } from '../../shared/months';

const SIZES = [500, 2000] as const;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as Month[];
const SYNC_CHANGES = 1200;
const WARM_UP = 120;
const SESSION = 6;

/** `activities` activities over 10 axes, each planned in every month. */
export function planOf(activities: number): PlanInput {
  const axes = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: `Eje ${i + 1}` }));
  return {
    year: 2021,
    axes,
    activities: Array.from({ length: activities }, (_, i) => ({
      id: `${(i % 10) + 1}.${Math.floor(i / 10) + 1}`,
      axis: (i % 10) + 1,
      description: `Actividad ${i + 1}: descripción de la actividad tal como la escribe el área`,
      months: MONTHS,
    })),
  };
}

/** CPU time (user + system) of another process, in ms, from /proc (Linux). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Step {
  ms: number;
  requests: number;
  /** The slowest single storage request of the step. */
  slowestMs: number;
  ourCpuMs: number;
  azuriteCpuMs: number;
  /** Each transaction's time, in order. */
  transactions: number[];
}

/** Times every storage request of a store (the request counter's policy runs for each one). */
function timeRequests(store: Store) {
  const policy = store.tables.counter.policy;
  const send = policy.sendRequest.bind(policy);
  let slowest = 0;
  let transactions: number[] = [];
  policy.sendRequest = async (request, next) => {
    const start = performance.now();
    try {
      return await send(request, next);
    } finally {
      const ms = performance.now() - start;
      slowest = Math.max(slowest, ms);
      if (request.method === 'POST' && request.url.includes('$batch')) transactions.push(ms);
    }
  };
  return {
    slowest: () => slowest,
    /** The durations of the transactions since the last reset, in order. */
    transactions: () => transactions,
    reset: () => {
      slowest = 0;
      transactions = [];
    },
  };
}

async function step(
  store: Store,
  azuritePid: number,
  requestTimes: ReturnType<typeof timeRequests>,
  work: () => Promise<void>,
): Promise<Step> {
  requestTimes.reset();
  const requests = store.requestCount;
  const ours = ownCpu();
  const theirs = cpuOf(azuritePid);
  const start = performance.now();
  await work();
  return {
    ms: performance.now() - start,
    requests: store.requestCount - requests,
    slowestMs: requestTimes.slowest(),
    ourCpuMs: ownCpu() - ours,
    azuriteCpuMs: cpuOf(azuritePid) - theirs,
    transactions: requestTimes.transactions(),
  };
}

async function call(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text;
}

/** The pure steps alone, on records shaped as storage gives them (no storage, no HTTP). */
export function pureSteps(activities: number): Record<string, number> {
  const plan = planOf(activities);
  // The best of three runs: the figure is the code's, not a collection's that happened to fall in it.
  const time = <T>(work: () => T): [number, T] => {
    let best = Infinity;
    let result: T | undefined;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      result = work();
      best = Math.min(best, performance.now() - start);
    }
    return [best, result as T];
  };
  const [diffMs] = time(() => diffPlan([], [], plan));
  // The programme as the API gives it (its view is built inside the backend: the requests' CPU
  // figures above include it), each month `pendiente` or, one in three, `realizada`.
  const view = {
    id: 'p',
    year: plan.year,
    axes: plan.axes,
    activities: plan.activities.map((a, i) => ({
      ...a,
      statuses: Object.fromEntries(
        a.months.map((m) => [
          String(m),
          {
            status: (i + m) % 3 === 0 ? ('realizada' as const) : ('pendiente' as const),
            updatedBy: 'bench',
            updatedAt: '2021-01-01T00:00:00.000Z',
          },
        ]),
      ),
    })),
  };
  const [reportMs, report] = time(() =>
    sessionReport(view, generateCalendar({ year: 2021 }), SESSION),
  );
  const [csvMs] = time(() => sessionReportCsv(report));
  // «Traer el plan del servidor» into a sheet of one activity per axis: every other one is a new row.
  const grid = layoutCronograma(
    { ...plan, activities: plan.activities.slice(0, plan.axes.length) },
    { idColumn: true },
  );
  const read = readCronograma(grid);
  if (!read.ok) throw new Error(read.message);
  const [catchUpMs] = time(() => planCatchUp({ read: read.cronograma, grid, server: view }));
  // The year's report to the Consejo General, against a baseline where every tenth activity had
  // another month (its variance), and a reminder's months for one area of ten.
  const baseline = plan.activities.map((a, i) => ({
    id: a.id,
    months: i % 10 === 0 ? a.months.slice(1) : a.months,
  }));
  const statusEtags = view.activities.map((a) => ({
    ...a,
    responsibleArea: `Área ${a.axis}`,
    statuses: Object.fromEntries(
      Object.entries(a.statuses).map(([m, st]) => [m, { ...st, etag: 'e' }]),
    ),
  }));
  const [yearReportMs] = time(() =>
    periodReport({
      programme: {
        ...view,
        title: 'Programa',
        activities: statusEtags,
        details: {
          commission: { name: 'Comisión', acronym: 'CVOE', members: [] },
          agreements: {
            approval: { id: 'A', date: '2020-09-28', session: 's' },
            ratification: { id: 'R', date: '2021-01-21', session: 's' },
          },
          lifecycle: {
            status: 'ratificado',
            baseline: { date: '2021-01-21', agreement: 'R', frozenAt: '', activities: baseline },
          },
        },
      },
      retired: [],
      sessions: generateCalendar({ year: 2021 }).sessions,
      period: parsePeriod('2021')!,
      asOf: '2021-12-31',
      frozen: null,
    }),
  );
  const [dueMs] = time(() =>
    dueMonths({ year: 2021, activities: statusEtags }, ['Área 1'], '2021-06-17'),
  );
  return {
    diff_ms: diffMs,
    report_ms: reportMs,
    csv_ms: csvMs,
    catch_up_ms: catchUpMs,
    year_report_ms: yearReportMs,
    due_months_ms: dueMs,
  };
}

async function runSize(
  activities: number,
  connectionString: string,
  azuritePid: number,
): Promise<Record<string, Step>> {
  const settings = settingsFromEnv({
    PAT_STORAGE_CONNECTION_STRING: connectionString,
    // Its own tables: the other size's entities are not in them.
    PAT_TABLE_PREFIX: `g${activities}${randomBytes(3).toString('hex')}`,
    PAT_STORAGE_TIMEOUT_MS: '30000',
  });
  const store = new Store(settings.storage);
  const backend = createBackend(settings, { host: 'dev', store });
  const requestTimes = timeRequests(store);
  const server = createDevServer({
    routes: backend.triggers.http,
    devPrincipal: { name: 'bench@localhost', roles: ['viewer', 'editor', 'admin'] },
    log: () => undefined,
  });
  await store.ensureTables();
  await listen(server, 0);
  try {
    const programId = `crecimiento-${activities}`;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/programs/${programId}`;
    const json = { 'Content-Type': 'application/json' };
    const measure = (work: () => Promise<void>) => step(store, azuritePid, requestTimes, work);

    const plan = await measure(async () => {
      await call(`${base}/plan`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify(planOf(activities)),
      });
    });
    await store.calendars.save(programId, generateCalendar({ year: 2021 }), { name: 'bench' });

    // 1,200 months spread over the whole programme, each over the ETag the client holds.
    const statuses = await store.statuses.list(programId);
    const every = Math.floor(statuses.length / SYNC_CHANGES);
    const changes = Array.from({ length: SYNC_CHANGES }, (_, i) => statuses[i * every]!).map(
      (s) => ({ activityId: s.activityId, month: s.month, status: 'realizada', baseEtag: s.etag }),
    );
    const sync = await measure(async () => {
      const answer = JSON.parse(
        await call(`${base}/sync`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ idempotencyKey: `crecimiento-${activities}-sync`, changes }),
        }),
      ) as { applied: unknown[] };
      if (answer.applied.length !== SYNC_CHANGES)
        throw new Error(`la sincronización aplicó ${answer.applied.length}`);
    });
    // The sync's write left the snapshot behind: this read scans the partition again.
    const program = await measure(async () => {
      await call(base, { headers: { 'Accept-Encoding': 'br, gzip' } });
    });
    // Cold as well: as after another write, a new version read and a new scan.
    store.snapshots.noteWrite(programId);
    const csv = await measure(async () => {
      await call(`${base}/sessions/${SESSION}/report?format=csv`);
    });
    if (activities === SIZES[1]) heavy = await heavyReports(`${base}/sessions`);
    return { plan, sync, program, csv };
  } finally {
    server.close();
  }
}

/** What twelve concurrent report workbooks do to the host: filled by the large size's run. */
let heavy: Record<string, number> = {};

/**
 * Twelve viewers each asking for another session's report workbook at once (twelve workbooks to
 * write), while a health check asks again as soon as it is answered: its latency then against idle,
 * and the process's memory, show whether writing workbooks starves other requests.
 */
async function heavyReports(sessions: string): Promise<Record<string, number>> {
  const health = sessions.replace(/\/api\/programs\/.*$/, '/api/health');
  const timeOne = async () => {
    const t = performance.now();
    await call(health);
    return performance.now() - t;
  };
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await timeOne());
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const during: number[] = [];
  let done = false;
  const started = performance.now();
  const reports = Promise.all(
    Array.from({ length: 12 }, (_, i) => call(`${sessions}/${i + 1}/report?format=xlsx`)),
  ).finally(() => (done = true));
  while (!done) {
    during.push(await timeOne());
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  await reports;
  const allMs = performance.now() - started;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pct = (xs: number[], p: number) =>
    sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  return {
    reports_12_ms: Math.round(allMs),
    health_idle_p50_ms: Math.round(pct(idle, 0.5)),
    health_during_p50_ms: Math.round(pct(during, 0.5)),
    health_during_max_ms: Math.round(Math.max(...during)),
    health_during_checks: during.length,
    rss_before_mb: Math.round(rssBefore / 1e6),
    rss_peak_mb: Math.round(rssPeak / 1e6),
  };
}

const ratio = (a: number, b: number) => Number((b / Math.max(a, 0.001)).toFixed(1));

export async function runGrowthBench(): Promise<Record<string, number>> {
  const azurite = await startAzurite({
    blobPort: await freePort(),
    tablePort: await freePort(),
    queuePort: await freePort(),
  });
  const out: Record<string, number> = {};
  try {
    const pid = azurite.process.pid!;
    // A small programme first, not reported: the code is compiled by then for both sizes alike.
    await runSize(WARM_UP, azurite.connectionString, pid);
    const [small, large] = [
      await runSize(SIZES[0], azurite.connectionString, pid),
      await runSize(SIZES[1], azurite.connectionString, pid),
    ];
    pureSteps(SIZES[0]); // warms the code up: the figures kept are the second run's
    const pure = SIZES.map(pureSteps);
    const labels: Record<string, string> = {
      plan: 'crear el plan (PUT /plan)',
      sync: `sincronizar ${SYNC_CHANGES.toLocaleString('es-MX')} cambios`,
      program: 'leer el programa (en frío)',
      csv: `informe de la sesión ${SESSION}, CSV (en frío)`,
    };
    console.log(
      `Crecimiento: ${SIZES[0]} → ${SIZES[1].toLocaleString('es-MX')} actividades × 12 meses (razón 4× = lineal), dev host + Azurite en su propio proceso`,
    );
    console.log(
      `  ${'operación'.padEnd(38)} ${'500'.padStart(8)} ${'2,000'.padStart(8)}  razón   solicitudes (razón)   la más lenta   CPU nuestra / Azurite (a 2,000)`,
    );
    for (const what of Object.keys(labels)) {
      const a = small[what]!;
      const b = large[what]!;
      const cpu = b.ourCpuMs + b.azuriteCpuMs;
      console.log(
        `  ${labels[what]!.padEnd(38)} ${`${Math.round(a.ms)} ms`.padStart(8)} ${`${Math.round(b.ms)} ms`.padStart(8)}  ${`${ratio(a.ms, b.ms)}×`.padStart(5)}   ${`${a.requests} → ${b.requests} (${ratio(a.requests, b.requests)}×)`.padEnd(20)}  ${`${Math.round(b.slowestMs)} ms`.padStart(8)}      ${Math.round(b.ourCpuMs)} ms (${Math.round((100 * b.ourCpuMs) / cpu)} %) / ${Math.round(b.azuriteCpuMs)} ms (${Math.round((100 * b.azuriteCpuMs) / cpu)} %)`,
      );
      for (const [size, s] of [
        [SIZES[0], a],
        [SIZES[1], b],
      ] as const) {
        out[`${what}_${size}_ms`] = Math.round(s.ms);
        out[`${what}_${size}_requests`] = s.requests;
        out[`${what}_${size}_slowest_request_ms`] = Math.round(s.slowestMs);
        out[`${what}_${size}_our_cpu_ms`] = Math.round(s.ourCpuMs);
        out[`${what}_${size}_azurite_cpu_ms`] = Math.round(s.azuriteCpuMs);
      }
      out[`${what}_ratio`] = ratio(a.ms, b.ms);
      out[`${what}_requests_ratio`] = ratio(a.requests, b.requests);
      out[`${what}_our_cpu_ratio`] = ratio(a.ourCpuMs, b.ourCpuMs);
      out[`${what}_azurite_cpu_ratio`] = ratio(a.azuriteCpuMs, b.azuriteCpuMs);
    }
    // Azurite's own growth: the same transaction costs more as the partition it writes grows.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const statusTransactions = (size: number, s: Step) =>
      s.transactions.slice(Math.ceil(size / 100));
    const [planSmall, planLarge] = [
      statusTransactions(SIZES[0], small.plan!),
      statusTransactions(SIZES[1], large.plan!),
    ];
    const tx = {
      plan_first10_ms: mean(planLarge.slice(0, 10)),
      plan_last10_500_ms: mean(planSmall.slice(-10)),
      plan_last10_2000_ms: mean(planLarge.slice(-10)),
      sync_500_ms: mean(small.sync!.transactions),
      sync_2000_ms: mean(large.sync!.transactions),
    };
    for (const [k, v] of Object.entries(tx)) out[`transaction_${k}`] = Math.round(v);
    console.log(
      `  una transacción de 100 creaciones de estatus (PUT /plan): ${Math.round(tx.plan_first10_ms)} ms con la partición vacía, ${Math.round(tx.plan_last10_500_ms)} ms al llegar a ${(12 * SIZES[0]).toLocaleString('es-MX')} entidades, ${Math.round(tx.plan_last10_2000_ms)} ms al llegar a ${(12 * SIZES[1]).toLocaleString('es-MX')}`,
    );
    console.log(
      `  una transacción de la sincronización (50 estatus + 50 filas de historial): ${Math.round(tx.sync_500_ms)} ms a ${SIZES[0]} actividades, ${Math.round(tx.sync_2000_ms)} ms a ${SIZES[1].toLocaleString('es-MX')} (${ratio(tx.sync_500_ms, tx.sync_2000_ms)}×; el mismo trabajo)`,
    );
    for (const [k, v] of Object.entries(heavy)) out[`heavy_${k}`] = v;
    console.log(
      `  12 informes .xlsx a la vez de ${SIZES[1].toLocaleString('es-MX')} actividades (hilo de trabajo): ${heavy.reports_12_ms} ms en total; /api/health mientras tanto p50 ${heavy.health_during_p50_ms} ms, máx. ${heavy.health_during_max_ms} ms (${heavy.health_during_checks} consultas; en reposo p50 ${heavy.health_idle_p50_ms} ms); memoria del host ${heavy.rss_before_mb} → ${heavy.rss_peak_mb} MB`,
    );
    const steps = Object.keys(pure[0]!);
    console.log(
      `  pasos puros, sin almacenamiento (500 → 2,000): ${steps
        .map((k) => {
          const [a, b] = [pure[0]![k]!, pure[1]![k]!];
          out[`pure_${k.replace(/_ms$/, '')}_500_ms`] = Number(a.toFixed(1));
          out[`pure_${k.replace(/_ms$/, '')}_2000_ms`] = Number(b.toFixed(1));
          return `${k.replace(/_ms$/, '')} ${a.toFixed(0)} → ${b.toFixed(0)} ms`;
        })
        .join(', ')}`,
    );
    return out;
  } finally {
    await azurite.stop();
  }
}
