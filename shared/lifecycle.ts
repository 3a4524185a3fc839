/**
 * The programme's year (art. 57 CIPECM): the commission approves next year's programme in
 * September and ratifies it in January. A programme moves `borrador → aprobado → ratificado`;
 * ratifying freezes its plan as the **baseline**, and from then on a change to the plan is a
 * **reprogramación**, approved by an agreement. Pure: the schemas and the rules, and each
 * activity's variance from the baseline (months moved, added, dropped; activities added or
 * dropped), which the dashboard, the reports and the store's history all take from here.
 */
import { z } from 'zod';
import {
  Baseline,
  BaselineActivity,
  Lifecycle,
  PROGRAMME_STATUSES,
  ProgrammeStatus,
  activityIdSchema,
  baselineSchema,
  isoDateSchema,
  lifecycleSchema,
  monthSchema,
  programIdSchema,
  programmeStatusSchema,
  trimmedTextOf,
} from './schemas';
import { TEXT_MAX } from './limits';
import { monthName } from './months';
import { spanishList } from './text';

export { PROGRAMME_STATUSES, programmeStatusSchema, lifecycleSchema, baselineSchema };
export type { ProgrammeStatus, Lifecycle, Baseline, BaselineActivity };

/** As people read it, on the dashboard and the document's cover. */
export const PROGRAMME_STATUS_TEXT: Record<ProgrammeStatus, string> = {
  borrador: 'Borrador',
  aprobado: 'Aprobado',
  ratificado: 'Ratificado',
};

/** The placeholder of an agreement not taken yet (a programme created from a sheet, a draft). */
export const AGREEMENT_TO_DEFINE = 'Por definir';

/** An agreement the commission took (not the placeholder of one to come). */
export const agreementTaken = (agreement: { id: string }): boolean =>
  agreement.id !== AGREEMENT_TO_DEFINE;

/** A programme written before the year's steps existed, or created from a sheet, is a draft. */
export const statusOf = (details: { lifecycle?: Lifecycle | undefined }): ProgrammeStatus =>
  details.lifecycle?.status ?? 'borrador';

/** `POST …/lifecycle`: approving or ratifying, with the agreement that did it. */
export const lifecycleBody = z.object({
  step: z.enum(['aprobado', 'ratificado'], 'El paso es «aprobado» o «ratificado».'),
  agreement: trimmedTextOf(TEXT_MAX.label).min(1, 'Indique el acuerdo (p. ej. «CVOE/040/20»).'),
  date: isoDateSchema,
  session: trimmedTextOf(TEXT_MAX.label).min(1).optional(),
});
export type LifecycleBody = z.input<typeof lifecycleBody>;
export type LifecycleStep = z.output<typeof lifecycleBody>;

/** What a change to a ratified plan must carry. */
export const reprogrammingSchema = z.object({
  reason: trimmedTextOf(TEXT_MAX.reason).min(1, 'Indique el motivo de la reprogramación.'),
  agreement: trimmedTextOf(TEXT_MAX.label).min(
    1,
    'Indique el acuerdo que aprueba la reprogramación.',
  ),
});
export type Reprogramming = z.infer<typeof reprogrammingSchema>;

/**
 * Why a step cannot be taken from `status`, in Spanish, or undefined when it can: approving a
 * draft, ratifying an approved programme, nothing else.
 */
export function stepRefusal(
  status: ProgrammeStatus,
  step: LifecycleStep['step'],
): string | undefined {
  if (step === 'aprobado' && status !== 'borrador')
    return `El programa ya está ${PROGRAMME_STATUS_TEXT[status].toLowerCase()}: solo un borrador se aprueba.`;
  if (step === 'ratificado' && status === 'borrador')
    return 'El programa está en borrador: primero se aprueba (septiembre) y después se ratifica (enero).';
  if (step === 'ratificado' && status === 'ratificado') return 'El programa ya está ratificado.';
  return undefined;
}

/** How one activity's plan differs from another plan of it (the baseline, or the plan before a change). */
export const activityVarianceSchema = z.object({
  activityId: activityIdSchema,
  /** `added`: not in the earlier plan; `dropped`: no longer planned; `changed`: months differ. */
  kind: z.enum(['added', 'dropped', 'changed']),
  /** A month taken out paired with one put in, in calendar order. */
  moved: z.array(z.object({ from: monthSchema, to: monthSchema })),
  added: z.array(monthSchema),
  dropped: z.array(monthSchema),
});
export type ActivityVariance = z.infer<typeof activityVarianceSchema>;

