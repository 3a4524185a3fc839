/**
 * `pat validate` on the hostile-workbook corpus (`tests/helpers/hostile-workbooks.ts`): zip bombs,
 * truncated and made-up files, XXE, references past Excel's grid, odd sheet names, parts missing
 * or pointing out of the file. Each runs in its own `pat` under a 256 MB heap and a 30 s wall
 * clock (the bugs this guards against took gigabytes and died with V8's fatal error, exit 134, or
 * ran for minutes), and must end with exit 1 or 2 and a Spanish message — never a stack trace,
 * never a file the workbook points at.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_WORKBOOKS, HostileWorkbook } from '../helpers/hostile-workbooks';
import { ROOT, RunResult, expectNoStackTrace } from '../helpers/cli';
import { tempDir } from '../helpers/files';

const LOW_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };
const WALL_CLOCK_MS = 30_000;
/** Named pipes and links to devices are Unix files. */
const CORPUS = HOSTILE_WORKBOOKS.filter((w) => !w.place || process.platform !== 'win32');

interface Run extends RunResult {
  /** Set when the wall clock killed it. */
  signal: NodeJS.Signals | null;
}

/** The real `pat`, like the `pat` helper, but asynchronous: several run at once. */
function patAsync(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'cli', 'pat.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: WALL_CLOCK_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `task` over `items`, `size` at a time. */
async function inPool<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  };
  await Promise.all(Array.from({ length: size }, worker));
}

const tmp = tempDir('pat-hostil-');
const runs = new Map<string, Run>();

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('Compile first: npm run build');
  const parallel = Math.max(2, Math.min(4, os.availableParallelism()));
  await inPool(CORPUS, parallel, async (workbook: HostileWorkbook) => {
    const file = tmp.path(workbook.name);
    if (workbook.place) workbook.place(file);
    else writeFileSync(file, await workbook.build());
    runs.set(workbook.name, await patAsync(['validate', file], LOW_HEAP));
  });
}, 300_000);
afterAll(() => tmp.cleanup());

describe('pat validate on hostile workbooks', () => {
  it('has at least 30 kinds, each its own file', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((w) => w.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS)('$name: $attack', (workbook) => {
    const run = runs.get(workbook.name)!;
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.signal).toBeNull(); // not killed by the wall clock
    expect(workbook.expect.codes).toContain(run.code);
    expect(output).toMatch(workbook.expect.message);
    expectNoStackTrace(run);
    // Not V8 dying, not an exception the CLI did not expect, not exceljs's warnings in English.
    expect(output).not.toMatch(/FATAL|heap out of memory|Allocation failed/);
    expect(output).not.toMatch(/error inesperado|Worksheet name|\bWarning\b|\bError\b/);
    if (workbook.expect.never) expect(output).not.toMatch(workbook.expect.never);
    for (const file of workbook.expect.noFiles ?? []) expect(existsSync(file)).toBe(false);
  });
});
