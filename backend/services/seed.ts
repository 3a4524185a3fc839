/** Loads a whole programme (plan and calendar) into the store: `pat seed` and `npm start` use it. */
import { generateCalendar } from '../../shared/calendar/calendar';
import { Month } from '../../shared/months';
import { Programme } from '../../shared/schemas';
import { Store } from '../store/store';
import { diffPlan } from './plan-diff';
import { baselineOf } from './lifecycle';

export async function seedProgramme(
  store: Store,
  programme: Programme,
  actorName = 'pat seed',
  /**
   * `ratified`: in the year's step its agreements state (the 2021 programme was ratified by
   * CVOE/003/21), its plan frozen as the baseline; `draft` (tests): a draft, its plan open.
   */
  as: 'ratified' | 'draft' = 'draft',
): Promise<{ activities: number; months: number; sessions: number }> {
  const { activities, sessions: _sessions, ...details } = programme;
  await store.programmes.save(
    { id: programme.id, year: programme.year, title: programme.title },
    details,
  );
  const diff = diffPlan(
    await store.programmes.activities(programme.id),
    await store.statuses.list(programme.id),
    {
      year: programme.year,
      axes: programme.axes,
      activities: activities.map((a) => ({ ...a, months: a.months as Month[] })),
    },
  );
  await store.programmes.applyPlan(programme.id, diff, { name: actorName });
  const calendar = generateCalendar({ year: programme.year, ...programme.calendarRule });
  await store.calendars.save(programme.id, calendar, { name: actorName });
  if (as === 'ratified')
    await store.programmes.update(programme.id, async (current) => ({
      summary: { id: programme.id, year: programme.year, title: programme.title },
      details: {
        ...(current?.details ?? details),
        lifecycle: {
          status: 'ratificado',
          baseline: await baselineOf(
            store,
            programme.id,
            details.agreements.ratification,
            new Date().toISOString(),
          ),
        },
      },
    }));
  return {
    activities: activities.length,
    months: activities.reduce((n, a) => n + a.months.length, 0),
    sessions: calendar.sessions.length,
  };
}
