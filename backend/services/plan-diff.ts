/**
 * What a plan read from a sheet changes in storage. Pure: existing records and the new plan in,
 * the writes out. Nothing a person reported is dropped: a month that stays planned keeps its
 * status; a month or activity that leaves the plan is marked so, with its status and history kept.
 */
import { Month } from '../../shared/months';
import { ActivityRecord, PlanWrites, StatusRecord } from '../store/records';
import { monthKey } from '../../shared/sync/three-way';

export interface PlanActivityInput {
  id: string;
  axis: number;
  description: string;
  period?: string;
  months: Month[];
  responsibleArea?: string;
  strategicLines?: string[];
}

export interface PlanInput {
  year: number;
  title?: string;
  axes: { number: number; name: string }[];
  activities: PlanActivityInput[];
}

/** The writes a plan makes: the store's `PlanWrites`, worked out here. */
export type PlanDiff = PlanWrites;

export const DEFAULT_RESPONSIBLE_AREA = 'UTVOE';

export function diffPlan(
  existing: ActivityRecord[],
  statuses: StatusRecord[],
  plan: PlanInput,
): PlanDiff {
  const axisName = new Map(plan.axes.map((a) => [a.number, a.name]));
  const previous = new Map(existing.map((a) => [a.id, a]));
  const statusByKey = new Map(statuses.map((s) => [monthKey(s.activityId, s.month), s]));
  const planned = new Set<string>();
  const activityWrites: ActivityRecord[] = [];
  const statusCreates: PlanDiff['statusCreates'] = [];

  for (const input of plan.activities) {
    const before = previous.get(input.id);
    const strategicLines = input.strategicLines ?? before?.strategicLines;
    const record: ActivityRecord = {
      id: input.id,
      axis: input.axis,
      axisName: axisName.get(input.axis) ?? '',
      description: input.description,
      ...(input.period ? { period: input.period } : {}),
      months: [...input.months].sort((a, b) => a - b),
      responsibleArea: input.responsibleArea ?? before?.responsibleArea ?? DEFAULT_RESPONSIBLE_AREA,
      ...(strategicLines ? { strategicLines } : {}),
      active: true,
    };
    if (!before || comparable(before) !== comparable(record)) activityWrites.push(record);
    for (const month of record.months) {
      planned.add(monthKey(input.id, month));
      if (!statusByKey.has(monthKey(input.id, month)))
        statusCreates.push({ activityId: input.id, month });
    }
  }
  const inPlan = new Set(plan.activities.map((a) => a.id));
  for (const old of existing)
    if (old.active && !inPlan.has(old.id)) activityWrites.push({ ...old, active: false });

  const plannedFlips = statuses
    .filter((s) => s.planned !== planned.has(monthKey(s.activityId, s.month)))
    .map((record) => ({ record, planned: !record.planned }));
  return { activityWrites, statusCreates, plannedFlips };
}

const comparable = (a: ActivityRecord) =>
  JSON.stringify([
    a.id,
    a.axis,
    a.axisName,
    a.description,
    a.period ?? null,
    a.months,
    a.responsibleArea,
    a.strategicLines ?? null,
    a.active,
  ]);
