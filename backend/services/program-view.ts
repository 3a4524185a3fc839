/** The programme as the API returns it: activities with, for each planned month, its status and ETag. */
import { MonthStatusView, ProgramView } from '../../shared/api';
import { ActivityRecord, StatusRecord } from '../store/records';
import { ProgramDetails } from '../store/programme-store';
import { Store } from '../store/store';
import { ProgramSnapshot } from '../store/snapshots';
import { NotFoundError } from '../errors';
import { noteAndEvidence } from '../../shared/status';
import { planVariance, statusOf, varianceTotals } from '../../shared/lifecycle';

export function statusView(s: StatusRecord): MonthStatusView {
  return {
    status: s.status,
    ...noteAndEvidence(s),
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt,
    etag: s.etag,
  };
}

export function programView(
  program: { id: string; year: number; title: string; details: ProgramDetails },
  activities: readonly ActivityRecord[],
  statuses: readonly StatusRecord[],
): ProgramView {
  const byActivity = new Map<string, StatusRecord[]>();
  for (const s of statuses) {
    if (!s.planned) continue;
    const list = byActivity.get(s.activityId);
    if (list) list.push(s);
    else byActivity.set(s.activityId, [s]);
  }
  const active = activities.filter((a) => a.active);
  const baseline = program.details.lifecycle?.baseline;
  const description = new Map(activities.map((a) => [a.id, a.description]));
  const variance = baseline
    ? planVariance(baseline.activities, active).map((v) => ({
        ...v,
        description: description.get(v.activityId) ?? '',
      }))
    : [];
  const axes = [
    ...new Map(active.map((a) => [a.axis, { number: a.axis, name: a.axisName }])).values(),
  ].sort((a, b) => a.number - b.number);
  return {
    id: program.id,
    year: program.year,
    title: program.title,
    status: statusOf(program.details),
    details: program.details,
    axes,
    activities: active.map((a) => ({
      id: a.id,
      axis: a.axis,
      axisName: a.axisName,
      description: a.description,
      ...(a.period ? { period: a.period } : {}),
      months: a.months,
      responsibleArea: a.responsibleArea,
      ...(a.strategicLines ? { strategicLines: a.strategicLines } : {}),
      statuses: Object.fromEntries(
        (byActivity.get(a.id) ?? [])
          .sort((x, y) => x.month - y.month)
          .map((s) => [String(s.month), statusView(s)]),
      ),
    })),
    variance,
    varianceTotals: varianceTotals(variance),
  };
}

/** The programme's current snapshot; NotFoundError when there is none. */
export async function readSnapshot(store: Store, programId: string): Promise<ProgramSnapshot> {
  const snapshot = await store.snapshots.read(programId);
  if (!snapshot) throw new NotFoundError(`No existe el programa «${programId}».`);
  return snapshot;
}

/** The API's view of a snapshot, built once and shared: callers never change it. */
export const snapshotView = (snapshot: ProgramSnapshot): ProgramView =>
  snapshot.derive('view', () =>
    programView(snapshot.program, snapshot.activities, snapshot.statuses),
  );

/** The programme as the API gives it, from its snapshot; NotFoundError when there is none. */
export async function readProgramView(store: Store, programId: string): Promise<ProgramView> {
  return snapshotView(await readSnapshot(store, programId));
}
