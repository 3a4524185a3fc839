/**
 * Settings from the environment (App Settings in Azure, local.settings.json under `func start`,
 * the same names for the local dev host and the CLI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { StoreSettings } from './store/tables';
import type { StorageTarget } from './store/connection';

export interface ExportSettings {
  /** NCRONTAB (six fields, with seconds), in UTC as Azure runs timers. */
  schedule: string;
  /** Days an export set is kept. */
  retentionDays: number;
  /** The session report joins the exports when an ordinary session is at most this many days away. */
  reportDaysBefore: number;
}

export interface AppSettings {
  storage: StoreSettings;
  /** Only the local dev server may stand in for App Service authentication, and only when this says so. */
  allowDevPrincipal: boolean;
  devPrincipal: { name: string; roles: string[] };
  /** The folder of the built web pages (`addin/`, `dashboard/`) the app serves beside the API. */
  webRoot?: string;
  /** The app's public origin, for URLs made where no request says it (`pat feed`). */
  publicUrl?: string;
  exports: ExportSettings;
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

/** Every day at 06:00 in Mexico City (UTC−6 all year since 2022): 12:00 UTC. */
export const DEFAULT_EXPORT_SCHEDULE = '0 0 12 * * *';

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(blankIsUnset, schema.default(value as never));

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
  PAT_ALLOW_DEV_PRINCIPAL: withDefault(z.enum(['true', 'false']), 'false'),
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
  PAT_AUTH_TENANT_ID: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'un GUID')),
  PAT_AUTH_CLIENT_ID: optional(z.string().regex(/^[0-9a-f-]{36}$/i, 'un GUID')),
  PAT_AUTH_ISSUER: optional(z.url()),
  PAT_AUTH_JWKS_URI: optional(z.url()),
  PAT_AUTH_APP_ID_URI: optional(z.string().regex(/^api:\/\/\S+$/, 'api://…')),
  PAT_AUTH_AUTHORITY: optional(z.url()),
  PAT_AUTH_APP_SERVICE: withDefault(z.enum(['true', 'false']), 'false'),
});
export const SETTING_NAMES = Object.keys(settingsSchema.shape);

export class SettingsError extends Error {}

/**
 * Where storage is: an explicit connection string; else an account reached with a managed
 * identity (its name or both endpoints); else the Functions host's own storage; else Azurite.
 */
function storageTarget(e: z.infer<typeof settingsSchema>, inAzure: boolean): StorageTarget {
  if (e.PAT_STORAGE_CONNECTION_STRING) return { connectionString: e.PAT_STORAGE_CONNECTION_STRING };
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
  if (e.AzureWebJobsStorage) return { connectionString: e.AzureWebJobsStorage };
  // In Azure Azurite is never the answer: say what is missing.
  if (inAzure)
    throw new SettingsError(
      'Configuración no válida: falta el almacenamiento (PAT_STORAGE_ACCOUNT_NAME o PAT_STORAGE_CONNECTION_STRING).',
    );
  return { connectionString: 'UseDevelopmentStorage=true' };
}

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
  const [name, roles] = e.PAT_DEV_PRINCIPAL.split(':') as [string, string];
  return {
    storage: {
      // App Service sets WEBSITE_INSTANCE_ID on every instance: the platform's, not an app setting.
      ...storageTarget(e, Boolean(env.WEBSITE_INSTANCE_ID)),
      tablePrefix: e.PAT_TABLE_PREFIX,
      timeoutMs: e.PAT_STORAGE_TIMEOUT_MS,
    },
    allowDevPrincipal: e.PAT_ALLOW_DEV_PRINCIPAL === 'true',
    devPrincipal: { name, roles: roles.split(',').filter(Boolean) },
    ...(e.PAT_WEB_ROOT ? { webRoot: e.PAT_WEB_ROOT } : {}),
    ...(e.PAT_PUBLIC_URL ? { publicUrl: e.PAT_PUBLIC_URL } : {}),
    exports: {
      schedule: e.PAT_EXPORT_SCHEDULE,
      retentionDays: e.PAT_EXPORT_RETENTION_DAYS,
      reportDaysBefore: e.PAT_REPORT_DAYS_BEFORE,
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
