/**
 * Settings from the environment (App Settings in Azure, local.settings.json under `func start`,
 * the same names for the local dev server).
 */
import { StoreSettings } from './store/tables';

export interface AppSettings {
  storage: StoreSettings;
  /** Only the local dev server may stand in for App Service authentication, and only when this says so. */
  allowDevPrincipal: boolean;
  devPrincipal: { name: string; roles: string[] };
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
    devPrincipal: {
      name,
      roles: roles
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    },
  };
}
