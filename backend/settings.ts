/**
 * Settings from the environment (App Settings in Azure, local.settings.json under `func start`,
 * the same names for the local dev host and the CLI).
 */
import {
  DEFAULT_BACKUP_SCHEDULE,
  DEFAULT_EXPORT_SCHEDULE,
  DEFAULT_REMINDER_SCHEDULE,
} from './trigger-table';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StoreSettings } from './store/tables';
import { AzuritePorts, StorageTarget, azuriteConnectionString } from './store/connection';

export interface ExportSettings {
  /** NCRONTAB (six fields, with seconds), in UTC as Azure runs timers. */
  schedule: string;
  /** Days an export set is kept. */
  retentionDays: number;
  /** The session report joins the exports when an ordinary session is at most this many days away. */
  reportDaysBefore: number;
}

export interface BackupSettings {
  /** NCRONTAB (six fields, with seconds), in UTC as Azure runs timers. */
  schedule: string;
  /** Days a backup run is kept (the newest complete run is always kept). */
  retentionDays: number;
}

export interface ReminderSettings {
  /** NCRONTAB (six fields, with seconds), in UTC as Azure runs timers. */
  schedule: string;
  /** Days before an ordinary session when its reminders go out. */
  daysBefore: number;
}

/** Where reminders go: Microsoft Graph from one mailbox, or (no sender, not in Azure) a folder of .eml files. */
export interface MailSettings {
  /** The mailbox Graph sends from (`PAT_MAIL_SENDER`); unset: no Graph. */
  sender?: string;
  /** Microsoft Graph's root (tests point it at a stand-in on 127.0.0.1). */
  graphUrl: string;
  /** Without a sender, outside Azure: the folder each message is written to as an .eml file. */
  outbox?: string;
}

/** The local stack of `npm start`: its ports and Azurite's data folder (never used in Azure). */
export interface LocalStackSettings {
  /** The dev host's HTTP port (API, dashboard, pane). */
  port: number;
  /** The pane's HTTPS port for Excel (office-addin-dev-certs' certificates). */
  panePort: number;
  azurite: AzuritePorts;
  /** Azurite's data folder; unset: `.azurite/` at the repository's root. */
  dataDir?: string;
}

export interface AppSettings {
  /** `localAzurite`: storage is this machine's Azurite on `local.azurite`'s ports (see storageTarget). */
  storage: StoreSettings & { localAzurite?: true };
  local: LocalStackSettings;
  /**
   * The local dev host signs requests that bring no identity in as `devPrincipal` («modo local»):
   * by default when no sign-in is configured, or when `PAT_ALLOW_DEV_PRINCIPAL=true` says so;
   * never in Azure (the Functions host never injects a principal, and the setting stops the app).
   */
  allowDevPrincipal: boolean;
  devPrincipal: { name: string; roles: string[] };
  /** The folder of the built web pages (`addin/`, `dashboard/`) the app serves beside the API. */
  webRoot?: string;
  /** The app's public origin, for URLs made where no request says it (`pat feed`). */
  publicUrl?: string;
  exports: ExportSettings;
  backups: BackupSettings;
  reminders: ReminderSettings;
  mail: MailSettings;
  auth: AuthSettings;
}

export interface AuthSettings {
  /** Entra sign-in: bearer tokens verified for this tenant and API; none (local): no bearer tokens. */
  entra?: {
    tenantId: string;
    clientId: string;
    issuer?: string;
    jwksUri?: string;
    appIdUri?: string;
    /** Where the pane and the dashboard sign in (the tenant's, unless given). */
    authority: string;
  };
  /** The app runs behind App Service authentication: its `x-ms-client-principal` header is believed. */
  appService: boolean;
}

export { DEFAULT_BACKUP_SCHEDULE, DEFAULT_EXPORT_SCHEDULE, DEFAULT_REMINDER_SCHEDULE };

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(blankIsUnset, schema.default(value as never));

const port = z.coerce
  .number()
  .int()
  .min(1, 'un puerto (1 a 65535)')
  .max(65535, 'un puerto (1 a 65535)');

/**
 * Every setting the code reads, by its app-setting name: what Azure's app settings,
 * `local.settings.json` and the environment may hold. A bad value stops the app with a message
 * naming the setting, never a default taken silently.
 */
