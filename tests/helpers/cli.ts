import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const PAT = path.join(ROOT, 'cli', 'pat.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `pat` command (the compiled CLI, as users run it). */
export function pat(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('Compile first: npm run build');
  const result = spawnSync(process.execPath, [PAT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** No stack trace may reach the user. */
export function expectNoStackTrace(run: RunResult): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}
