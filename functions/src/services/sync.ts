/**
 * Batch sync: many month changes, each with the ETag it was based on. A change whose base is
 * still current is applied; one whose month changed meanwhile comes back as a conflict with
 * the current value. Idempotent under retry: a replayed key returns the first answer and writes
 * nothing, and a retry after a partial failure recognises its own earlier writes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { syncBody } from '../api-schemas';
import { BadRequestError } from '../http/parse';
import { ProgramStore, StatusWrite } from '../store/program-store';
import { Actor, StatusRecord } from '../store/records';
import { MonthStatusView, statusView } from './program-view';
import { TooLargeError } from '../store/chunked-json';

export type SyncRequest = z.output<typeof syncBody>;

export interface SyncResult {
  applied: { activityId: string; month: number; etag: string }[];
  conflicts: { activityId: string; month: number; current: MonthStatusView }[];
}

export class IdempotencyKeyReusedError extends Error {}

export async function syncChanges(
  store: ProgramStore,
  programId: string,
  request: SyncRequest,
  actor: Actor,
): Promise<{ result: SyncResult; replayed: boolean }> {
  await store.requireProgram(programId);
  const requestHash = createHash('sha256').update(JSON.stringify(request.changes)).digest('hex');
  const previous = await store.getIdempotent(programId, request.idempotencyKey);
  if (previous) {
    if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    return { result: previous.response as SyncResult, replayed: true };
  }

  const statuses = new Map(
    (await store.getStatuses(programId, request.changes)).map((s) => [
      `${s.activityId}|${s.month}`,
      s,
    ]),
  );
  const errors = request.changes.flatMap((c, i) => {
    const current = statuses.get(`${c.activityId}|${c.month}`);
    if (current?.planned) return [];
    return [
      {
        path: `body.changes.${i}`,
        message: `La actividad ${c.activityId} no tiene planeado el mes ${c.month} en este programa. Sincronice el plan primero.`,
      },
    ];
  });
  if (errors.length > 0) throw new BadRequestError(errors);

  const result: SyncResult = { applied: [], conflicts: [] };
  const writes: StatusWrite[] = [];
  for (const c of request.changes) {
    const current = statuses.get(`${c.activityId}|${c.month}`) as StatusRecord;
    const change = {
      status: c.status,
      ...(c.note !== undefined ? { note: c.note } : {}),
      ...(c.evidence !== undefined ? { evidence: c.evidence } : {}),
    };
    if (current.etag === c.baseEtag)
      writes.push({ current, change, syncKey: request.idempotencyKey });
    else if (current.syncKey === request.idempotencyKey && current.status === c.status)
      result.applied.push({ activityId: c.activityId, month: c.month, etag: current.etag });
    else
      result.conflicts.push({
        activityId: c.activityId,
        month: c.month,
        current: statusView(current),
      });
  }

  const { applied, stale } = await store.writeStatuses(programId, writes, actor);
  result.applied.push(
    ...applied.map((s) => ({ activityId: s.activityId, month: s.month, etag: s.etag })),
  );
  const staleNow = await store.getStatuses(
    programId,
    stale.map((w) => ({ activityId: w.current.activityId, month: w.current.month })),
  );
  for (const now of staleNow)
    result.conflicts.push({
      activityId: now.activityId,
      month: now.month,
      current: statusView(now),
    });
  try {
    await store.putIdempotent(programId, request.idempotencyKey, requestHash, result);
  } catch (error) {
    // Too big to keep: a retry is still safe, since every write carries this request's key.
    if (!(error instanceof TooLargeError)) throw error;
  }
  return { result, replayed: false };
}
