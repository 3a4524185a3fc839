/**
 * The periodic report to the Consejo General, for a quarter (`2021-T2`) or a year (`2021`): per
 * axis, the activities with months in the period and each month's status, note and evidence,
 * totals, the changes to the plan since the baseline that touch the period, and the sessions the
 * commission held in it. Pure: the programme, its calendar and the moment in, the report out. A
 * report made now is a preview («preliminar»); one frozen by an editor is kept as it was made.
 */
import { z } from 'zod';
import {
  ActivityVariance,
  activityVarianceSchema,
  agreementTaken,
  planVariance,
  statusOf,
  varianceTotals,
  varianceTotalsSchema,
} from '../lifecycle';
import { calendarSessionSchema } from '../calendar/calendar';
import {
  ProgrammeDetails,
  activityIdSchema,
  isoDateSchema,
  monthSchema,
  programmeStatusSchema,
} from '../schemas';
import {
  NO_MONTHS,
  ReportError,
  ReportProgramme,
  progressReport,
  reportMonthSchema,
  reportTotalsSchema,
} from './session-report';

const QUARTERS = ['primer', 'segundo', 'tercer', 'cuarto'] as const;

export const PERIOD_PATTERN = /^(\d{4})(?:-T([1-4]))?$/;
export const periodSchema = z
  .string()
  .regex(PERIOD_PATTERN, 'El periodo es un trimestre («2021-T2») o un año («2021»).');

export interface Period {
  /** As written: `2021-T2`, `2021`. */
  id: string;
  year: number;
  quarter?: 1 | 2 | 3 | 4;
  firstMonth: number;
  lastMonth: number;
  /** «segundo trimestre de 2021», «año 2021». */
  label: string;
}

/** The period a text names, or undefined when it names none. */
export function parsePeriod(text: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (!match[2]) return { id: text, year, firstMonth: 1, lastMonth: 12, label: `año ${year}` };
  const quarter = Number(match[2]) as 1 | 2 | 3 | 4;
  return {
    id: text,
    year,
    quarter,
    firstMonth: quarter * 3 - 2,
    lastMonth: quarter * 3,
    label: `${QUARTERS[quarter - 1]} trimestre de ${year}`,
  };
}

const agreementViewSchema = z.object({
  kind: z.enum(['aprobación', 'ratificación']),
  id: z.string(),
  date: isoDateSchema,
  session: z.string(),
});

export const periodReportSchema = z.object({
  programId: z.string(),
  title: z.string(),
  commission: z.string(),
  year: z.number().int(),
  period: z.string(),
  label: z.string(),
  firstMonth: monthSchema,
  lastMonth: monthSchema,
  /** The date statuses are judged on (overdue months): the day it was made. */
  asOf: isoDateSchema,
  /** null: a preview made at the request, «preliminar»; frozen: made then, never changed since. */
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
  status: programmeStatusSchema,
  /** The agreements taken so far (approval, ratification). */
  agreements: z.array(agreementViewSchema),
  /** The ratified plan variance is measured from; null before the ratification. */
  baseline: z.object({ date: isoDateSchema, agreement: z.string() }).nullable(),
  axes: z.array(
    z.object({
      number: z.number().int(),
      name: z.string(),
      activities: z.array(
        z.object({
          id: activityIdSchema,
          description: z.string(),
          responsibleArea: z.string(),
          months: z.array(reportMonthSchema),
          totals: reportTotalsSchema,
        }),
      ),
      /** The axis's changes since the baseline that touch the period (before or after them). */
      variance: z.array(activityVarianceSchema.extend({ description: z.string() })),
      totals: reportTotalsSchema,
    }),
  ),
  totals: reportTotalsSchema,
  varianceTotals: varianceTotalsSchema,
  /** The period's sessions; `held`: on or before `asOf`. */
  sessions: z.array(
    calendarSessionSchema
      .pick({ number: true, type: true, date: true, label: true, status: true })
      .extend({ held: z.boolean() }),
  ),
});
export type PeriodReport = z.infer<typeof periodReportSchema>;

export interface PeriodReportInput {
  programme: Omit<ReportProgramme, 'activities'> & {
    title: string;
    details: Pick<ProgrammeDetails, 'commission' | 'agreements' | 'lifecycle'>;
    activities: readonly (ReportProgramme['activities'][number] & { responsibleArea: string })[];
  };
  /** Activities no longer in the plan (their descriptions, for the changes that dropped them). */
  retired: readonly { id: string; axis: number; description: string }[];
  sessions: readonly z.infer<typeof calendarSessionSchema>[];
  period: Period;
  asOf: string;
  frozen: PeriodReport['frozen'];
}

const touches = (v: ActivityVariance, first: number, last: number) =>
  [...v.added, ...v.dropped, ...v.moved.flatMap((m) => [m.from, m.to])].some(
    (m) => m >= first && m <= last,
  );

export function periodReport(input: PeriodReportInput): PeriodReport {
  const { programme, period, asOf } = input;
  if (period.year !== programme.year)
    throw new ReportError(
      `El programa «${programme.id}» es de ${programme.year}, no de ${period.year}.`,
    );
  const { details } = programme;
  const progress = progressReport(programme, period.lastMonth, asOf, period.firstMonth);
  const baseline = details.lifecycle?.baseline;
  const variance = baseline ? planVariance(baseline.activities, programme.activities) : [];
  const known = new Map(
    [...input.retired, ...programme.activities].map((a) => [
      a.id,
      { axis: a.axis, description: a.description },
    ]),
  );
  const area = new Map(programme.activities.map((a) => [a.id, a.responsibleArea]));
  const inPeriod = variance.filter((v) => touches(v, period.firstMonth, period.lastMonth));
  const axes = programme.axes
    .map((axis) => {
      const reported = progress.axes.find((a) => a.number === axis.number);
      const changes = inPeriod
        .filter((v) => known.get(v.activityId)?.axis === axis.number)
        .map((v) => ({ ...v, description: known.get(v.activityId)?.description ?? '' }));
      return {
        number: axis.number,
        name: axis.name,
        activities: (reported?.activities ?? []).map((a) => ({
          ...a,
          responsibleArea: area.get(a.id) ?? '',
        })),
        variance: changes,
        totals: reported?.totals ?? NO_MONTHS,
      };
    })
    .filter((axis) => axis.activities.length > 0 || axis.variance.length > 0);
  const { approval, ratification } = details.agreements;
  return {
    programId: programme.id,
    title: programme.title,
    commission: details.commission.acronym,
    year: programme.year,
    period: period.id,
    label: period.label,
    firstMonth: period.firstMonth as PeriodReport['firstMonth'],
    lastMonth: period.lastMonth as PeriodReport['lastMonth'],
    asOf,
    frozen: input.frozen,
    status: statusOf(details),
    agreements: [
      ...(statusOf(details) !== 'borrador' && agreementTaken(approval)
        ? [{ kind: 'aprobación' as const, ...approval }]
        : []),
      ...(statusOf(details) === 'ratificado' && agreementTaken(ratification)
        ? [{ kind: 'ratificación' as const, ...ratification }]
        : []),
    ],
    baseline: baseline ? { date: baseline.date, agreement: baseline.agreement } : null,
    axes,
    totals: progress.totals,
    // What the axes list, so the totals and the list always agree.
    varianceTotals: varianceTotals(axes.flatMap((a) => a.variance)),
    sessions: input.sessions
      .filter((s) => s.month >= period.firstMonth && s.month <= period.lastMonth)
      .map(({ number, type, date, label, status }) => ({
        number,
        type,
        date,
        label,
        status,
        held: date <= asOf,
      })),
  };
}
