import { CronogramaRead } from './reader';
import { Month } from '../months';

export interface SheetPlan {
  year?: number;
  axes: { number: number; name: string }[];
  activities: {
    id: string;
    axis: number;
    description: string;
    months: Month[];
    period?: string;
    responsibleArea?: string;
  }[];
}

/** The plan a cronograma states: its axes (one per number; a nameless axis gets «Eje n») and activities. */
export function planFromSheet(read: CronogramaRead): SheetPlan {
  const axes = [
    ...new Map(
      read.axes.map((a) => [a.number, { number: a.number, name: a.name || `Eje ${a.number}` }]),
    ).values(),
  ];
  return {
    ...(read.year !== undefined ? { year: read.year } : {}),
    axes,
    activities: read.activities.map((a) => ({
      id: a.id,
      axis: a.axis,
      description: a.description,
      months: a.months,
      ...(a.period ? { period: a.period } : {}),
      ...(a.responsibleArea ? { responsibleArea: a.responsibleArea } : {}),
    })),
  };
}
