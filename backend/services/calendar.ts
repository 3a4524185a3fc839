/**
 * The session calendar: read (from the programme's snapshot), generated from a rule, a session
 * rescheduled, and as `.ics`. Writers read storage now and write over the calendar's ETag.
 */
import { CalendarView, GenerateSessionsRequest, RescheduleRequest } from '../../shared/api';
import {
  CalendarError,
  CalendarFullError,
  SessionCalendar,
  SessionNotFoundError,
  generateCalendar,
  legalCheckpoints,
  rescheduleSession as reschedule,
  validateCalendar,
} from '../../shared/calendar/calendar';
import { calendarIcs } from '../../shared/calendar/formats';
import { BadRequestError, ConflictError, EtagMismatchError, NotFoundError } from '../errors';
import { Store } from '../store/store';
import { readSnapshot } from './program-view';

/** The calendar as the API shows it: sessions, changes, legal checkpoints and issues. */
export function calendarView(calendar: SessionCalendar, etag: string): CalendarView {
  const { ratification, approval } = legalCheckpoints(calendar);
  return {
    year: calendar.year,
    rule: calendar.rule,
    sessions: calendar.sessions,
    changes: calendar.changes,
    checkpoints: { ratification: ratification?.label ?? null, approval: approval?.label ?? null },
    issues: validateCalendar(calendar),
    etag,
  };
}

/** The calendar as readers see it (the snapshot's); undefined when the programme has none yet. */
export async function readCalendar(
  store: Store,
  programId: string,
): Promise<{ view: CalendarView; etag: string } | undefined> {
  const found = (await readSnapshot(store, programId)).calendar;
  return found && { view: calendarView(found.calendar, found.etag), etag: found.etag };
}

/**
 * A new calendar by the rule (the programme's year unless given). ConflictError when the current
 * one has recorded changes and `replace` was not asked; BadRequestError for an impossible date.
 */
export async function generateSessions(
  store: Store,
  programId: string,
  request: GenerateSessionsRequest,
  actor: { name: string },
): Promise<{ view: CalendarView; etag: string }> {
  const { replace, year, ...rule } = request;
  const program = await store.programmes.require(programId);
  const existing = await store.calendars.get(programId);
  if (existing && existing.calendar.changes.length > 0 && !replace)
    throw new ConflictError(
      'El calendario actual tiene cambios registrados (reprogramaciones o sesiones extraordinarias). Envíe "replace": true para reemplazarlo.',
    );
  let calendar: SessionCalendar;
  try {
    calendar = generateCalendar({ year: year ?? program.year, ...rule });
  } catch (error) {
    if (error instanceof CalendarError)
      throw new BadRequestError([{ path: 'body.overrides', message: error.message }]);
    throw error;
  }
  const etag = await store.calendars.save(programId, calendar, actor);
  return { view: calendarView(calendar, etag), etag };
}

/**
 * Moves a session to another date, keeping its number, over the ETag the person saw (when given).
 * NotFoundError without a calendar or that session; EtagMismatchError when it changed meanwhile;
 * BadRequestError for a date the calendar cannot take.
 */
export async function rescheduleSession(
  store: Store,
  programId: string,
  change: RescheduleRequest & { number: number },
  ifMatch: string | undefined,
  actor: { name: string },
  at: Date,
): Promise<{ view: CalendarView; etag: string }> {
  await store.programmes.require(programId);
  const found = await store.calendars.get(programId);
  if (!found)
    throw new NotFoundError(`El programa «${programId}» aún no tiene calendario de sesiones.`);
  if (ifMatch && ifMatch !== found.etag)
    throw new EtagMismatchError('El calendario cambió desde que lo leyó.', { etag: found.etag });
  let calendar: SessionCalendar;
  try {
    calendar = reschedule(found.calendar, { ...change, by: actor.name, at: at.toISOString() });
  } catch (error) {
    // A session that does not exist is a 404 and a full calendar a 409 (their own classes); any
    // other is the date's fault.
    if (
      error instanceof CalendarError &&
      !(error instanceof SessionNotFoundError) &&
      !(error instanceof CalendarFullError)
    )
      throw new BadRequestError([{ path: 'body.date', message: error.message }]);
    throw error;
  }
  try {
    const etag = await store.calendars.save(programId, calendar, actor, found.etag);
    return { view: calendarView(calendar, etag), etag };
  } catch (error) {
    if (error instanceof EtagMismatchError)
      throw new EtagMismatchError(
        'Otra persona cambió el calendario al mismo tiempo. Vuelva a cargarlo.',
      );
    throw error;
  }
}

/** The calendar as `.ics` (sessions at `time`, Mexico City); undefined without a calendar. */
export async function calendarIcsFile(
  store: Store,
  programId: string,
  time?: string,
): Promise<string | undefined> {
  const snapshot = await readSnapshot(store, programId);
  if (!snapshot.calendar) return undefined;
  const commission = snapshot.program.details.commission.acronym;
  return calendarIcs(snapshot.calendar.calendar, { commission, ...(time ? { time } : {}) });
}
