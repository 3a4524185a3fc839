/**
 * Batch sync: many month changes, each with the ETag it was based on. A change whose base is
 * still current is applied; one whose month changed meanwhile comes back as a conflict with
 * the current value. Idempotent under retry: a replayed key returns the first answer and writes
 * nothing, and a retry after a partial failure recognises its own earlier writes.
 */
import { createHash } from 'node:crypto';
import { MonthsNotPlannedError } from '../errors';
import { SyncAnswer, SyncRequest } from '../../shared/api';
import { StatusWrite } from '../store/status-store';
import { Store } from '../store/store';
import { Actor, StatusRecord } from '../store/records';
import { statusView } from './program-view';
import { monthKey } from '../../shared/sync/three-way';
import { noteAndEvidence } from '../../shared/status';

export type SyncResult = SyncAnswer;

/**
 * Applies a sync once per idempotency key (see IdempotencyStore.run): a replay gets the first
 * answer and writes nothing, a twin waits for it, the same key with other changes is refused.
 */
export async function syncChanges(
  store: Store,
  programId: string,
  request: SyncRequest,
  actor: Actor,
  now: () => number = Date.now,
): Promise<{ result: SyncResult; replayed: boolean }> {
  await store.programmes.require(programId);
  const requestHash = createHash('sha256').update(JSON.stringify(request.changes)).digest('hex');
  return store.idempotency.run(
    programId,
    request.idempotencyKey,
    requestHash,
    () => applyChanges(store, programId, request, actor),
    now,
  );
}

/**
 * A month whose ETag moved since the change was made: this request's own write (it carries the
 * request's key and the asked status — a retry after a partial failure, or a resent transaction)
 * counts as applied; anything else is a conflict, answered with the current value.
 */
function settleMoved(
  result: SyncResult,
  current: StatusRecord,
  asked: string | undefined,
  key: string,
): void {
  if (current.syncKey === key && current.status === asked)
    result.applied.push({
      activityId: current.activityId,
      month: current.month,
      etag: current.etag,
    });
  else
    result.conflicts.push({
      activityId: current.activityId,
      month: current.month,
      current: statusView(current),
    });
}

async function applyChanges(
  store: Store,
  programId: string,
  request: SyncRequest,
  actor: Actor,
): Promise<SyncResult> {
  const statuses = new Map(
    (await store.statuses.getMany(programId, request.changes)).map((s) => [
      monthKey(s.activityId, s.month),
      s,
    ]),
  );
  const notPlanned = request.changes.flatMap((c, index) =>
    statuses.get(monthKey(c.activityId, c.month))?.planned
      ? []
      : [{ index, activityId: c.activityId, month: c.month }],
  );
  if (notPlanned.length > 0) throw new MonthsNotPlannedError(notPlanned);

  const result: SyncResult = { applied: [], conflicts: [] };
  const writes: StatusWrite[] = [];
  for (const c of request.changes) {
    const current = statuses.get(monthKey(c.activityId, c.month)) as StatusRecord;
    const change = {
      status: c.status,
      ...noteAndEvidence(c),
    };
    if (current.etag === c.baseEtag)
      writes.push({ current, change, syncKey: request.idempotencyKey });
    else settleMoved(result, current, c.status, request.idempotencyKey);
  }

  const { applied, stale } = await store.statuses.write(programId, writes, actor);
  result.applied.push(
    ...applied.map((s) => ({ activityId: s.activityId, month: s.month, etag: s.etag })),
  );
  const staleNow = await store.statuses.getMany(
    programId,
    stale.map((w) => ({ activityId: w.current.activityId, month: w.current.month })),
  );
  // A stale write may be this request's own: when a transaction's answer is lost on the way
  // back, the storage client sends it once more, and the second attempt meets the ETag the first
  // one changed (412). The same rule as above tells it from another writer's.
  const wanted = new Map(stale.map((w) => [monthKey(w.current.activityId, w.current.month), w]));
  for (const now of staleNow) {
    const write = wanted.get(monthKey(now.activityId, now.month));
    settleMoved(result, now, write?.change.status, request.idempotencyKey);
  }
  return result;
}
