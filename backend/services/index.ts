/**
 * The use cases, bound to one store: what the hosts (the `pat` command line, the local dev host)
 * call, one function per thing a person or a timer does. The HTTP handlers call the same
 * functions with the store their deps carry; nothing outside the backend sees a store class.
 */
import type { StoreSettings } from '../store/tables';
import { Store } from '../store/store';
import { SnapshotOptions } from '../store/snapshots';
import {
  backupRunFolder,
  listBackupRuns,
  restoreBackup,
  runScheduledBackup,
  storeContents,
  writeBackup,
} from './backup';
import { calendarIcsFile, generateSessions, readCalendar, rescheduleSession } from './calendar';
import { importProgrammeDocument, readProgrammeDocument, readSessionReportXlsx } from './documents';
import {
  exportFiles,
  exportProgramme,
  listExportFiles,
  readExportFile,
  runScheduledExports,
} from './exports';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from './feeds';
import { checkStorage } from './health';
import { readHistory } from './history';
import { listMembers, putMember, removeMember } from './members';
import { setMonthStatus } from './month-status';
import { readProgramView } from './program-view';
import { readSessionReport } from './reports';
import { seedProgramme } from './seed';
import { syncChanges } from './sync';
import { upsertPlan } from './upsert-plan';
import { listAreas, optOut, putArea, readMyMonths, runReminders, setMyMonth } from './reminders';
import { listReprogrammings, moveLifecycle } from './lifecycle';
import { draftNextYear } from './draft';
import {
  freezePeriodReport,
  listFrozenReports,
  periodReportFile,
  readPeriodReport,
} from './period-reports';

const useCases = {
  /** The tables in place (the first call of a host). */
  prepareStorage: (store: Store) => store.ensureTables(),
  checkStorage,
  listProgrammes: (store: Store) => store.programmes.list(),
  /** A programme's summary, or undefined when there is none. */
  findProgramme: (store: Store, programId: string) => store.programmes.get(programId),
  readProgramView,
  upsertPlan,
  seedProgramme,
  setMonthStatus,
  syncChanges,
  readHistory,
  readCalendar,
  generateSessions,
  rescheduleSession,
  calendarIcsFile,
  listAreas,
  putArea,
  readMyMonths,
  setMyMonth,
  optOut,
  runReminders,
  moveLifecycle,
  listReprogrammings,
  draftNextYear,
  readPeriodReport,
  freezePeriodReport,
  listFrozenReports,
  periodReportFile,
  readSessionReport,
  readSessionReportXlsx,
  readProgrammeDocument,
  importProgrammeDocument,
  exportProgramme,
  exportFiles,
  listExportFiles,
  readExportFile,
  runScheduledExports,
  listFeeds,
  createFeed,
  revokeFeed,
  feedCalendar,
  listMembers,
  putMember,
  removeMember,
  storeContents,
  writeBackup,
  restoreBackup,
  listBackupRuns,
  backupRunFolder,
  runScheduledBackup,
};

type UseCases = typeof useCases;
/** Each use case with its store already given. */
export type Services = {
  [K in keyof UseCases]: UseCases[K] extends (store: Store, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

export function createServices(store: Store): Services {
  return Object.fromEntries(
    Object.entries(useCases).map(([name, useCase]) => [
      name,
      (...args: unknown[]) =>
        (useCase as (store: Store, ...a: unknown[]) => unknown)(store, ...args),
    ]),
  ) as Services;
}

/** The services over the storage the settings name (a new store: its tables, its snapshots). */
export function openServices(settings: StoreSettings & { snapshots?: SnapshotOptions }): Services {
  return createServices(new Store(settings));
}
