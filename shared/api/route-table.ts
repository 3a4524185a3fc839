/**
 * The API's routes as plain data: name (the function's name in the Functions host), method, path
 * under /api/ in the host's template syntax and the role each needs. No schemas here, so the
 * Functions app can register its routes at start without building the contract's schemas
 * (`routes.ts` adds each route's answer schema, for the clients and the server's handlers).
 */
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

export interface RouteInfo {
  name: string;
  method: HttpMethod;
  /** After /api/: `programs/{programId}`. */
  path: string;
  /** null: anonymous; `signed-in`: anyone whose identity checks out, whatever their roles. */
  role: Role | 'signed-in' | null;
}

export const ROUTES = {
  health: { name: 'health', method: 'GET', path: 'health', role: null },
  listPrograms: { name: 'listPrograms', method: 'GET', path: 'programs', role: 'signed-in' },
  getProgram: { name: 'getProgram', method: 'GET', path: 'programs/{programId}', role: 'viewer' },
  putPlan: { name: 'putPlan', method: 'PUT', path: 'programs/{programId}/plan', role: 'editor' },
  patchMonthStatus: {
    name: 'patchMonthStatus',
    method: 'PATCH',
    path: 'programs/{programId}/activities/{activityId}/months/{month}',
    role: 'editor',
  },
  sync: { name: 'sync', method: 'POST', path: 'programs/{programId}/sync', role: 'editor' },
  history: { name: 'history', method: 'GET', path: 'programs/{programId}/history', role: 'viewer' },
  getSessions: {
    name: 'getSessions',
    method: 'GET',
    path: 'programs/{programId}/sessions',
    role: 'viewer',
  },
  generateSessions: {
    name: 'generateSessions',
    method: 'POST',
    path: 'programs/{programId}/sessions/generate',
    role: 'editor',
  },
  patchSession: {
    name: 'patchSession',
    method: 'PATCH',
    path: 'programs/{programId}/sessions/{number}',
    role: 'editor',
  },
  getSessionsIcs: {
    name: 'getSessionsIcs',
    method: 'GET',
    path: 'programs/{programId}/sessions.ics',
    role: 'viewer',
  },
  getSessionsXlsx: {
    name: 'getSessionsXlsx',
    method: 'GET',
    path: 'programs/{programId}/sessions.xlsx',
    role: 'viewer',
  },
  /** The programme's Word document (.docx), written from the store. */
  getProgramDocument: {
    name: 'getProgramDocument',
    method: 'GET',
    path: 'programs/{programId}/document',
    role: 'viewer',
  },
  /** Admins: the plan a programme's Word document states, stored (the .docx as the body). */
  importProgramDocument: {
    name: 'importProgramDocument',
    method: 'PUT',
    path: 'programs/{programId}/document',
    role: 'admin',
  },
  /** Admins: approve a draft, ratify an approved programme (which freezes its baseline). */
  moveLifecycle: {
    name: 'moveLifecycle',
    method: 'POST',
    path: 'programs/{programId}/lifecycle',
    role: 'admin',
  },
  /** A ratified programme's changes to its plan, newest first. */
  listReprogrammings: {
    name: 'listReprogrammings',
    method: 'GET',
    path: 'programs/{programId}/reprogrammings',
    role: 'viewer',
  },
  /** Admins: next year's draft from this programme. */
  draftNextYear: {
    name: 'draftNextYear',
    method: 'POST',
    path: 'programs/{programId}/draft',
    role: 'admin',
  },
  /** The periods whose report to the Consejo General was frozen. */
  listPeriodReports: {
    name: 'listPeriodReports',
    method: 'GET',
    path: 'programs/{programId}/reports',
    role: 'viewer',
  },
  /** Editors: freeze the report of a quarter (`2021-T2`) or the year (`2021`). */
  freezePeriodReport: {
    name: 'freezePeriodReport',
    method: 'POST',
    path: 'programs/{programId}/reports/{period}',
    role: 'editor',
  },
  /** `?format=json|xlsx|docx`: the frozen report, or a preview marked «preliminar». */
  getPeriodReport: {
    name: 'getPeriodReport',
    method: 'GET',
    path: 'programs/{programId}/reports/{period}',
    role: 'viewer',
  },
  /** Admins: the responsible areas and their people (who reminders reach). */
  listAreas: {
    name: 'listAreas',
    method: 'GET',
    path: 'programs/{programId}/areas',
    role: 'admin',
  },
  putArea: {
    name: 'putArea',
    method: 'PUT',
    path: 'programs/{programId}/areas/{area}',
    role: 'admin',
  },
  /** The update page: the signed-in person's due and overdue months (their areas' only). */
  myMonths: {
    name: 'myMonths',
    method: 'GET',
    path: 'programs/{programId}/my-months',
    role: 'signed-in',
  },
  /** A month of one of the signed-in person's areas, set from the update page (`If-Match`). */
  patchMyMonth: {
    name: 'patchMyMonth',
    method: 'PATCH',
    path: 'programs/{programId}/my-months/{activityId}/{month}',
    role: 'signed-in',
  },
  /** A reminder's opt-out link: a page asking to confirm (GET never changes anything)… */
  optOutPage: {
    name: 'optOutPage',
    method: 'GET',
    path: 'programs/{programId}/reminders/opt-out/{token}',
    role: null,
  },
  /** …and the confirmation (the token in the URL is the only credential). */
  optOut: {
    name: 'optOut',
    method: 'POST',
    path: 'programs/{programId}/reminders/opt-out/{token}',
    role: null,
  },
  /** `?format=json` (the session report's schema), `csv` or `xlsx` (files). */
  getSessionReport: {
    name: 'getSessionReport',
    method: 'GET',
    path: 'programs/{programId}/sessions/{number}/report',
    role: 'viewer',
  },
  listCalendarFeeds: {
    name: 'listCalendarFeeds',
    method: 'GET',
    path: 'programs/{programId}/calendar-feeds',
    role: 'editor',
  },
  createCalendarFeed: {
    name: 'createCalendarFeed',
    method: 'POST',
    path: 'programs/{programId}/calendar-feeds',
    role: 'editor',
  },
  revokeCalendarFeed: {
    name: 'revokeCalendarFeed',
    method: 'DELETE',
    path: 'programs/{programId}/calendar-feeds/{feed}',
    role: 'editor',
  },
  /** The subscribable .ics: the token in the URL is the only credential (calendar apps send no other). */
  getCalendarFeed: {
    name: 'getCalendarFeed',
    method: 'GET',
    path: 'feeds/{token}/calendario.ics',
    role: null,
  },
  listExports: {
    name: 'listExports',
    method: 'GET',
    path: 'programs/{programId}/exports',
    role: 'viewer',
  },
  getExport: {
    name: 'getExport',
    method: 'GET',
    path: 'programs/{programId}/exports/{date}/{name}',
    role: 'viewer',
  },
  /** `?programId=` gives the roles over that programme (what the dashboard shows controls for). */
  me: { name: 'me', method: 'GET', path: 'me', role: 'signed-in' },
  authConfig: { name: 'authConfig', method: 'GET', path: 'auth-config', role: null },
  listMembers: {
    name: 'listMembers',
    method: 'GET',
    path: 'programs/{programId}/members',
    role: 'admin',
  },
  putMember: {
    name: 'putMember',
    method: 'PUT',
    path: 'programs/{programId}/members/{kind}/{memberId}',
    role: 'admin',
  },
  removeMember: {
    name: 'removeMember',
    method: 'DELETE',
    path: 'programs/{programId}/members/{kind}/{memberId}',
    role: 'admin',
  },
} as const satisfies Record<string, RouteInfo>;
