/** The programme workbook of the exports and `pat export`: cronograma with statuses, calendar, summary. */
import { ProgramView } from '../../shared/api';
import { SessionCalendar } from '../../shared/calendar/calendar';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { Month } from '../../shared/months';
import { progressReport } from '../../shared/report/session-report';
import { Status } from '../../shared/status';
import { addSummarySheet } from './report-workbook';
import { ExcelJS, addCalendarSheet, addCronogramaSheet } from './workbook';

/** The cronograma with each month's status, the session calendar, and the summary per axis as of `today`. */
export function programmeExportWorkbook(
  view: ProgramView,
  calendar: SessionCalendar | undefined,
  today: string,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma';
  addCronogramaSheet(
    workbook,
    layoutCronograma(
      {
        year: view.year,
        axes: view.axes,
        activities: view.activities.map((a) => ({
          ...a,
          months: a.months as Month[],
          statuses: Object.fromEntries(
            Object.entries(a.statuses).map(([m, s]) => [m, s.status]),
          ) as Partial<Record<Month, Status>>,
        })),
      },
      { sheetName: `Cronograma ${view.year}`, idColumn: true, periodColumn: true },
    ),
  );
  if (calendar)
    addCalendarSheet(
      workbook,
      layoutCalendarSheet(calendar, {
        commission: view.details.commission.acronym,
        note: view.details.calendarNote,
      }),
    );
  const year = Number(today.slice(0, 4));
  const through = year < view.year ? 0 : year > view.year ? 12 : Number(today.slice(5, 7));
  addSummarySheet(workbook, progressReport(view, through, today), {
    title: `Resumen por eje al ${today}`,
  });
  return workbook;
}
