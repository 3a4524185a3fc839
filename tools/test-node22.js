// `npm run test:node22` (and the end of `npm test`): the server, CLI and core suites again, on the
// Node 22 that Azure Functions runs, from tools/node22 (`npm ci --prefix tools/node22`: the npm
// registry's `node` package). Without it this says so and passes, unless PAT_REQUIRE_NODE22=1
// (CI sets it): then a missing Node 22 fails the run.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const NODE22 = path.join(ROOT, 'tools', 'node22', 'node_modules', '.bin', 'node');
const SUITES = ['tests/shared', 'tests/backend', 'tests/cli', 'tests/functions', 'tests/infra'];

if (!existsSync(NODE22)) {
  const message = 'Node 22: no instalado; instálelo con «npm ci --prefix tools/node22».';
  if (process.env.PAT_REQUIRE_NODE22 === '1') {
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${message} Se omiten las pruebas en Node 22.\n`);
  process.exit(0);
}
const version = spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout.trim();
process.stdout.write(`Pruebas del servidor, la CLI y el núcleo en Node ${version}…\n`);
const run = spawnSync(
  NODE22,
  [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...SUITES, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
