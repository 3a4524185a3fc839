/**
 * The backend's public face: what the hosts (the Functions app, the local dev host, the `pat`
 * command line) use — the services (use cases bound to a store), the settings, the trigger table
 * and what registering it needs. No store class and no workbook library: those stay inside
 * (backend/workbooks.ts is the storage-free face for reading and writing workbooks).
 */
import { HttpHandler } from '@azure/functions';
import { AppSettings } from './settings';
import { Store } from './store/store';
import { Route, toHttpHandler } from './http/route';
import { Triggers, triggers } from './triggers';
import { createAccess } from './http/access';
import { createTokenVerifier } from './http/tokens';
import { Services, createServices } from './services';
import { Deps } from './http/deps';
import { DefaultCredential } from './store/connection';

export { settingsFromEnv, loadLocalSettings, azuriteDataDir, SettingsError } from './settings';
export type { AppSettings, LocalStackSettings } from './settings';
export { azuriteConnectionString, describeStorage, type AzuritePorts } from './store/connection';
export type { StoreSettings } from './store/tables';
export { StorageUnavailableError, NotFoundError, BadRequestError, ConflictError } from './errors';
export { triggers, type Triggers, type Timer } from './triggers';
export { toHttpHandler, type Route } from './http/route';
export { MAX_BODY_BYTES } from './http/parse';
export {
  PRINCIPAL_HEADER,
  encodePrincipal,
  type Principal,
  type PrincipalClaims,
} from './http/principal';
export { createServices, openServices, type Services } from './services';
export {
  BackupRefusedError,
  StoreNotEmptyError,
  describeContents,
  verifyBackup,
  type BackupManifest,
  type BackupRun,
  type StoreContents,
} from './services/backup';
export { DirectoryFolder } from './store/backup-files';

export interface Backend {
  /** The use cases over this backend's store (what `npm start` seeds the store with). */
  services: Services;
  triggers: Triggers;
  /** A route's handler as a host calls it: the tables made once, on the first request. */
  httpHandler(route: Route): HttpHandler;
}

/** Where reminders go: Graph from the sender's mailbox (the app's managed identity), else the outbox folder. */
function mailerFor(mail: AppSettings['mail']): Pick<Deps, 'mailer'> {
  const { sender, outbox } = mail;
  // Made when the timer first runs: the mail modules (and nodemailer) stay out of every start.
  if (sender) {
    const credential = new DefaultCredential();
    return {
      mailer: once(async () =>
        (await import('./mail/graph-mailer')).graphMailer({
          graphUrl: mail.graphUrl,
          sender,
          token: async () => {
            const token = await credential.getToken('https://graph.microsoft.com/.default');
            if (!token) throw new Error('Sin token para Microsoft Graph.');
            return token.token;
          },
        }),
      ),
    };
  }
  return outbox
    ? { mailer: once(async () => (await import('./mail/outbox-mailer')).outboxMailer(outbox)) }
    : {};
}

const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

/**
 * The backend over the given settings: one store, the trigger table, and handlers ready to
 * register. `host: 'dev'` is the local dev host, which stands in for App Service authentication
 * (its `x-ms-client-principal` header is believed, as behind App Service in Azure).
 */
export function createBackend(
  settings: AppSettings,
  options: {
    now?: () => Date;
    host?: 'functions' | 'dev';
    /** A store made outside (the benchmarks, which count its requests); else one over the settings. */
    store?: Store;
  } = {},
): Backend {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? new Store(settings.storage);
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
    services: createServices(store),
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
      reminderSettings: settings.reminders,
      ...mailerFor(settings.mail),
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
