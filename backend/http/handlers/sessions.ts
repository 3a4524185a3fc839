import { API } from '../../../shared/api';
import {
  generateSessionsBody,
  icsQuery,
  programParams,
  rescheduleBody,
  sessionParams,
} from '../../../shared/api/requests';
import { Deps } from '../deps';
import {
  calendarIcsFile,
  generateSessions as generate,
  readCalendar,
  rescheduleSession,
} from '../../services/calendar';
import { XLSX, calendarXlsx } from '../../services/documents';
import { readSnapshot } from '../../services/program-view';
import { body, params, query } from '../parse';
import { answer, file, notFound } from '../responses';
import { RouteHandler } from '../route';

export const getSessions =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const found = await readCalendar(store, programId);
    if (!found)
      return notFound(`El programa «${programId}» aún no tiene calendario de sesiones: genérelo.`);
    return answer(API.getSessions, found.view, { ETag: found.etag });
  };

export const generateSessions =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const rule = await body(request, generateSessionsBody);
    const { view, etag } = await generate(store, programId, rule, { name: principal.name });
    return answer(API.generateSessions, view, { ETag: etag }, 201);
  };

export const patchSession =
  ({ store, now }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, number } = params(request, sessionParams);
    const change = await body(request, rescheduleBody);
    const { view, etag } = await rescheduleSession(
      store,
      programId,
      { number, ...change },
      request.headers.get('if-match') ?? undefined,
      { name: principal.name },
      now(),
    );
    return answer(API.patchSession, view, { ETag: etag });
  };

export const getSessionsIcs =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const { time } = query(request, icsQuery);
    const ics = await calendarIcsFile(store, programId, time);
    if (ics === undefined)
      return notFound(`El programa «${programId}» aún no tiene calendario de sesiones.`);
    return file(ics, 'text/calendar; charset=utf-8', `sesiones-${programId}.ics`);
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