export const settingsSchema = z.object({
  PAT_STORAGE_CONNECTION_STRING: optional(z.string()),
  /** Storage through a managed identity (no key): the account's name, or its endpoints. */
  PAT_STORAGE_ACCOUNT_NAME: optional(
    z.string().regex(/^[a-z0-9]{3,24}$/, '3 a 24 minúsculas y dígitos (el nombre de la cuenta)'),
  ),
  PAT_STORAGE_TABLE_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  PAT_STORAGE_BLOB_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  AzureWebJobsStorage: optional(z.string()),
  PAT_TABLE_PREFIX: withDefault(z.string().regex(/^[A-Za-z0-9]*$/, 'solo letras y dígitos'), ''),
  PAT_STORAGE_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(120_000), 5000),
  /** Unset: on for the local dev host when no sign-in is configured («modo local»), else off. */
  PAT_ALLOW_DEV_PRINCIPAL: optional(z.enum(['true', 'false'])),
  PAT_DEV_PRINCIPAL: withDefault(
    z.string().regex(/^[^:]+:[a-z,]+$/, 'nombre:rol,rol (p. ej. dev@localhost:editor,viewer)'),
    'dev@localhost:editor,viewer,admin',
  ),
  PAT_WEB_ROOT: optional(z.string()),
  PAT_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
  PAT_EXPORT_SCHEDULE: withDefault(
    z.string().regex(/^\S+( \S+){5}$/, 'seis campos NCRONTAB (segundos incluidos), en UTC'),
    DEFAULT_EXPORT_SCHEDULE,
  ),
  PAT_EXPORT_RETENTION_DAYS: withDefault(z.coerce.number().int().min(1).max(3650), 90),
  PAT_REPORT_DAYS_BEFORE: withDefault(z.coerce.number().int().min(0).max(60), 7),
  PAT_BACKUP_SCHEDULE: withDefault(
    z.string().regex(/^\S+( \S+){5}$/, 'seis campos NCRONTAB (segundos incluidos), en UTC'),
    DEFAULT_BACKUP_SCHEDULE,
  ),
  PAT_BACKUP_RETENTION_DAYS: withDefault(z.coerce.number().int().min(1).max(3650), 35),
  PAT_REMINDER_SCHEDULE: withDefault(
    z.string().regex(/^\S+( \S+){5}$/, 'seis campos NCRONTAB (segundos incluidos), en UTC'),
    DEFAULT_REMINDER_SCHEDULE,
  ),
  PAT_REMINDER_DAYS_BEFORE: withDefault(z.coerce.number().int().min(1).max(60), 7),
  PAT_MAIL_SENDER: optional(
    z
      .string()
      .regex(/^[^\s@/]+@[^\s@/]+$|^[0-9a-f-]{36}$/i, 'el buzón que envía (correo o id de Entra)'),
  ),
  PAT_GRAPH_URL: withDefault(z.url({ protocol: /^https?$/ }), 'https://graph.microsoft.com'),
  PAT_MAIL_OUTBOX: withDefault(z.string().min(1), '.outbox'),
  PAT_AUTH_TENANT_ID: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'un GUID')),
  PAT_AUTH_CLIENT_ID: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'un GUID')),
  PAT_AUTH_ISSUER: optional(z.url()),
  PAT_AUTH_JWKS_URI: optional(z.url()),
  PAT_AUTH_APP_ID_URI: optional(z.string().regex(/^api:\/\/\S+$/, 'api://…')),
  PAT_AUTH_AUTHORITY: optional(z.url()),
  PAT_AUTH_APP_SERVICE: withDefault(z.enum(['true', 'false']), 'false'),
  // The local stack (`npm start`, and `pat`, which must reach the same Azurite).
  PAT_PORT: withDefault(port, 7071),
  PAT_PANE_PORT: withDefault(port, 3000),
  PAT_AZURITE_BLOB_PORT: withDefault(port, 10000),
  PAT_AZURITE_QUEUE_PORT: withDefault(port, 10001),
  PAT_AZURITE_TABLE_PORT: withDefault(port, 10002),
  PAT_DATA_DIR: optional(z.string().min(1)),
});
export const SETTING_NAMES = Object.keys(settingsSchema.shape);

