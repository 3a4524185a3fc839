/**
 * Storage: the plan of 1,000 activities × 12 months and a full sync of half of them through the
 * storage layer, in transactions
 * of up to 100 and in transactions of one entity (one request each; a status and its history row
 * always travel together), in one run, on a real Azurite; and a delta sync of one change.
 * Reports time, the ratio, and storage requests.
 */
import { performance } from 'node:perf_hooks';
import { Store } from '../../backend/store/store';
import { PlanInput, diffPlan } from '../../backend/services/plan-diff';
import { syncChanges } from '../../backend/services/sync';

import { randomBytes } from 'node:crypto';
import { freePort, startAzurite } from '../dev/azurite';

import { loadSeedProgramme } from '../../seeds';
import { Month } from '../../shared/months';
import { Status } from '../../shared/status';

const ACTIVITIES = 1000;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as Month[];
const ACTOR = { name: 'bench' };
/** The full sync changes this many months of every activity (6,000 changes): the benchmark stays within 5 minutes. */
const SYNC_MONTHS = 6;

export function bigPlan(): PlanInput {
  const axes = Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: `Eje ${i + 1}` }));
  return {
    year: 2021,
    axes,
    activities: Array.from({ length: ACTIVITIES }, (_, i) => ({
      id: `${(i % 10) + 1}.${Math.floor(i / 10) + 1}`,
      axis: (i % 10) + 1,
      description: `Actividad ${i + 1}`,
      months: MONTHS,
    })),
  };
}

/** One sync that sets months 1 to `months` of every activity to `status`, over their current ETags. */
export async function syncMonths(
  store: Store,
  programId: string,
  months: number,
  status: Status,
  idempotencyKey: string,
) {
  const statuses = (await store.statuses.list(programId)).filter((s) => s.month <= months);
  return syncChanges(
    store,
    programId,
    {
      idempotencyKey,
      changes: statuses.map((s) => ({
        activityId: s.activityId,
        month: s.month,
        status,
        baseEtag: s.etag,
      })),
    },
    ACTOR,
  );
}

async function measure<T>(
  store: Store,
  work: () => Promise<T>,
): Promise<{ ms: number; requests: number; result: T }> {
  const requests = store.requestCount;
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, requests: store.requestCount - requests, result };
}

export async function runStorageBench(): Promise<Record<string, number>> {
  const azurite = await startAzurite({
    blobPort: await freePort(),
    tablePort: await freePort(),
    queuePort: await freePort(),
  });
  try {
    const settings = { connectionString: azurite.connectionString, timeoutMs: 30000 };
    const batched = new Store({
      ...settings,
      tablePrefix: `b${randomBytes(4).toString('hex')}`,
    });
    const single = new Store({
      ...settings,
      tablePrefix: `s${randomBytes(4).toString('hex')}`,
      transactionSize: 1,
    });
    await batched.ensureTables();
    await single.ensureTables();
    const plan = bigPlan();
    const programId = 'bench-2021';
    const summary = { id: programId, year: 2021, title: 'bench' };
    const { activities: _a, sessions: _s, ...details } = loadSeedProgramme();
    await batched.programmes.save(summary, { ...details, id: programId });
    await single.programmes.save(summary, { ...details, id: programId });

    // 1. The plan: 1,000 activities and 12,000 month statuses, the same code with transactions
    // of ≤ 100 and of one entity each (one request per entity).
    const diff = diffPlan([], [], plan);
    const planBatched = await measure(batched, () =>
      batched.programmes.applyPlan(programId, diff, ACTOR),
    );
    const planSingle = await measure(single, () =>
      single.programmes.applyPlan(programId, diff, ACTOR),
    );

    // 2. A full sync: 6,000 months (January to June) change, each with its history row (a change
    // and its history row are one transaction in both stores: they must land together).
    const fullSyncOf = (store: Store) => () =>
      syncMonths(store, programId, SYNC_MONTHS, 'en_proceso', 'bench-full-sync');
    const fullSync = await measure(batched, fullSyncOf(batched));
    const fullSingle = await measure(single, fullSyncOf(single));
    if (fullSync.result.result.applied.length !== ACTIVITIES * SYNC_MONTHS)
      throw new Error(`full sync applied ${fullSync.result.result.applied.length}`);

    // 3. A delta sync of one change.
    const one = (await batched.statuses.getMany(programId, [{ activityId: '5.50', month: 7 }]))[0]!;
    const delta = await measure(batched, () =>
      syncChanges(
        batched,
        programId,
        {
          idempotencyKey: 'bench-delta-1',
          changes: [
            {
              activityId: one.activityId,
              month: one.month,
              status: 'realizada',
              baseEtag: one.etag,
            },
          ],
        },
        ACTOR,
      ),
    );

    const r = {
      plan_batched_ms: Math.round(planBatched.ms),
      plan_batched_requests: planBatched.requests,
      plan_single_ms: Math.round(planSingle.ms),
      plan_single_requests: planSingle.requests,
      plan_ratio: Number((planSingle.ms / planBatched.ms).toFixed(1)),
      sync_batched_ms: Math.round(fullSync.ms),
      sync_batched_requests: fullSync.requests,
      sync_single_ms: Math.round(fullSingle.ms),
      sync_single_requests: fullSingle.requests,
      sync_ratio: Number((fullSingle.ms / fullSync.ms).toFixed(1)),
      sync_changes: ACTIVITIES * SYNC_MONTHS,
      delta_ms: Number(delta.ms.toFixed(1)),
      delta_requests: delta.requests,
    };
    console.log(`Almacenamiento (Azurite): ${ACTIVITIES} actividades × 12 meses`);
    console.log(
      `  plan, transacciones de ≤100: ${r.plan_batched_ms} ms, ${r.plan_batched_requests} solicitudes`,
    );
    console.log(
      `  plan, una entidad por solicitud:${r.plan_single_ms} ms, ${r.plan_single_requests} solicitudes  (razón ${r.plan_ratio}×)`,
    );
    console.log(
      `  sincronización completa (${(ACTIVITIES * SYNC_MONTHS).toLocaleString('es-MX')} cambios + historial), transacciones: ${r.sync_batched_ms} ms, ${r.sync_batched_requests} solicitudes`,
    );
    console.log(
      `  sincronización completa, un cambio (estatus + historial) por solicitud:${r.sync_single_ms} ms, ${r.sync_single_requests} solicitudes  (razón ${r.sync_ratio}×)`,
    );
    console.log(
      `  sincronización delta de un cambio: ${r.delta_ms} ms, ${r.delta_requests} solicitudes`,
    );
    return r;
  } finally {
    await azurite.stop();
  }
}
