/**
 * Reads under load: 50 clients for 10 s each on the programme (`GET /api/programs/{id}`, 1,000
 * activities) and on the dashboard's session report, through the dev host over a real Azurite,
 * first with nothing writing and then while a sync of thousands of changes runs. Reports
 * requests/s, p50/p95/p99 latency and errors (non-2xx and socket errors).
 */
import { Store } from '../../backend/store/store';
import { diffPlan } from '../../backend/services/plan-diff';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { freePort, startAzurite } from '../dev/azurite';
import { createDevServer, listen } from '../dev/dev-server';
import { createBackend, settingsFromEnv } from '../../backend';
import { generateCalendar } from '../../shared/calendar/calendar';
import { loadSeedProgramme } from '../../seeds';
import { bigPlan, syncMonths } from './storage';

const CLIENTS = 50;
const SECONDS = 10;
const PROGRAM = 'lecturas-2021';
/** Months of the plan a running sync changes: enough work to outlast both loaded runs. */
const SYNC_MONTHS = 4;

import type { LoadRun } from './load-client';

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
}

/** Load generators: autocannon spends a core parsing 74 KB answers, so the clients are shared among two processes. */
const GENERATORS = 2;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * `CLIENTS` connections for `SECONDS` on one URL, from processes of their own (load-client.ts):
 * the load generators' work stays off the server's event loop, as it would be on other machines.
 */
async function load(url: string): Promise<LoadResult> {
  const runs = await Promise.all(
    Array.from({ length: GENERATORS }, () => generate(url, CLIENTS / GENERATORS)),
  );
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  return {
    rps: Math.round(requests / SECONDS),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p95: Number(percentile(latencies, 95).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    requests,
  };
}

function generate(url: string, connections: number): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(__dirname, 'load-client.js'), url, String(connections), String(SECONDS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadRun)
        : reject(new Error(`el generador de carga terminó con ${code}`)),
    );
  });
}

function print(label: string, r: LoadResult): void {
  console.log(
    `  ${label.padEnd(34)} ${String(r.rps).padStart(6)} sol/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  errores ${r.errors}/${r.requests}`,
  );
}

export async function runReadsBench(): Promise<Record<string, number>> {
  const azurite = await startAzurite({
    blobPort: await freePort(),
    tablePort: await freePort(),
    queuePort: await freePort(),
  });
  // Azurite stands in for Azure's storage, which runs on machines of its own: on this 2-core
  // machine it yields the CPU to the app and the clients, so the figures are the app's.
  setPriority(azurite.process.pid!, 10);
  const settings = settingsFromEnv({
    PAT_STORAGE_CONNECTION_STRING: azurite.connectionString,
    PAT_TABLE_PREFIX: `r${randomBytes(4).toString('hex')}`,
    PAT_STORAGE_TIMEOUT_MS: '30000',
  });
  const store = new Store(settings.storage);
  const backend = createBackend(settings, { host: 'dev', store });
  const server = createDevServer({
    routes: backend.triggers.http,
    devPrincipal: { name: 'bench@localhost', roles: ['viewer', 'editor'] },
    log: () => undefined,
  });
  try {
    await prepare(store);
    await listen(server, 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/programs/${PROGRAM}`;
    const urls = { program: base, dashboard: `${base}/sessions/6/report` };

    const idle = { program: await load(urls.program), dashboard: await load(urls.dashboard) };
    let syncing = true;
    const sync = startSync(store).finally(() => (syncing = false));
    const busy = { program: await load(urls.program), dashboard: await load(urls.dashboard) };
    // The "during" figures count only if the sync outlasted both runs.
    const outlasted = syncing;
    const synced = await sync;

    console.log(`Lecturas: ${CLIENTS} clientes × ${SECONDS} s, programa de 1.000 actividades`);
    print('programa, sin escrituras', idle.program);
    print('tablero (informe), sin escrituras', idle.dashboard);
    print('programa, durante una sincronización', busy.program);
    print('tablero, durante una sincronización', busy.dashboard);
    console.log(
      `  la sincronización (${synced.changes} cambios) terminó en ${Math.round(synced.ms)} ms${outlasted ? ', después de las dos cargas' : ' — ANTES de terminar las cargas'}`,
    );
    const out: Record<string, number> = {};
    for (const [phase, results] of Object.entries({ idle, busy }))
      for (const [what, r] of Object.entries(results))
        for (const [k, v] of Object.entries(r))
          if (k !== 'requests') out[`${what}_${phase}_${k}`] = v;
    out.sync_changes = synced.changes;
    out.sync_ms = Math.round(synced.ms);
    out.sync_outlasted_loads = outlasted ? 1 : 0;
    return out;
  } finally {
    server.close();
    await azurite.stop();
  }
}

/** The 1,000-activity programme, with its session calendar. */
async function prepare(store: Store): Promise<void> {
  await store.ensureTables();
  const { activities: _a, sessions: _s, ...details } = loadSeedProgramme();
  await store.programmes.save(
    { id: PROGRAM, year: 2021, title: 'lecturas' },
    { ...details, id: PROGRAM },
  );
  await store.programmes.applyPlan(PROGRAM, diffPlan([], [], bigPlan()), { name: 'bench' });
  await store.calendars.save(PROGRAM, generateCalendar({ year: 2021 }), { name: 'bench' });
}

/** A sync of the first `SYNC_MONTHS` months of every activity, running while the readers read. */
async function startSync(store: Store): Promise<{ changes: number; ms: number }> {
  const start = performance.now();
  const { result } = await syncMonths(store, PROGRAM, SYNC_MONTHS, 'realizada', 'bench-reads-sync');
  return { changes: result.applied.length, ms: performance.now() - start };
}