export class SettingsError extends Error {}

/** Azurite's shorthand, as `local.settings.json` and `func start` write it. */
const DEVELOPMENT_STORAGE = /^\s*UseDevelopmentStorage=true\s*;?\s*$/i;

/**
 * Where storage is: an explicit connection string; else an account reached with a managed
 * identity (its name or both endpoints); else the Functions host's own storage; else Azurite.
 * Azurite's shorthand and the default both mean *this machine's Azurite on the configured ports*
 * (`PAT_AZURITE_*_PORT`, as `npm start` starts it): never whatever answers on Azurite's default
 * ports, so `pat` and `npm start` always talk to the same store.
 */
function storageTarget(
  e: z.infer<typeof settingsSchema>,
  inAzure: boolean,
): StorageTarget & { localAzurite?: true } {
  const local = () => ({
    connectionString: azuriteConnectionString(azuritePorts(e)),
    localAzurite: true as const,
  });
  if (e.PAT_STORAGE_CONNECTION_STRING)
    return DEVELOPMENT_STORAGE.test(e.PAT_STORAGE_CONNECTION_STRING)
      ? local()
      : { connectionString: e.PAT_STORAGE_CONNECTION_STRING };
  const endpoints = [e.PAT_STORAGE_TABLE_ENDPOINT, e.PAT_STORAGE_BLOB_ENDPOINT].filter(Boolean);
  if (e.PAT_STORAGE_ACCOUNT_NAME || endpoints.length > 0) {
    if (!e.PAT_STORAGE_ACCOUNT_NAME && endpoints.length < 2)
      throw new SettingsError(
        'Configuración no válida: PAT_STORAGE_TABLE_ENDPOINT y PAT_STORAGE_BLOB_ENDPOINT van juntos (o dé PAT_STORAGE_ACCOUNT_NAME).',
      );
    return {
      ...(e.PAT_STORAGE_ACCOUNT_NAME ? { accountName: e.PAT_STORAGE_ACCOUNT_NAME } : {}),
      ...(e.PAT_STORAGE_TABLE_ENDPOINT ? { tableEndpoint: e.PAT_STORAGE_TABLE_ENDPOINT } : {}),
      ...(e.PAT_STORAGE_BLOB_ENDPOINT ? { blobEndpoint: e.PAT_STORAGE_BLOB_ENDPOINT } : {}),
    };
  }
  // In Azure Azurite is never the answer: say what is missing.
  if (inAzure && (!e.AzureWebJobsStorage || DEVELOPMENT_STORAGE.test(e.AzureWebJobsStorage)))
    throw new SettingsError(
      'Configuración no válida: falta el almacenamiento (PAT_STORAGE_ACCOUNT_NAME o PAT_STORAGE_CONNECTION_STRING).',
    );
  if (e.AzureWebJobsStorage && !DEVELOPMENT_STORAGE.test(e.AzureWebJobsStorage))
    return { connectionString: e.AzureWebJobsStorage };
  return local();
}

