/**
 * The words of the progress reports, written once: the totals' labels in the order they are shown
 * (the dashboard, the periodic report's .docx and .xlsx), and the periodic report's sentences its
 * two files share (title, preview or frozen, the programme's status and agreements, the period's
 * dates, the sessions' table). Pure: no I/O.
 */
import { daysInMonth, dateInMexicoCity, isIsoDate, spanishDate } from '../calendar/dates';
import { PROGRAMME_STATUS_TEXT } from '../lifecycle';
import type { PeriodReport } from './period-report';
import type { ReportTotals } from './session-report';

/** Each total and its label, in the order they are shown. */
export const TOTAL_LABELS: readonly (readonly [keyof ReportTotals, string])[] = [
  ['planned', 'Planeados'],
  ['done', 'Realizados'],
  ['inProgress', 'En proceso'],
  ['overdue', 'Vencidos'],
  ['rescheduled', 'Reprogramados'],
  ['notDone', 'No realizados'],
  ['cancelled', 'Cancelados'],
  ['pending', 'Pendientes en plazo'],
];

/** «9 planeados · 3 realizados · …», every total. */
export function totalsText(totals: ReportTotals): string {
  return TOTAL_LABELS.map(([key, label]) => `${totals[key]} ${label.toLowerCase()}`).join(' · ');
}

/** The line that marks a report that is not frozen. */
export const PRELIMINARY = 'PRELIMINAR';
export const PRELIMINARY_NOTE = 'Informe preliminar: cambia con cada edición hasta que se congele.';
/** What an overdue month (closed, nothing reported) shows as its status. */
export const OVERDUE = 'Vencida';

/** The columns of the activities' months (the workbook puts the axis before them). */
export const ACTIVITY_HEADERS = [
  'ID',
  'Actividad',
  'Área responsable',
  'Mes',
  'Estatus',
  'Nota',
  'Evidencia',
] as const;
export const SESSION_HEADERS = ['Sesión', 'Fecha', 'Estado'] as const;
export const NO_SESSIONS = 'La comisión no tiene sesiones en el periodo.';

/** «Informe de avance del Programa Anual de Trabajo 2021». */
export const reportTitle = (report: Pick<PeriodReport, 'year'>) =>
  `Informe de avance del Programa Anual de Trabajo ${report.year}`;

export const capitalised = (value: string) => `${value.charAt(0).toUpperCase()}${value.slice(1)}`;

/** The day an instant (or a date) falls on in Mexico City, in Spanish. */
function spanishDay(instant: string): string {
  if (isIsoDate(instant)) return spanishDate(instant);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : spanishDate(dateInMexicoCity(date));
}

/** «Congelado el 1 de julio de 2021 por …: no cambia con las ediciones posteriores.» */
export const frozenText = (frozen: NonNullable<PeriodReport['frozen']>) =>
  `Congelado el ${spanishDay(frozen.at)} por ${frozen.by}: no cambia con las ediciones posteriores.`;

/** «Estado del programa: Ratificado.» */
export const programmeStatusText = (report: Pick<PeriodReport, 'status'>) =>
  `Estado del programa: ${PROGRAMME_STATUS_TEXT[report.status]}.`;

/** «Ratificado mediante el acuerdo … del … (…).» */
export function agreementText(agreement: PeriodReport['agreements'][number]): string {
  const verb = agreement.kind === 'aprobación' ? 'Aprobado' : 'Ratificado';
  return `${verb} mediante el acuerdo ${agreement.id} del ${spanishDate(agreement.date)} (${agreement.session}).`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** «del 1 de abril de 2021 al 30 de junio de 2021». */
export function periodDates(
  report: Pick<PeriodReport, 'year' | 'firstMonth' | 'lastMonth'>,
): string {
  const first = `${report.year}-${pad(report.firstMonth)}-01`;
  const last = `${report.year}-${pad(report.lastMonth)}-${pad(daysInMonth(report.year, report.lastMonth))}`;
  return `del ${spanishDate(first)} al ${spanishDate(last)}`;
}

/** «Periodo que se informa: segundo trimestre de 2021, del … al …. Estado al ….» */
export const periodText = (report: PeriodReport) =>
  `Periodo que se informa: ${report.label}, ${periodDates(report)}. Estado al ${spanishDate(report.asOf)}.`;

/** The period's sessions by date, each with whether it was held. */
export const sessionsByDate = (report: Pick<PeriodReport, 'sessions'>) =>
  [...report.sessions].sort((a, b) => a.date.localeCompare(b.date));

export const sessionState = (session: { held: boolean }) =>
  session.held ? 'Celebrada' : 'Programada';
