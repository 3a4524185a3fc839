/**
 * The Functions app's start: wall time of `node -e 0` against Node importing the built app's
 * `main` (functions/dist/index.js, as the host imports it) with a stand-in for the host's
 * `@azure/functions-core` that records nothing. Flex Consumption pays this on every cold start,
 * before the first invocation; the goal is at most twice bare Node. Median of several runs, in
 * rounds (one run of each per round).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** From dist/tools/bench/ to the repository's root. */
const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'functions', 'dist', 'index.js');
const RUNS = 9;
const GOAL = 2;

const median = (times: number[]): number =>
  [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

function timeOnce(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  const ms = performance.now() - start;
  if (run.status !== 0)
    throw new Error(`«node ${args.join(' ')}» terminó con el código ${run.status}: ${run.stderr}`);
  return ms;
}

/**
 * Writes, in `dir`, a stand-in for the Functions host's `@azure/functions-core` (`coreSource`, a
 * CommonJS module) and a preload that resolves the package to it; the preload's path (for
 * `node --require`). The tests load the packaged app with it too.
 */
export function writeStandInHost(dir: string, coreSource: string): string {
  const core = path.join(dir, `functions-core-${randomBytes(4).toString('hex')}.js`);
  writeFileSync(core, coreSource);
  const host = path.join(dir, `host-${randomBytes(4).toString('hex')}.js`);
  writeFileSync(
    host,
    `const Module = require('node:module');
     const resolve = Module._resolveFilename;
     Module._resolveFilename = function (request, ...rest) {
       return request === '@azure/functions-core' ? ${JSON.stringify(core)} : resolve.call(this, request, ...rest);
     };`,
  );
  return host;
}

export function runFunctionsStartBench(): Record<string, number> {
  if (!existsSync(MAIN)) throw new Error(`Falta ${MAIN}: ejecute «npm run build».`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pat-functions-start-'));
  try {
    const host = writeStandInHost(
      dir,
      'module.exports = { registerFunction: () => ({ dispose() {} }), registerHook: () => ({ dispose() {} }), setProgrammingModel: () => undefined, log: () => undefined };',
    );
    const load = path.join(dir, 'load.mjs');
    writeFileSync(load, `await import(${JSON.stringify(pathToFileURL(MAIN).href)});`);
    const commands = { node: ['-e', '0'], app: ['--require', host, load] };
    for (const args of Object.values(commands)) timeOnce(args);
    const times = { node: [] as number[], app: [] as number[] };
    for (let round = 0; round < RUNS; round++)
      for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][])
        times[name].push(timeOnce(args));
    const node = median(times.node);
    const app = median(times.app);
    const result = {
      node_ms: Number(node.toFixed(1)),
      app_ms: Number(app.toFixed(1)),
      app_ratio: Number((app / node).toFixed(2)),
    };
    console.log(`Arranque de la aplicación de Functions (mediana de ${RUNS})`);
    console.log(`  node -e 0:                 ${result.node_ms} ms`);
    console.log(
      `  functions/dist/index.js:   ${result.app_ms} ms  (${result.app_ratio} × node; meta ≤ ${GOAL})`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
