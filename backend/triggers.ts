/**
 * The trigger table with its handlers: every HTTP route and every timer of `trigger-table.ts`,
 * each with what runs it. The Functions host (`functions/src/index.ts`) registers the table at
 * start and loads this with the first invocation; the local dev host (`npm start`) registers it
 * directly. A handler is never written twice, and both hosts run the same things.
 */
import { Deps } from './http/deps';
import { getHealth } from './http/handlers/health';
import { getHistory } from './http/handlers/history';
import { patchMonthStatus } from './http/handlers/month-status';
import {
  getProgram,
  getProgramDocument,
  importProgramDocument,
  listPrograms,
  putPlan,
} from './http/handlers/programs';
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
import {
  getPeriodReport,
  getSessionReport,
  listPeriodReports,
  postPeriodReport,
} from './http/handlers/reports';
import { getReprogrammings, postDraft, postLifecycle } from './http/handlers/lifecycle';
import {
  getAreas,
  getMyMonths,
  getOptOutPage,
  patchMyMonth,
  postOptOut,
  putAreaPeople,
} from './http/handlers/reminders';
import { Route, RouteHandler } from './http/route';
import type { FileUpload } from './http/request-guard';
import { DOCUMENT_UPLOAD_BYTES, DOCX } from './services/documents';
import { scheduledExports } from './timers/scheduled-exports';
import { scheduledBackups } from './timers/scheduled-backups';
import { sendReminders } from './timers/send-reminders';
import { Timer } from './timers/timer';
import { API_PREFIX, HTTP_TRIGGERS } from './trigger-table';
import type { ROUTES } from '../shared/api/route-table';

export type { Timer };

export interface Triggers {
  http: Route[];
  timers: Timer[];
}

export { API_PREFIX };

/** Each route's handler, by the route's name. */
const HANDLERS: Record<keyof typeof ROUTES | 'web', (deps: Deps) => RouteHandler> = {
  health: getHealth,
  listPrograms,
  getProgram,
  putPlan,
  patchMonthStatus,
  sync: postSync,
  history: getHistory,
  getSessions,
  generateSessions,
  patchSession,
  getSessionsIcs,
  getSessionsXlsx,
  getProgramDocument,
  importProgramDocument,
  moveLifecycle: postLifecycle,
  listReprogrammings: getReprogrammings,
  draftNextYear: postDraft,
  listPeriodReports,
  freezePeriodReport: postPeriodReport,
  getPeriodReport,
  listAreas: getAreas,
  putArea: putAreaPeople,
  myMonths: getMyMonths,
  patchMyMonth,
  optOutPage: getOptOutPage,
  optOut: postOptOut,
  getSessionReport,
  listCalendarFeeds,
  createCalendarFeed,
  revokeCalendarFeed,
  getCalendarFeed,
  listExports,
  getExport,
  me: getMe,
  authConfig: getAuthConfig,
  listMembers,
  putMember,
  removeMember,
  web: getWebPage,
};

/** The one route that takes a file: the programme's Word document. */
const DOCUMENT_UPLOAD: FileUpload = {
  mediaType: DOCX,
  maxBytes: DOCUMENT_UPLOAD_BYTES,
  what: 'un documento de Word (.docx)',
};

/** The trigger table (`trigger-table.ts`) with its handlers over `deps`. */
export function triggers(deps: Deps): Triggers {
  return {
    http: HTTP_TRIGGERS.map((t) => {
      const handler = HANDLERS[t.name as keyof typeof HANDLERS];
      if (!handler) throw new Error(`La ruta ${t.name} no tiene manejador.`);
      return {
        ...t,
        methods: [...t.methods],
        handler: handler(deps),
        access: deps.access,
        ...(t.name === 'importProgramDocument' ? { upload: DOCUMENT_UPLOAD } : {}),
      };
    }),
    timers: [scheduledExports(deps), scheduledBackups(deps), sendReminders(deps)],
  };
}
