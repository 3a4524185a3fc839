/**
 * Batch sync: many month changes, each with the ETag it was based on. A change whose base is
 * still current is applied; one whose month changed meanwhile comes back as a conflict with
 * the current value. Idempotent under retry: a replayed key returns the first answer and writes
 * nothing, and a retry after a partial failure recognises its own earlier writes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SyncAnswer, SyncRequest } from '../../shared/api';
import { ProgramStore, StatusWrite } from '../store/program-store';
import { Actor, StatusRecord } from '../store/records';
import { statusView } from './program-view';
import { TooLargeError } from '../store/chunked-json';
import { monthKey } from '../../shared/sync/three-way';

export type SyncResult = SyncAnswer;

/** The same idempotency key came with other changes. */
export class IdempotencyKeyReusedError extends Error {}
/** The first request with this key is still at work: its answer is not known yet (409). */
export class SyncInProgressError extends Error {}

/** How long a twin request waits for the first one's answer before answering «en curso». */
export const TWIN_WAIT_MS = 10_000;
/** A claim older than this belongs to a request that died: the key may be claimed again. */
export const STALE_CLAIM_MS = 60_000;
const POLL_MS = 200;

type Outcome = { result: SyncResult; replayed: boolean };

/**
 * The first answer for a key, claiming the key for this request when nobody has: a twin sent at
 * the same time waits for the first one's answer and gets the same one, never a different answer.
 */
async function replayOrClaim(
  store: ProgramStore,
  programId: string,
  key: string,
  requestHash: string,
  now: () => number,
): Promise<Outcome | 'claimed'> {
  const deadline = now() + TWIN_WAIT_MS;
  const claim = randomUUID();
  for (;;) {
    if (await store.claimIdempotent(programId, key, requestHash, claim)) return 'claimed';
    const previous = await store.getIdempotent(programId, key);
    if (previous) {
      if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      if (previous.state === 'done')
        return { result: previous.response as SyncResult, replayed: true };
      // Our own claim: the insert went through but its answer was lost on the way back, and the
      // storage client's retry found the row. Not a twin's — waiting for it would be waiting for
      // ourselves, then «en curso», and every retry kept out until the claim went stale.
      if (previous.claim === claim) return 'claimed';
      // A claim whose owner died mid-work: every write carries the key, so redoing it is safe.
      if (now() - Date.parse(previous.at) > STALE_CLAIM_MS)
        await store.releaseIdempotent(programId, key);
    }
    // Still someone else's: wait for their answer, within bounds (a released key is claimed next).
    if (now() > deadline) throw new SyncInProgressError();
    if (previous?.state === 'pending') await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Changes to months the plan does not have: nothing was written. */
export class MonthsNotPlannedError extends Error {
  constructor(readonly months: { index: number; activityId: string; month: number }[]) {
    super('Meses fuera del plan.');
  }
}

export async function syncChanges(
  store: ProgramStore,
  programId: string,
  request: SyncRequest,
  actor: Actor,
  now: () => number = Date.now,
): Promise<Outcome> {
  await store.requireProgram(programId);
  const requestHash = createHash('sha256').update(JSON.stringify(request.changes)).digest('hex');
  const key = request.idempotencyKey;
  const first = await replayOrClaim(store, programId, key, requestHash, now);
  if (first !== 'claimed') return first;
  try {
    return await applyChanges(store, programId, request, actor, requestHash);
  } catch (error) {
    // No answer to keep: give the key back so the retry does the work.
    await store.releaseIdempotent(programId, key).catch(() => undefined);
    throw error;
  }
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
  store: ProgramStore,
  programId: string,
  request: SyncRequest,
  actor: Actor,
  requestHash: string,
): Promise<Outcome> {
  const statuses = new Map(
    (await store.getStatuses(programId, request.changes)).map((s) => [
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
      ...(c.note !== undefined ? { note: c.note } : {}),
      ...(c.evidence !== undefined ? { evidence: c.evidence } : {}),
    };
    if (current.etag === c.baseEtag)
      writes.push({ current, change, syncKey: request.idempotencyKey });
    else settleMoved(result, current, c.status, request.idempotencyKey);
  }

  const { applied, stale } = await store.writeStatuses(programId, writes, actor);
  result.applied.push(
    ...applied.map((s) => ({ activityId: s.activityId, month: s.month, etag: s.etag })),
  );
  const staleNow = await store.getStatuses(
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
  try {
    await store.putIdempotent(programId, request.idempotencyKey, requestHash, result);
  } catch (error) {
    // Too big to keep: a retry is still safe, since every write carries this request's key.
    if (!(error instanceof TooLargeError)) throw error;
    await store.releaseIdempotent(programId, request.idempotencyKey);
  }
  return { result, replayed: false };
}
