/**
 * The progress report (*informe de seguimiento*) for an ordinary session: the activities planned
 * up to that session's month, by axis, with each month's status, note and evidence, and totals.
 * Pure: the programme and its calendar in, the report out; the API, `pat report`, the dashboard
 * and the scheduled exports all make it here.
 */
import { z } from 'zod';
import { calendarSessionSchema } from '../calendar/calendar';
import { activityIdSchema, isoDateSchema, monthSchema, statusSchema } from '../schemas';
import { monthClosedBy } from '../months';
import { Status } from '../status';

export const reportTotalsSchema = z.object({
  /** Planned months up to the session's month. */
  planned: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  /** Months closed before the session with nothing reported (still `pendiente`). */
  overdue: z.number().int(),
  rescheduled: z.number().int(),
  notDone: z.number().int(),
  cancelled: z.number().int(),
  /** Planned, not closed yet, nothing reported. */
  pending: z.number().int(),
});
export type ReportTotals = z.infer<typeof reportTotalsSchema>;

export const reportMonthSchema = z.object({
  month: monthSchema,
  status: statusSchema,
  overdue: z.boolean(),
  note: z.string().optional(),
  evidence: z.string().optional(),
  updatedBy: z.string().optional(),
  updatedAt: z.string().optional(),
});

export const sessionReportSchema = z.object({
  programId: z.string(),
  year: z.number().int(),
  session: calendarSessionSchema,
  /** The last month the report covers (the session's), and the date overdue months are judged on. */
  throughMonth: monthSchema,
  asOf: isoDateSchema,
  axes: z.array(
    z.object({
      number: z.number().int(),
      name: z.string(),
      activities: z.array(
        z.object({
          id: activityIdSchema,
          description: z.string(),
          months: z.array(reportMonthSchema),
          totals: reportTotalsSchema,
        }),
      ),
      totals: reportTotalsSchema,
    }),
  ),
  totals: reportTotalsSchema,
});
export type SessionReport = z.infer<typeof sessionReportSchema>;

/** What the report needs of a programme: the API's programme view has it. */
export interface ReportProgramme {
  id: string;
  year: number;
  axes: readonly { number: number; name: string }[];
  activities: readonly {
    id: string;
    axis: number;
    description: string;
    months: readonly number[];
    statuses: Readonly<
      Record<
        string,
        { status: Status; note?: string; evidence?: string; updatedBy: string; updatedAt: string }
      >
    >;
  }[];
}

export class ReportError extends Error {}

/** The totals of no months at all. */
export const NO_MONTHS: ReportTotals = {
  planned: 0,
  done: 0,
  inProgress: 0,
  overdue: 0,
  rescheduled: 0,
  notDone: 0,
  cancelled: 0,
  pending: 0,
};

const FIELD: Record<Status, keyof ReportTotals | undefined> = {
  pendiente: undefined,
  realizada: 'done',
  en_proceso: 'inProgress',
  reprogramada: 'rescheduled',
  no_realizada: 'notDone',
  cancelada: 'cancelled',
};

function add(a: ReportTotals, b: ReportTotals): ReportTotals {
  return Object.fromEntries(
    Object.entries(a).map(([k, v]) => [k, v + b[k as keyof ReportTotals]]),
  ) as ReportTotals;
}

/**
 * Every activity with a month planned from `fromMonth` (default January) up to `throughMonth`,
 * each of those months with its status, by axis, with totals; a pending month that closed before
 * `asOf` is overdue.
 */
export function progressReport(
  programme: ReportProgramme,
  throughMonth: number,
  asOf: string,
  fromMonth = 1,
): Pick<SessionReport, 'axes' | 'totals'> {
  // Each axis's activities in the programme's order, grouped once (not one pass per axis).
  const byAxis = new Map<number, ReportProgramme['activities'][number][]>();
  for (const a of programme.activities) {
    const list = byAxis.get(a.axis);
    if (list) list.push(a);
    else byAxis.set(a.axis, [a]);
  }
  const axes = programme.axes
    .map((axis) => {
      const activities = (byAxis.get(axis.number) ?? [])
        .map((a) => {
          const months = [...a.months]
            .filter((m) => m >= fromMonth && m <= throughMonth)
            .sort((x, y) => x - y)
            .map((month) => {
              const s = a.statuses[String(month)];
              const status = s?.status ?? 'pendiente';
              return {
                month: month as z.infer<typeof monthSchema>,
                status,
                overdue: status === 'pendiente' && monthClosedBy(programme.year, month, asOf),
                ...(s?.note ? { note: s.note } : {}),
                ...(s?.evidence ? { evidence: s.evidence } : {}),
                ...(s ? { updatedBy: s.updatedBy, updatedAt: s.updatedAt } : {}),
              };
            });
          const totals: ReportTotals = { ...NO_MONTHS };
          for (const m of months) {
            totals.planned++;
            totals[FIELD[m.status] ?? (m.overdue ? 'overdue' : 'pending')]++;
          }
          return { id: a.id, description: a.description, months, totals };
        })
        .filter((a) => a.months.length > 0);
      return {
        number: axis.number,
        name: axis.name,
        activities,
        totals: activities.reduce((t, a) => add(t, a.totals), NO_MONTHS),
      };
    })
    .filter((axis) => axis.activities.length > 0);
  return { axes, totals: axes.reduce((t, a) => add(t, a.totals), NO_MONTHS) };
}

/** The report for ordinary session `number`: the progress report through its month, as of its date. */
export function sessionReport(
  programme: ReportProgramme,
  calendar: { sessions: readonly z.infer<typeof calendarSessionSchema>[] },
  number: number,
): SessionReport {
  const session = calendar.sessions.find((s) => s.type === 'ordinaria' && s.number === number);
  if (!session)
    throw new ReportError(
      `No existe la ${number}ª sesión ordinaria en el calendario de ${programme.year}.`,
    );
  return {
    programId: programme.id,
    year: programme.year,
    session,
    throughMonth: session.month,
    asOf: session.date,
    ...progressReport(programme, session.month, session.date),
  };
}
