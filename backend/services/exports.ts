/** The programme as a workbook for the record: the cronograma with each month's status, and the session calendar. */
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { Month } from '../../shared/months';
import { Status } from '../../shared/status';
import { NotFoundError } from '../store/errors';
import { ProgramStore } from '../store/program-store';
import { ExcelJS, addCalendarSheet, addCronogramaSheet } from '../xlsx/workbook';

export interface ProgrammeExport {
  workbook: ExcelJS.Workbook;
  activities: number;
  sessions: number;
}

export async function exportProgramme(
  store: ProgramStore,
  programId: string,
): Promise<ProgrammeExport> {
  const program = await store.getProgram(programId);
  if (!program) throw new NotFoundError(`No existe el programa «${programId}».`);
  const [activities, statuses, calendar] = await Promise.all([
    store.listActivities(programId),
    store.listStatuses(programId),
    store.getCalendar(programId),
  ]);
  const byActivity = new Map<string, Partial<Record<Month, Status>>>();
  for (const s of statuses)
    if (s.planned)
      byActivity.set(s.activityId, { ...byActivity.get(s.activityId), [s.month]: s.status });
  const active = activities.filter((a) => a.active);
  const workbook = new ExcelJS.Workbook();
  addCronogramaSheet(
    workbook,
    layoutCronograma(
      {
        year: program.year,
        axes: [
          ...new Map(active.map((a) => [a.axis, { number: a.axis, name: a.axisName }])).values(),
        ],
        activities: active.map((a) => ({ ...a, statuses: byActivity.get(a.id) ?? {} })),
      },
      { sheetName: `Cronograma ${program.year}`, idColumn: true, periodColumn: true },
    ),
  );
  if (calendar)
    addCalendarSheet(
      workbook,
      layoutCalendarSheet(calendar.calendar, {
        commission: program.details.commission.acronym,
        note: program.details.calendarNote,
      }),
    );
  return { workbook, activities: active.length, sessions: calendar?.calendar.sessions.length ?? 0 };
}
