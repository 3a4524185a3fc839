/**
 * The report and the programme as CSV, one row per activity with its ID (`2.3`) first, for
 * people who open them in Excel (header row, Windows line ends, Spanish labels).
 */
import { spreadsheetCsv as csv } from '../csv';
import { MONTHS, monthAbbreviation } from '../months';
import { STATUS_LABELS, Status } from '../status';
import { ReportProgramme, SessionReport } from './session-report';

/** The session report: each activity with its months' statuses up to the session, its totals, notes and evidence. */
export function sessionReportCsv(report: SessionReport): string {
  const months = MONTHS.filter((m) => m <= report.throughMonth);
  return csv(
    report.axes.flatMap((axis) =>
      axis.activities.map((a) => {
        const byMonth = new Map(a.months.map((m) => [m.month, m]));
        return [
          a.id,
          axis.number,
          axis.name,
          a.description,
          ...months.map((m) => {
            const month = byMonth.get(m);
            if (!month) return '';
            return month.overdue ? 'Vencido' : STATUS_LABELS[month.status];
          }),
          a.totals.planned,
          a.totals.done,
          a.totals.inProgress,
          a.totals.overdue,
          a.totals.rescheduled,
          a.months
            .filter((m) => m.note)
            .map((m) => `${monthAbbreviation(m.month)}: ${m.note}`)
            .join(' | '),
          a.months
            .filter((m) => m.evidence)
            .map((m) => `${monthAbbreviation(m.month)}: ${m.evidence}`)
            .join(' | '),
        ];
      }),
    ),
    [
      'ID',
      'Eje',
      'Nombre del eje',
      'Actividad',
      ...months.map(monthAbbreviation),
      'Planeados',
      'Realizados',
      'En proceso',
      'Vencidos',
      'Reprogramados',
      'Notas',
      'Evidencias',
    ],
  );
}

/** Every activity of the programme with each planned month's status (blank: not planned). */
export function activitiesCsv(programme: ReportProgramme): string {
  const axisName = new Map(programme.axes.map((a) => [a.number, a.name]));
  return csv(
    programme.activities.map((a) => [
      a.id,
      a.axis,
      axisName.get(a.axis) ?? '',
      a.description,
      ...MONTHS.map((m) =>
        a.months.includes(m)
          ? STATUS_LABELS[(a.statuses[String(m)]?.status ?? 'pendiente') as Status]
          : '',
      ),
    ]),
    ['ID', 'Eje', 'Nombre del eje', 'Actividad', ...MONTHS.map(monthAbbreviation)],
  );
}
