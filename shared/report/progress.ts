/**
 * What managers look at before a session, worked out from the programme and its calendar as the
 * API gives them: progress per axis to date, overdue activities and who last touched them, and
 * the next sessions with what each is legally expected to do. Pure: "today" is passed in.
 */
import { CalendarSession, legalCheckpoints } from '../calendar/calendar';
import { monthClosedBy } from '../months';
import { ReportProgramme } from './session-report';

export interface AxisProgress {
  number: number;
  name: string;
  /** Planned months up to today's month. */
  planned: number;
  /** Of those, `realizada`. */
  done: number;
}

/** The month of `today` within the programme's year: 0 before it starts, 12 once it ended. */
function monthsElapsed(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 12;
  return Number(today.slice(5, 7));
}

/** Done vs planned to date (months up to today's), per axis and overall. */
export function progressByAxis(
  programme: ReportProgramme,
  today: string,
): { axes: AxisProgress[]; overall: { planned: number; done: number } } {
  const through = monthsElapsed(programme.year, today);
  // One pass over the activities (not one per axis): planned and done months per axis number.
  const counts = new Map<number, { planned: number; done: number }>();
  for (const a of programme.activities) {
    let c = counts.get(a.axis);
    if (!c) counts.set(a.axis, (c = { planned: 0, done: 0 }));
    for (const m of a.months)
      if (m <= through) {
        c.planned++;
        if (a.statuses[String(m)]?.status === 'realizada') c.done++;
      }
  }
  const axes = programme.axes.map((axis) => {
    const { planned, done } = counts.get(axis.number) ?? { planned: 0, done: 0 };
    return { number: axis.number, name: axis.name, planned, done };
  });
  return {
    axes,
    overall: axes.reduce((t, a) => ({ planned: t.planned + a.planned, done: t.done + a.done }), {
      planned: 0,
      done: 0,
    }),
  };
}

export interface OverdueActivity {
  id: string;
  axis: number;
  description: string;
  /** Planned months already closed with nothing reported. */
  months: number[];
  /** Whoever last changed any of its months, and when. */
  lastTouchedBy?: string;
  lastTouchedAt?: string;
}

/** Activities with planned months closed and still pending, the oldest first. */
export function overdueActivities(programme: ReportProgramme, today: string): OverdueActivity[] {
  return programme.activities
    .map((a) => {
      const months = a.months.filter(
        (m) =>
          (a.statuses[String(m)]?.status ?? 'pendiente') === 'pendiente' &&
          monthClosedBy(programme.year, m, today),
      );
      const last = Object.values(a.statuses).sort((x, y) =>
        y.updatedAt.localeCompare(x.updatedAt),
      )[0];
      return {
        id: a.id,
        axis: a.axis,
        description: a.description,
        months: [...months].sort((x, y) => x - y),
        ...(last ? { lastTouchedBy: last.updatedBy, lastTouchedAt: last.updatedAt } : {}),
      };
    })
    .filter((a) => a.months.length > 0)
    .sort((x, y) => (x.months[0] ?? 0) - (y.months[0] ?? 0) || x.axis - y.axis);
}

export interface UpcomingSession {
  number: number;
  type: string;
  date: string;
  label: string;
  /** What art. 57 CIPECM expects of it, in Spanish, when anything. */
  legal?: string;
}

/** The next sessions from today (today's included), with the legal checkpoints named. */
export function upcomingSessions(
  calendar: { year: number; sessions: readonly CalendarSession[] },
  today: string,
  count = 3,
): UpcomingSession[] {
  const { ratification, approval } = legalCheckpoints(calendar);
  return calendar.sessions
    .filter((s) => s.date >= today)
    .slice(0, count)
    .map((s) => ({
      number: s.number,
      type: s.type,
      date: s.date,
      label: s.label,
      ...(s === ratification
        ? { legal: `Ratifica el programa anual de trabajo ${calendar.year} (art. 57 del CIPECM).` }
        : s === approval
          ? {
              legal: `Aprueba el programa anual de trabajo ${calendar.year + 1} (art. 57 del CIPECM).`,
            }
          : {}),
    }));
}
