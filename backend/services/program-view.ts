/** The programme as the API returns it: activities with, for each planned month, its status and ETag. */
import { MonthStatusView, ProgramView } from '../../shared/api';
import { ActivityRecord, StatusRecord } from '../store/records';
import { ProgramDetails, ProgramStore } from '../store/program-store';

export function statusView(s: StatusRecord): MonthStatusView {
  return {
    status: s.status,
    ...(s.note !== undefined ? { note: s.note } : {}),
    ...(s.evidence !== undefined ? { evidence: s.evidence } : {}),
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt,
    etag: s.etag,
  };
}

export function programView(
  program: { id: string; year: number; title: string; details: ProgramDetails },
  activities: ActivityRecord[],
  statuses: StatusRecord[],
): ProgramView {
  const byActivity = new Map<string, StatusRecord[]>();
  for (const s of statuses)
    if (s.planned) byActivity.set(s.activityId, [...(byActivity.get(s.activityId) ?? []), s]);
  const active = activities.filter((a) => a.active);
  const axes = [
    ...new Map(active.map((a) => [a.axis, { number: a.axis, name: a.axisName }])).values(),
  ].sort((a, b) => a.number - b.number);
  return {
    id: program.id,
    year: program.year,
    title: program.title,
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
  };
}

/** The programme as the API gives it, read from the store; NotFoundError when there is none. */
export async function readProgramView(
  store: ProgramStore,
  programId: string,
): Promise<ProgramView> {
  const program = await store.requireProgram(programId);
  const [activities, statuses] = await Promise.all([
    store.listActivities(programId),
    store.listStatuses(programId),
  ]);
  return programView(program, activities, statuses);
}