type Months = readonly number[];
type Month = z.infer<typeof monthSchema>;

const sorted = (months: Iterable<number>) => [...months].sort((a, b) => a - b) as Month[];

/** One activity's months against its earlier months: pairs of moved months, then what is left over. */
export function monthVariance(
  before: Months,
  after: Months,
): Pick<ActivityVariance, 'moved' | 'added' | 'dropped'> {
  const out = sorted(before.filter((m) => !after.includes(m)));
  const into = sorted(after.filter((m) => !before.includes(m)));
  const pairs = Math.min(out.length, into.length);
  return {
    moved: out.slice(0, pairs).map((from, i) => ({ from, to: into[i] as Month })),
    added: into.slice(pairs),
    dropped: out.slice(pairs),
  };
}

/**
 * Every activity whose plan differs between `before` and `after` (activity id → planned months),
 * in activity order: added, dropped, or with months moved, added or dropped.
 */
export function planVariance(
  before: readonly { id: string; months: Months }[],
  after: readonly { id: string; months: Months }[],
): ActivityVariance[] {
  const earlier = new Map(before.map((a) => [a.id, a.months]));
  const later = new Map(after.map((a) => [a.id, a.months]));
  const ids = [...new Set([...earlier.keys(), ...later.keys()])].sort(compareActivityIds);
  const variances: ActivityVariance[] = [];
  for (const activityId of ids) {
    const was = earlier.get(activityId);
    const is = later.get(activityId);
    if (!was)
      variances.push({
        activityId,
        kind: 'added',
        moved: [],
        added: sorted(is ?? []),
        dropped: [],
      });
    else if (!is)
      variances.push({ activityId, kind: 'dropped', moved: [], added: [], dropped: sorted(was) });
    else {
      const months = monthVariance(was, is);
      if (months.moved.length + months.added.length + months.dropped.length > 0)
        variances.push({ activityId, kind: 'changed', ...months });
    }
  }
  return variances;
}

/** "2.10" after "2.9", axis by axis. */
export function compareActivityIds(a: string, b: string): number {
  const [axisA = 0, numberA = 0] = a.split('.').map(Number);
  const [axisB = 0, numberB = 0] = b.split('.').map(Number);
  return axisA - axisB || numberA - numberB;
}

const lower = (month: number) => monthName(month).toLowerCase();
const monthList = (months: readonly number[]) => spanishList(months.map(lower));

/** One activity's variance in a sentence: «Movida de marzo a mayo; se agregó junio.» */
export function varianceText(v: ActivityVariance): string {
  if (v.kind === 'added') return `Actividad agregada (${monthList(v.added)}).`;
  if (v.kind === 'dropped') return `Actividad retirada (tenía ${monthList(v.dropped)}).`;
  const parts = [
    ...v.moved.map((m) => `movida de ${lower(m.from)} a ${lower(m.to)}`),
    ...(v.added.length ? [`se agregó ${monthList(v.added)}`] : []),
    ...(v.dropped.length ? [`se quitó ${monthList(v.dropped)}`] : []),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** Totals of a variance list, for the dashboard's and the reports' summaries. */
export function varianceTotals(variances: readonly ActivityVariance[]) {
  return {
    activitiesAdded: variances.filter((v) => v.kind === 'added').length,
    activitiesDropped: variances.filter((v) => v.kind === 'dropped').length,
    monthsMoved: variances.reduce((n, v) => n + v.moved.length, 0),
    monthsAdded: variances.reduce((n, v) => n + (v.kind === 'changed' ? v.added.length : 0), 0),
    monthsDropped: variances.reduce((n, v) => n + (v.kind === 'changed' ? v.dropped.length : 0), 0),
  };
}
export const varianceTotalsSchema = z.object({
  activitiesAdded: z.number().int(),
  activitiesDropped: z.number().int(),
  monthsMoved: z.number().int(),
  monthsAdded: z.number().int(),
  monthsDropped: z.number().int(),
});

/** A reprogramación as history keeps it: who, when, why, the agreement, and what changed. */
export const reprogrammingRecordSchema = reprogrammingSchema.extend({
  at: z.string(),
  by: z.string(),
  changes: z.array(activityVarianceSchema),
});
export type ReprogrammingRecord = z.infer<typeof reprogrammingRecordSchema>;

/** `POST …/draft`: next year's programme, as a draft, under a new id. */
export const draftBody = z.object({
  year: z.number().int().min(2000).max(2100),
  id: programIdSchema,
});
export type DraftBody = z.input<typeof draftBody>;