const azuritePorts = (e: z.infer<typeof settingsSchema>): AzuritePorts => ({
  blobPort: e.PAT_AZURITE_BLOB_PORT,
  queuePort: e.PAT_AZURITE_QUEUE_PORT,
  tablePort: e.PAT_AZURITE_TABLE_PORT,
});

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): AppSettings {
  const parsed = settingsSchema.safeParse(env);
  if (parsed.success && !parsed.data.PAT_AUTH_TENANT_ID !== !parsed.data.PAT_AUTH_CLIENT_ID)
    throw new SettingsError(
      'Configuración no válida: PAT_AUTH_TENANT_ID y PAT_AUTH_CLIENT_ID van juntos (los dos o ninguno).',
    );
  if (!parsed.success)
    throw new SettingsError(
      `Configuración no válida: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    );
  const e = parsed.data;
  // App Service sets WEBSITE_INSTANCE_ID on every instance: the platform's, not an app setting.
  const inAzure = Boolean(env.WEBSITE_INSTANCE_ID);
  if (inAzure && e.PAT_ALLOW_DEV_PRINCIPAL === 'true')
    throw new SettingsError(
      'Configuración no válida: PAT_ALLOW_DEV_PRINCIPAL=true es solo para desarrollo local y no se permite en Azure. Quite el ajuste de la Function App (vea «Ajustes que azd no borra» en el README).',
    );
  const signInConfigured = Boolean(e.PAT_AUTH_TENANT_ID && e.PAT_AUTH_CLIENT_ID);
  const [name, roles] = e.PAT_DEV_PRINCIPAL.split(':') as [string, string];
  return {
    storage: {
      ...storageTarget(e, inAzure),
      tablePrefix: e.PAT_TABLE_PREFIX,
      timeoutMs: e.PAT_STORAGE_TIMEOUT_MS,
    },
    local: {
      port: e.PAT_PORT,
      panePort: e.PAT_PANE_PORT,
      azurite: azuritePorts(e),
      ...(e.PAT_DATA_DIR ? { dataDir: e.PAT_DATA_DIR } : {}),
    },
    allowDevPrincipal:
      e.PAT_ALLOW_DEV_PRINCIPAL === 'true' ||
      (e.PAT_ALLOW_DEV_PRINCIPAL === undefined && !signInConfigured && !inAzure),
    devPrincipal: { name, roles: roles.split(',').filter(Boolean) },
    ...(e.PAT_WEB_ROOT ? { webRoot: e.PAT_WEB_ROOT } : {}),
    ...(e.PAT_PUBLIC_URL ? { publicUrl: e.PAT_PUBLIC_URL } : {}),
    exports: {
      schedule: e.PAT_EXPORT_SCHEDULE,
      retentionDays: e.PAT_EXPORT_RETENTION_DAYS,
      reportDaysBefore: e.PAT_REPORT_DAYS_BEFORE,
    },
    backups: {
      schedule: e.PAT_BACKUP_SCHEDULE,
      retentionDays: e.PAT_BACKUP_RETENTION_DAYS,
    },
    reminders: { schedule: e.PAT_REMINDER_SCHEDULE, daysBefore: e.PAT_REMINDER_DAYS_BEFORE },
    mail: {
      ...(e.PAT_MAIL_SENDER ? { sender: e.PAT_MAIL_SENDER } : {}),
      graphUrl: e.PAT_GRAPH_URL,
      // In Azure a folder of .eml files would reach nobody: without a sender nothing is sent.
      ...(!e.PAT_MAIL_SENDER && !inAzure ? { outbox: path.resolve(e.PAT_MAIL_OUTBOX) } : {}),
    },
    auth: {
      appService: e.PAT_AUTH_APP_SERVICE === 'true',
      ...(e.PAT_AUTH_TENANT_ID && e.PAT_AUTH_CLIENT_ID
        ? {
            entra: {
              tenantId: e.PAT_AUTH_TENANT_ID,
              clientId: e.PAT_AUTH_CLIENT_ID,
              ...(e.PAT_AUTH_ISSUER ? { issuer: e.PAT_AUTH_ISSUER } : {}),
              ...(e.PAT_AUTH_JWKS_URI ? { jwksUri: e.PAT_AUTH_JWKS_URI } : {}),
              ...(e.PAT_AUTH_APP_ID_URI ? { appIdUri: e.PAT_AUTH_APP_ID_URI } : {}),
              authority:
                e.PAT_AUTH_AUTHORITY ?? `https://login.microsoftonline.com/${e.PAT_AUTH_TENANT_ID}`,
            },
          }
        : {}),
    },
  };
}

/** Azurite's data folder under `npm start`: `PAT_DATA_DIR`, else `.azurite/` in the repository. */
export function azuriteDataDir(local: LocalStackSettings, repositoryRoot: string): string {
  return local.dataDir ?? path.join(repositoryRoot, '.azurite');
}

/**
 * Reads a `local.settings.json` (git-ignored; copied from the example) the way `func start` does:
 * its `Values` become environment variables, without overriding any already set. The dev host and
 * the CLI call it with `functions/local.settings.json`, so all three see the same settings.
 */
export function loadLocalSettings(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): { file?: string } {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, string> };
  for (const [key, value] of Object.entries(parsed.Values ?? {})) env[key] ??= value;
  return { file };
}
