/**
 * Reads `functions/local.settings.json` (git-ignored; copied from the example) the way
 * `func start` does, so the dev server and Core Tools see the same settings.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'functions');

export function loadLocalSettings(env: NodeJS.ProcessEnv = process.env): { file?: string } {
  const file = path.join(FUNCTIONS_DIR, 'local.settings.json');
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, string> };
  for (const [key, value] of Object.entries(parsed.Values ?? {})) env[key] ??= value;
  return { file };
}
