/**
 * The storage the `pat` commands work on: the one the settings name — the same as `npm start`'s
 * (its ports, its data folder), never another one — said on stderr before any work, so stdout
 * stays the command's output; the services over it, its tables in place.
 */
import path from 'node:path';
import {
  Services,
  StorageUnavailableError,
  azuriteDataDir,
  describeStorage,
  loadLocalSettings,
  openServices,
  settingsFromEnv,
} from '../backend';
import { Output, UsageError } from './output';

/** The repository, from dist/cli/. */
const ROOT = path.join(__dirname, '..', '..');
/** The Functions app's local settings, as `func start` and `npm start` read them. */
const LOCAL_SETTINGS = path.join(ROOT, 'functions', 'local.settings.json');

export async function openStorage(
  out: Output,
  options: { minTimeoutMs?: number } = {},
): Promise<Services> {
  loadLocalSettings(LOCAL_SETTINGS);
  const settings = settingsFromEnv();
  const where = describeStorage(settings.storage);
  const local = settings.storage.localAzurite
    ? `Azurite local de «npm start», datos en ${path.relative(process.cwd(), azuriteDataDir(settings.local, ROOT)) || '.'}`
    : undefined;
  out.stderr(`Almacenamiento: ${where}${local ? ` (${local})` : ''}.`);
  const services = openServices({
    ...settings.storage,
    timeoutMs: Math.max(settings.storage.timeoutMs ?? 0, options.minTimeoutMs ?? 0),
  });
  try {
    await services.prepareStorage();
  } catch (error) {
    if (error instanceof StorageUnavailableError)
      throw new UsageError(
        local
          ? `No se pudo conectar con el almacenamiento en ${where} (${local}). Inicie el entorno local con «npm start» (con los mismos PAT_AZURITE_*_PORT) o defina PAT_STORAGE_CONNECTION_STRING.`
          : `No se pudo conectar con el almacenamiento en ${where}. Revise PAT_STORAGE_CONNECTION_STRING o PAT_STORAGE_ACCOUNT_NAME (y su acceso), o use el entorno local con «npm start».`,
      );
    throw error;
  }
  return services;
}
