/** `npm run bench`: every benchmark, printed, and saved as JSON in tools/bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCronogramaBench } from './cronograma';
import { runStorageBench } from './storage';

async function main(): Promise<void> {
  const cronograma = runCronogramaBench();
  const storage = await runStorageBench();
  const results = { date: new Date().toISOString(), node: process.version, cronograma, storage };
  // From dist/tools/bench/ to the repository's tools/bench/results/.
  const dir = path.join(__dirname, '..', '..', '..', 'tools', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
