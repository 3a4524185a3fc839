import {
  CalendarError,
  CalendarFullError,
  SessionCalendar,
  SessionNotFoundError,
  generateCalendar,
  legalCheckpoints,
  rescheduleSession,
  validateCalendar,
} from '../../../shared/calendar/calendar';
import { calendarIcs } from '../../../shared/calendar/formats';
import { Deps } from '../../deps';
import {
  generateSessionsBody,
  icsQuery,
  programParams,
  rescheduleBody,
  sessionParams,
} from '../../../shared/api/requests';
import { BadRequestError, body, params, query } from '../parse';
import { answer, conflict, file, notFound, preconditionFailed } from '../responses';
import { RouteHandler } from '../route';
import { readSnapshot } from '../../services/program-view';
import { XLSX, calendarXlsx } from '../../services/documents';
import { EtagMismatchError } from '../../store/errors';
import { ProgramStore } from '../../store/program-store';
import { API, CalendarView } from '../../../shared/api';

function calendarView(calendar: SessionCalendar, etag: string): CalendarView {
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

/** The calendar as readers see it (the programme's snapshot); NotFoundError without a programme. */
async function readCalendar(store: ProgramStore, programId: string) {
  return (await readSnapshot(store, programId)).calendar;
}

/** The calendar as a writer must see it: read from storage now, with its current ETag. */
async function currentCalendar(store: ProgramStore, programId: string) {
  await store.requireProgram(programId);
  return store.getCalendar(programId);
}

export const getSessions =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const found = await readCalendar(store, programId);
    if (!found)
      return notFound(`El programa «${programId}» aún no tiene calendario de sesiones: genérelo.`);
    return answer(API.getSessions, calendarView(found.calendar, found.etag), { ETag: found.etag });
  };

export const generateSessions =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const { replace, year, ...rule } = await body(request, generateSessionsBody);
    const program = await store.requireProgram(programId);
    const existing = await store.getCalendar(programId);
    if (existing && existing.calendar.changes.length > 0 && !replace)
      return conflict({
        error:
          'El calendario actual tiene cambios registrados (reprogramaciones o sesiones extraordinarias). Envíe "replace": true para reemplazarlo.',
      });
    let calendar: SessionCalendar;
    try {
      calendar = generateCalendar({ year: year ?? program.year, ...rule });
    } catch (error) {
      if (error instanceof CalendarError)
        throw new BadRequestError([{ path: 'body.overrides', message: error.message }]);
      throw error;
    }
    const etag = await store.saveCalendar(programId, calendar, { name: principal.name });
    return answer(API.generateSessions, calendarView(calendar, etag), { ETag: etag }, 201);
  };

export const patchSession =
  ({ store, now }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, number } = params(request, sessionParams);
    const change = await body(request, rescheduleBody);
    const found = await currentCalendar(store, programId);
    if (!found) return notFound(`El programa «${programId}» aún no tiene calendario de sesiones.`);
    const ifMatch = request.headers.get('if-match');
    if (ifMatch && ifMatch !== found.etag)
      return preconditionFailed({
        error: 'El calendario cambió desde que lo leyó.',
        etag: found.etag,
      });
    let calendar: SessionCalendar;
    try {
      calendar = rescheduleSession(found.calendar, {
        number,
        type: change.type,
        date: change.date,
        reason: change.reason,
        by: principal.name,
        at: now().toISOString(),
      });
    } catch (error) {
      // A session that does not exist is a 404 (its own error class); any other is the date's fault.
      if (
        error instanceof CalendarError &&
        !(error instanceof SessionNotFoundError) &&
        !(error instanceof CalendarFullError)
      )
        throw new BadRequestError([{ path: 'body.date', message: error.message }]);
      throw error;
    }
    try {
      const etag = await store.saveCalendar(
        programId,
        calendar,
        { name: principal.name },
        found.etag,
      );
      return answer(API.patchSession, calendarView(calendar, etag), { ETag: etag });
    } catch (error) {
      if (error instanceof EtagMismatchError)
        return preconditionFailed({
          error: 'Otra persona cambió el calendario al mismo tiempo. Vuelva a cargarlo.',
        });
      throw error;
    }
  };

export const getSessionsIcs =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const { time } = query(request, icsQuery);
    const found = await readCalendar(store, programId);
    if (!found) return notFound(`El programa «${programId}» aún no tiene calendario de sesiones.`);
    const program = await store.requireProgram(programId);
    const commission = program.details.commission.acronym;
    return file(
      calendarIcs(found.calendar, { commission, time }),
      'text/calendar; charset=utf-8',
      `sesiones-${programId}.ics`,
    );
  };

export const getSessionsXlsx =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const snapshot = await readSnapshot(store, programId);
    if (!snapshot.calendar)
      return notFound(`El programa «${programId}» aún no tiene calendario de sesiones.`);
    return file(Buffer.from(await calendarXlsx(snapshot)), XLSX, `sesiones-${programId}.xlsx`);
  };
