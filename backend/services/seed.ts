/** Loads a whole programme (plan and calendar) into the store: `pat seed` and `npm start` use it. */
import { generateCalendar } from '../../shared/calendar/calendar';
import { Month } from '../../shared/months';
import { Programme } from '../../shared/schemas';
import { Store } from '../store/store';
import { diffPlan } from './plan-diff';

export async function seedProgramme(
  store: Store,
  programme: Programme,
  actorName = 'pat seed',
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
  return {
    activities: activities.length,
    months: activities.reduce((n, a) => n + a.months.length, 0),
    sessions: calendar.sessions.length,
  };
}
