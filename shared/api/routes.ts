/**
 * The API's routes as one list: each route of `route-table.ts` (name, method, path, role) with the
 * schema of its answer. The server's trigger table registers exactly these; the contract's client
 * builds its requests from them and parses every answer with `response`.
 */
import { z } from 'zod';
import { ROUTES, RouteInfo } from './route-table';
import { sessionReportSchema } from '../report/session-report';
import { periodReportSchema } from '../report/period-report';
import { areaListSchema, myMonthsSchema, optOutAnswerSchema } from '../reminders';
import {
  authConfigSchema,
  calendarFeedCreatedSchema,
  calendarFeedListSchema,
  calendarViewSchema,
  documentImportSchema,
  draftAnswerSchema,
  frozenReportListSchema,
  lifecycleAnswerSchema,
  reprogrammingListSchema,
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

export { roleText, type HttpMethod, type Role, type RouteInfo } from './route-table';

export interface ApiRoute<R extends z.ZodType | null = z.ZodType | null> extends RouteInfo {
  /** The success answer's JSON; null for a file download. */
  response: R;
}

const route = <R extends z.ZodType | null>(info: RouteInfo, response: R): ApiRoute<R> => ({
  ...info,
  response,
});

export const API = {
  health: route(ROUTES.health, healthSchema),
  listPrograms: route(ROUTES.listPrograms, programListSchema),
  getProgram: route(ROUTES.getProgram, programViewSchema),
  putPlan: route(ROUTES.putPlan, upsertPlanResultSchema),
  patchMonthStatus: route(ROUTES.patchMonthStatus, monthStatusAnswerSchema),
  sync: route(ROUTES.sync, syncAnswerSchema),
  history: route(ROUTES.history, historyPageSchema),
  getSessions: route(ROUTES.getSessions, calendarViewSchema),
  generateSessions: route(ROUTES.generateSessions, calendarViewSchema),
  patchSession: route(ROUTES.patchSession, calendarViewSchema),
  getSessionsIcs: route(ROUTES.getSessionsIcs, null),
  getSessionsXlsx: route(ROUTES.getSessionsXlsx, null),
  getProgramDocument: route(ROUTES.getProgramDocument, null),
  importProgramDocument: route(ROUTES.importProgramDocument, documentImportSchema),
  moveLifecycle: route(ROUTES.moveLifecycle, lifecycleAnswerSchema),
  listReprogrammings: route(ROUTES.listReprogrammings, reprogrammingListSchema),
  draftNextYear: route(ROUTES.draftNextYear, draftAnswerSchema),
  listPeriodReports: route(ROUTES.listPeriodReports, frozenReportListSchema),
  freezePeriodReport: route(ROUTES.freezePeriodReport, periodReportSchema),
  getPeriodReport: route(ROUTES.getPeriodReport, periodReportSchema),
  listAreas: route(ROUTES.listAreas, areaListSchema),
  putArea: route(ROUTES.putArea, areaListSchema.element),
  myMonths: route(ROUTES.myMonths, myMonthsSchema),
  patchMyMonth: route(ROUTES.patchMyMonth, monthStatusAnswerSchema),
  optOutPage: route(ROUTES.optOutPage, null),
  optOut: route(ROUTES.optOut, optOutAnswerSchema),
  getSessionReport: route(ROUTES.getSessionReport, sessionReportSchema),
  listCalendarFeeds: route(ROUTES.listCalendarFeeds, calendarFeedListSchema),
  createCalendarFeed: route(ROUTES.createCalendarFeed, calendarFeedCreatedSchema),
  revokeCalendarFeed: route(ROUTES.revokeCalendarFeed, null),
  getCalendarFeed: route(ROUTES.getCalendarFeed, null),
  listExports: route(ROUTES.listExports, exportListSchema),
  getExport: route(ROUTES.getExport, null),
  me: route(ROUTES.me, meSchema),
  authConfig: route(ROUTES.authConfig, authConfigSchema),
  listMembers: route(ROUTES.listMembers, memberListSchema),
  putMember: route(ROUTES.putMember, memberSchema),
  removeMember: route(ROUTES.removeMember, null),
} as const;

/** The path of a route with its parameters filled in, each one URL-encoded. */
export function apiPath(r: ApiRoute, params: Record<string, string | number> = {}): string {
  return r.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Falta el parámetro ${name} de ${r.name}.`);
    return encodeURIComponent(String(value));
  });
}
