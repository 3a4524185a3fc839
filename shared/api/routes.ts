/**
 * The API's routes as one list: name (the function's name in the Functions host), method, path
 * under /api/ in the host's template syntax, the role it needs, and the schema of its answer.
 * The server's trigger table registers exactly these; the add-in's client builds its requests
 * from them and parses every answer with `response`.
 */
import { z } from 'zod';
import { sessionReportSchema } from '../report/session-report';
import {
  authConfigSchema,
  calendarFeedCreatedSchema,
  calendarFeedListSchema,
  calendarViewSchema,
  exportListSchema,
  meSchema,
  memberListSchema,
  memberSchema,
  healthSchema,
  historyPageSchema,
  monthStatusAnswerSchema,
  programListSchema,
  programViewSchema,
  syncAnswerSchema,
  upsertPlanResultSchema,
} from './responses';

/** App-wide and per programme: `editor` implies `viewer`; `admin` may do everything. */
export type Role = 'viewer' | 'editor' | 'admin';
/** A person's highest role, as the pane and the dashboard show it beside their name. */
export function roleText(roles: readonly string[]): string {
  if (roles.includes('admin')) return 'administración';
  if (roles.includes('editor')) return 'edición';
  if (roles.includes('viewer')) return 'consulta';
  return 'sin rol';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute<R extends z.ZodType | null = z.ZodType | null> {
  name: string;
  method: HttpMethod;
  /** After /api/: `programs/{programId}`. */
  path: string;
  /** null: anonymous; `signed-in`: anyone whose identity checks out, whatever their roles. */
  role: Role | 'signed-in' | null;
  /** The success answer's JSON; null for a file download. */
  response: R;
}

const route = <R extends z.ZodType | null>(r: ApiRoute<R>): ApiRoute<R> => r;

export const API = {
  health: route({
    name: 'health',
    method: 'GET',
    path: 'health',
    role: null,
    response: healthSchema,
  }),
  listPrograms: route({
    name: 'listPrograms',
    method: 'GET',
    path: 'programs',
    role: 'signed-in',
    response: programListSchema,
  }),
  getProgram: route({
    name: 'getProgram',
    method: 'GET',
    path: 'programs/{programId}',
    role: 'viewer',
    response: programViewSchema,
  }),
  putPlan: route({
    name: 'putPlan',
    method: 'PUT',
    path: 'programs/{programId}/plan',
    role: 'editor',
    response: upsertPlanResultSchema,
  }),
  patchMonthStatus: route({
    name: 'patchMonthStatus',
    method: 'PATCH',
    path: 'programs/{programId}/activities/{activityId}/months/{month}',
    role: 'editor',
    response: monthStatusAnswerSchema,
  }),
  sync: route({
    name: 'sync',
    method: 'POST',
    path: 'programs/{programId}/sync',
    role: 'editor',
    response: syncAnswerSchema,
  }),
  history: route({
    name: 'history',
    method: 'GET',
    path: 'programs/{programId}/history',
    role: 'viewer',
    response: historyPageSchema,
  }),
  getSessions: route({
    name: 'getSessions',
    method: 'GET',
    path: 'programs/{programId}/sessions',
    role: 'viewer',
    response: calendarViewSchema,
  }),
  generateSessions: route({
    name: 'generateSessions',
    method: 'POST',
    path: 'programs/{programId}/sessions/generate',
    role: 'editor',
    response: calendarViewSchema,
  }),
  patchSession: route({
    name: 'patchSession',
    method: 'PATCH',
    path: 'programs/{programId}/sessions/{number}',
    role: 'editor',
    response: calendarViewSchema,
  }),
  getSessionsIcs: route({
    name: 'getSessionsIcs',
    method: 'GET',
    path: 'programs/{programId}/sessions.ics',
    role: 'viewer',
    response: null,
  }),
  getSessionsXlsx: route({
    name: 'getSessionsXlsx',
    method: 'GET',
    path: 'programs/{programId}/sessions.xlsx',
    role: 'viewer',
    response: null,
  }),
  /** `?format=json` (this schema), `csv` or `xlsx` (files). */
  getSessionReport: route({
    name: 'getSessionReport',
    method: 'GET',
    path: 'programs/{programId}/sessions/{number}/report',
    role: 'viewer',
    response: sessionReportSchema,
  }),
  listCalendarFeeds: route({
    name: 'listCalendarFeeds',
    method: 'GET',
    path: 'programs/{programId}/calendar-feeds',
    role: 'editor',
    response: calendarFeedListSchema,
  }),
  createCalendarFeed: route({
    name: 'createCalendarFeed',
    method: 'POST',
    path: 'programs/{programId}/calendar-feeds',
    role: 'editor',
    response: calendarFeedCreatedSchema,
  }),
  revokeCalendarFeed: route({
    name: 'revokeCalendarFeed',
    method: 'DELETE',
    path: 'programs/{programId}/calendar-feeds/{feed}',
    role: 'editor',
    response: null,
  }),
  /** The subscribable .ics: the token in the URL is the only credential (calendar apps send no other). */
  getCalendarFeed: route({
    name: 'getCalendarFeed',
    method: 'GET',
    path: 'feeds/{token}/calendario.ics',
    role: null,
    response: null,
  }),
  listExports: route({
    name: 'listExports',
    method: 'GET',
    path: 'programs/{programId}/exports',
    role: 'viewer',
    response: exportListSchema,
  }),
  getExport: route({
    name: 'getExport',
    method: 'GET',
    path: 'programs/{programId}/exports/{date}/{name}',
    role: 'viewer',
    response: null,
  }),
  /** `?programId=` gives the roles over that programme (what the dashboard shows controls for). */
  me: route({ name: 'me', method: 'GET', path: 'me', role: 'signed-in', response: meSchema }),
  authConfig: route({
    name: 'authConfig',
    method: 'GET',
    path: 'auth-config',
    role: null,
    response: authConfigSchema,
  }),
  listMembers: route({
    name: 'listMembers',
    method: 'GET',
    path: 'programs/{programId}/members',
    role: 'admin',
    response: memberListSchema,
  }),
  putMember: route({
    name: 'putMember',
    method: 'PUT',
    path: 'programs/{programId}/members/{kind}/{memberId}',
    role: 'admin',
    response: memberSchema,
  }),
  removeMember: route({
    name: 'removeMember',
    method: 'DELETE',
    path: 'programs/{programId}/members/{kind}/{memberId}',
    role: 'admin',
    response: null,
  }),
} as const;

/** The path of a route with its parameters filled in, each one URL-encoded. */
export function apiPath(r: ApiRoute, params: Record<string, string | number> = {}): string {
  return r.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Falta el parámetro ${name} de ${r.name}.`);
    return encodeURIComponent(String(value));
  });
}
