/** One month's status set by hand (the dashboard, the update page, `PATCH …/months/{month}`), over the ETag the person saw. */
import { StatusChange, StatusRecord } from '../store/records';
import { Store } from '../store/store';
import { ConflictError, EtagMismatchError, NotFoundError } from '../errors';
import { statusView } from './program-view';

export interface MonthStatusChange {
  programId: string;
  activityId: string;
  month: number;
  /** The ETag of the status the person saw (`If-Match`). */
  etag: string;
  change: StatusChange;
}

/**
 * Writes the month's new status with its history row; EtagMismatchError (with the current value)
 * when it changed since `etag`, ConflictError when the month is not (or no longer) planned,
 * NotFoundError for an activity the programme does not have.
 */
export async function setMonthStatus(
  store: Store,
  { programId, activityId, month, etag, change }: MonthStatusChange,
  actor: { name: string },
): Promise<StatusRecord> {
  await store.programmes.require(programId);
  const current = await store.statuses.get(programId, activityId, month);
  if (!current) {
    const activity = (await store.programmes.activities(programId)).find(
      (a) => a.id === activityId && a.active,
    );
    if (!activity)
      throw new NotFoundError(
        `No existe la actividad ${activityId} en el programa «${programId}».`,
      );
    throw new ConflictError(`La actividad ${activityId} no tiene planeado el mes ${month}.`);
  }
  if (!current.planned)
    throw new ConflictError(`El mes ${month} de la actividad ${activityId} ya no está en el plan.`);
  const changed = (now: StatusRecord | undefined) =>
    new EtagMismatchError('El estatus cambió desde que lo leyó.', {
      current: now && statusView(now),
    });
  if (current.etag !== etag) throw changed(current);
  const { applied, stale } = await store.statuses.write(programId, [{ current, change }], actor);
  if (stale.length > 0) throw changed(await store.statuses.get(programId, activityId, month));
  return applied[0]!;
}
