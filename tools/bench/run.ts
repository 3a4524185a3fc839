/**
 * `npm run bench`: every benchmark, printed, and saved as JSON in tools/bench/results/latest.json.
 * Figures compared with each other (batched and per entity, 1k and 10k, `pat` and `node -e 0`,
 * reads idle and during a sync, 500 and 2,000 activities) are measured side by side in this one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBundleBench } from './bundles';
import { runCliBench } from './cli';
import { runFunctionsStartBench } from './functions-start';
import { runCronogramaBench } from './cronograma';
import { runGrowthBench } from './growth';
import { runOfficeBench } from './office';
import { runReadsBench } from './reads';
import { runStorageBench } from './storage';

async function main(): Promise<void> {
  const started = performance.now();
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cronograma: runCronogramaBench(),
    office: await runOfficeBench(),
    bundles: runBundleBench(),
    cli: await runCliBench(),
    functionsStart: runFunctionsStartBench(),
    storage: await runStorageBench(),
    reads: await runReadsBench(),
    growth: await runGrowthBench(),
    seconds: 0,
  };
  results.seconds = Math.round((performance.now() - started) / 1000);
  console.log(`Tiempo total: ${results.seconds} s`);
  // From dist/tools/bench/ to the repository's tools/bench/results/.
  const dir = path.join(__dirname, '..', '..', '..', 'tools', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
