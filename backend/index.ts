/**
 * The backend's public face: what the hosts (the Functions app, the local dev host, the `pat`
 * command line) and tools use. Inside, store → services → HTTP, never upward; nothing outside
 * reaches past this module.
 */
import { HttpHandler } from '@azure/functions';
import { AppSettings } from './settings';
import { ProgramStore } from './store/program-store';
import { Route, toHttpHandler } from './http/route';
import { Triggers, triggers } from './triggers';
import { createAccess } from './http/access';
import { createTokenVerifier } from './http/tokens';

export { settingsFromEnv, loadLocalSettings, azuriteDataDir } from './settings';
export type { AppSettings, LocalStackSettings } from './settings';
export { azuriteConnectionString, describeStorage, type AzuritePorts } from './store/connection';
export { ProgramStore } from './store/program-store';
export type { StoreSettings } from './store/tables';
export { StorageUnavailableError, NotFoundError } from './store/errors';
export { triggers, type Triggers, type Timer } from './triggers';
export { toHttpHandler, type Route } from './http/route';
export { MAX_BODY_BYTES } from './http/parse';
export { createAccess, type Access } from './http/access';
export {
  PRINCIPAL_HEADER,
  encodePrincipal,
  type Principal,
  type PrincipalClaims,
} from './http/principal';
export { seedProgramme } from './services/seed';
export { upsertPlan } from './services/upsert-plan';
export { diffPlan, type PlanInput } from './services/plan-diff';
export { syncChanges } from './services/sync';
export { exportFiles, exportProgramme, runScheduledExports } from './services/exports';
export { readSessionReport } from './services/reports';
export { readSessionReportXlsx } from './services/documents';
export {
  BackupRefusedError,
  StoreNotEmptyError,
  backupRunFolder,
  describeContents,
  listBackupRuns,
  restoreBackup,
  verifyBackup,
  writeBackup,
  type BackupManifest,
  type BackupRun,
  type StoreContents,
} from './services/backup';
export { DirectoryFolder } from './store/backup-files';
export { createFeed, revokeFeed, feedCalendar } from './services/feeds';
export { sessionReportWorkbook } from './xlsx/report-workbook';
export { SettingsError } from './settings';
export {
  ExcelJS,
  WorkbookError,
  addCalendarSheet,
  addCronogramaSheet,
  readWorkbookBuffer,
  readWorkbookFile,
} from './xlsx/workbook';
export { programmeLayout, programmeWorkbook, SOURCE_MARKS } from './xlsx/programme-workbook';

export interface Backend {
  store: ProgramStore;
  triggers: Triggers;
  /** A route's handler as a host calls it: the tables made once, on the first request. */
  httpHandler(route: Route): HttpHandler;
}

/**
 * The backend over the given settings: one store, the trigger table, and handlers ready to
 * register. `host: 'dev'` is the local dev host, which stands in for App Service authentication
 * (its `x-ms-client-principal` header is believed, as behind App Service in Azure).
 */
export function createBackend(
  settings: AppSettings,
  options: { now?: () => Date; host?: 'functions' | 'dev' } = {},
): Backend {
  const now = options.now ?? (() => new Date());
  const store = new ProgramStore(settings.storage);
  const access = createAccess({
    store,
    trustClientPrincipal: options.host === 'dev' || settings.auth.appService,
    ...(settings.auth.entra ? { verifier: createTokenVerifier(settings.auth.entra) } : {}),
  });
  let tablesReady: Promise<void> | undefined;
  const ensureTables = () =>
    (tablesReady ??= store.ensureTables().catch((error: unknown) => {
      tablesReady = undefined;
      throw error;
    }));
  return {
    store,
    triggers: triggers({
      store,
      now,
      access,
      ...(settings.auth.entra ? { signIn: settings.auth.entra } : {}),
      ...(settings.auth.appService ? { appServiceAuth: true } : {}),
      ...(options.host === 'dev' && settings.allowDevPrincipal
        ? { localIdentity: settings.devPrincipal }
        : {}),
      exportSettings: settings.exports,
      backupSettings: settings.backups,
      ...(settings.webRoot ? { webRoot: settings.webRoot } : {}),
      ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    }),
    httpHandler(route) {
      const handle = toHttpHandler(route);
      return async (request, context) => {
        // Storage down: the handler answers 503 itself; the tables are tried again next time.
        await ensureTables().catch(() => undefined);
        return handle(request, context);
      };
    },
  };
}
