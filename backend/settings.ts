/**
 * Settings from the environment (App Settings in Azure, local.settings.json under `func start`,
 * the same names for the local dev host and the CLI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { StoreSettings } from './store/tables';

export interface AppSettings {
  storage: StoreSettings;
  /** Only the local dev server may stand in for App Service authentication, and only when this says so. */
  allowDevPrincipal: boolean;
  devPrincipal: { name: string; roles: string[] };
  /** The folder of the built web pages (`addin/`, `dashboard/`) the app serves beside the API. */
  webRoot?: string;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): AppSettings {
  const [name = 'dev@localhost', roles = 'editor,viewer'] = (env.PAT_DEV_PRINCIPAL ?? '')
    .split(':')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    storage: {
      connectionString:
        env.PAT_STORAGE_CONNECTION_STRING ||
        env.AzureWebJobsStorage ||
        'UseDevelopmentStorage=true',
      tablePrefix: env.PAT_TABLE_PREFIX ?? '',
      timeoutMs: Number(env.PAT_STORAGE_TIMEOUT_MS) || 5000,
    },
    allowDevPrincipal: env.PAT_ALLOW_DEV_PRINCIPAL === 'true',
    ...(env.PAT_WEB_ROOT ? { webRoot: env.PAT_WEB_ROOT } : {}),
    devPrincipal: {
      name,
      roles: roles
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
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
