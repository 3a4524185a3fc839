/**
 * The `pat` command's start-up: wall time of `node -e 0`, `pat --help` and `pat validate` of the
 * 2021 workbook, each the median of several runs after a warm-up, and the ratios of the two
 * commands to bare Node (what the command itself costs, whatever the machine).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** From dist/tools/bench/ to the repository's root. */
const ROOT = path.join(__dirname, '..', '..', '..');
const PAT = path.join(ROOT, 'cli', 'pat.js');
/** The 2021 programme's workbook, written by `npm run build` (tools/write-seed-workbook.ts). */
const WORKBOOK = path.join(ROOT, 'seeds', 'cvoe-2021.xlsx');

const RUNS = 7;
/** `pat validate` of the 2021 workbook, at most this many times `pat --help`. */
const VALIDATE_GOAL = 4;

/** One run's wall time in milliseconds; a failed run stops the benchmark. */
function timeOnce(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  const ms = performance.now() - start;
  if (run.status !== 0)
    throw new Error(
      `«node ${args.join(' ')}» terminó con el código ${run.status}: ${run.stderr || run.error?.message}`,
    );
  return ms;
}

const median = (times: number[]): number =>
  [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

export async function runCliBench(): Promise<Record<string, number>> {
  if (!existsSync(WORKBOOK))
    throw new Error(`Falta ${WORKBOOK}: ejecute «npm run build», que lo escribe.`);
  const commands = {
    node: ['-e', '0'],
    help: [PAT, '--help'],
    validate: [PAT, 'validate', WORKBOOK],
  };
  const entries = Object.entries(commands) as [keyof typeof commands, string[]][];
  for (const [, args] of entries) timeOnce(args);
  // In rounds, one run of each command per round, so a busier moment weighs on all three alike.
  const times = { node: [] as number[], help: [] as number[], validate: [] as number[] };
  for (let round = 0; round < RUNS; round++)
    for (const [name, args] of entries) times[name].push(timeOnce(args));
  const node = median(times.node);
  const help = median(times.help);
  const validate = median(times.validate);
  const result = {
    node_ms: Number(node.toFixed(1)),
    help_ms: Number(help.toFixed(1)),
    validate_ms: Number(validate.toFixed(1)),
    help_ratio: Number((help / node).toFixed(2)),
    validate_ratio: Number((validate / node).toFixed(2)),
    validate_to_help: Number((validate / help).toFixed(2)),
  };
  console.log(`Línea de comandos: tiempo de arranque (mediana de ${RUNS})`);
  console.log(`  node -e 0:                 ${result.node_ms} ms`);
  console.log(`  pat --help:                ${result.help_ms} ms  (${result.help_ratio} × node)`);
  console.log(
    `  pat validate (libro 2021): ${result.validate_ms} ms  (${result.validate_ratio} × node, ` +
      `${result.validate_to_help} × pat --help; meta ≤ ${VALIDATE_GOAL})`,
  );
  return result;
}
