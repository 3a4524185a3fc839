/**
 * The route table: the one list that both the Functions host (`index.ts`, through `app.http`)
 * and the local dev server register, so a handler is never written twice.
 */
import { Deps } from './deps';
import { getHealth } from './handlers/health';
import { getHistory } from './handlers/history';
import { patchMonthStatus } from './handlers/month-status';
import { getProgram, listPrograms, putPlan } from './handlers/programs';
import {
  generateSessions,
  getSessions,
  getSessionsIcs,
  getSessionsXlsx,
  patchSession,
} from './handlers/sessions';
import { postSync } from './handlers/sync';
import { Route } from './http/route';

export function routes(deps: Deps): Route[] {
  return [
    { name: 'health', methods: ['GET'], route: 'health', role: null, handler: getHealth(deps) },
    {
      name: 'listPrograms',
      methods: ['GET'],
      route: 'programs',
      role: 'viewer',
      handler: listPrograms(deps),
    },
    {
      name: 'getProgram',
      methods: ['GET'],
      route: 'programs/{programId}',
      role: 'viewer',
      handler: getProgram(deps),
    },
    {
      name: 'putPlan',
      methods: ['PUT'],
      route: 'programs/{programId}/plan',
      role: 'editor',
      handler: putPlan(deps),
    },
    {
      name: 'patchMonthStatus',
      methods: ['PATCH'],
      route: 'programs/{programId}/activities/{activityId}/months/{month}',
      role: 'editor',
      handler: patchMonthStatus(deps),
    },
    {
      name: 'sync',
      methods: ['POST'],
      route: 'programs/{programId}/sync',
      role: 'editor',
      handler: postSync(deps),
    },
    {
      name: 'history',
      methods: ['GET'],
      route: 'programs/{programId}/history',
      role: 'viewer',
      handler: getHistory(deps),
    },
    {
      name: 'getSessions',
      methods: ['GET'],
      route: 'programs/{programId}/sessions',
      role: 'viewer',
      handler: getSessions(deps),
    },
    {
      name: 'generateSessions',
      methods: ['POST'],
      route: 'programs/{programId}/sessions/generate',
      role: 'editor',
      handler: generateSessions(deps),
    },
    {
      name: 'patchSession',
      methods: ['PATCH'],
      route: 'programs/{programId}/sessions/{number}',
      role: 'editor',
      handler: patchSession(deps),
    },
    {
      name: 'getSessionsIcs',
      methods: ['GET'],
      route: 'programs/{programId}/sessions.ics',
      role: 'viewer',
      handler: getSessionsIcs(deps),
    },
    {
      name: 'getSessionsXlsx',
      methods: ['GET'],
      route: 'programs/{programId}/sessions.xlsx',
      role: 'viewer',
      handler: getSessionsXlsx(deps),
    },
  ];
}
