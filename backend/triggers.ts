/**
 * The trigger table: every HTTP route (from the API contract) and every timer, in one list that
 * both the Functions host (`functions/src/index.ts`: `app.http`, `app.timer`) and the local dev
 * host (`npm start`) register, so a handler is never written twice and both run the same things.
 */
import { API, ApiRoute } from '../shared/api';
import { Deps } from './deps';
import { getHealth } from './http/handlers/health';
import { getHistory } from './http/handlers/history';
import { patchMonthStatus } from './http/handlers/month-status';
import { getProgram, listPrograms, putPlan } from './http/handlers/programs';
import {
  generateSessions,
  getSessions,
  getSessionsIcs,
  getSessionsXlsx,
  patchSession,
} from './http/handlers/sessions';
import { postSync } from './http/handlers/sync';
import { getWebPage } from './http/handlers/web';
import { getExport, listExports } from './http/handlers/exports';
import {
  createCalendarFeed,
  getCalendarFeed,
  listCalendarFeeds,
  revokeCalendarFeed,
} from './http/handlers/feeds';
import { getAuthConfig, getMe } from './http/handlers/me';
import { listMembers, putMember, removeMember } from './http/handlers/members';
import { getSessionReport } from './http/handlers/reports';
import { Route, RouteHandler } from './http/route';
import { scheduledExports } from './timers/scheduled-exports';
import { scheduledBackups } from './timers/scheduled-backups';
import { Timer } from './timers/timer';

export type { Timer };

export interface Triggers {
  http: Route[];
  timers: Timer[];
}

/** The API lives under /api/ (the host's route prefix is empty, so the web pages can sit at the root). */
export const API_PREFIX = 'api/';

export function triggers(deps: Deps): Triggers {
  const http = (api: ApiRoute, handler: RouteHandler): Route => ({
    name: api.name,
    methods: [api.method],
    route: `${API_PREFIX}${api.path}`,
    role: api.role,
    handler,
    access: deps.access,
  });
  return {
    http: [
      http(API.health, getHealth(deps)),
      http(API.listPrograms, listPrograms(deps)),
      http(API.getProgram, getProgram(deps)),
      http(API.putPlan, putPlan(deps)),
      http(API.patchMonthStatus, patchMonthStatus(deps)),
      http(API.sync, postSync(deps)),
      http(API.history, getHistory(deps)),
      http(API.getSessions, getSessions(deps)),
      http(API.generateSessions, generateSessions(deps)),
      http(API.patchSession, patchSession(deps)),
      http(API.getSessionsIcs, getSessionsIcs(deps)),
      http(API.getSessionsXlsx, getSessionsXlsx(deps)),
      http(API.getSessionReport, getSessionReport(deps)),
      http(API.listCalendarFeeds, listCalendarFeeds(deps)),
      http(API.createCalendarFeed, createCalendarFeed(deps)),
      http(API.revokeCalendarFeed, revokeCalendarFeed(deps)),
      http(API.getCalendarFeed, getCalendarFeed(deps)),
      http(API.listExports, listExports(deps)),
      http(API.getExport, getExport(deps)),
      http(API.me, getMe(deps)),
      http(API.authConfig, getAuthConfig(deps)),
      http(API.listMembers, listMembers(deps)),
      http(API.putMember, putMember(deps)),
      http(API.removeMember, removeMember(deps)),
      // Last: every other GET is a web page (the dashboard, the task pane).
      {
        name: 'web',
        methods: ['GET'],
        route: '{*path}',
        role: null,
        handler: getWebPage(deps),
        access: deps.access,
      },
    ],
    timers: [scheduledExports(deps), scheduledBackups(deps)],
  };
}
