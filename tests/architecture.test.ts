/**
 * The architecture rules bite: the repository as it is passes them, and a copy of it with one
 * wrong import per rule fails each of them (dependency-cruiser, the same config `npm test` runs).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: { name: string }[];
};
const SOURCES = [
  'shared',
  'backend',
  'functions/src',
  'cli',
  'tools',
  'seeds',
  'addin/src',
  'dashboard/src',
];

function cruise(dir: string): { code: number | null; rules: string[] } {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      ...SOURCES,
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 60_000 },
  );
  // As `npm run arch` reports them: «  error rule-name: from → to».
  const rules = [...run.stdout.matchAll(/^\s*error (\S+):/gm)].map((m) => m[1]!);
  return { code: run.status, rules: [...new Set(rules)].sort() };
}

/** A copy of the sources and configuration, sharing node_modules. */
function copyOfRepository(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pat-arch-'));
  for (const item of [
    ...SOURCES.map((s) => s.split('/')[0]!),
    'tsconfig.json',
    '.dependency-cruiser.cjs',
  ])
    cpSync(path.join(ROOT, item), path.join(dir, item), {
      recursive: true,
      filter: (src) => !/(^|\/)(dist|node_modules)(\/|$)/.test(path.relative(ROOT, src)),
    });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** One wrong import per rule, each where a hurried change would put it. */
const WRONG_IMPORTS: [string, string, string][] = [
  ['core-imports-only-core', 'shared/months.ts', "import '../backend';"],
  ['core-does-no-io', 'shared/text.ts', "import 'node:fs';"],
  ['core-uses-no-io-packages', 'shared/period.ts', "import 'exceljs';"],
  ['addin-only-on-core', 'addin/src/api-client.ts', "import '../../backend';"],
  ['nothing-imports-addin', 'cli/output.ts', "import '../addin/src/api-client';"],
  // The bench names the pane's types (type-only imports, there); running its code is refused.
  ['bench-sees-addin-types-only', 'tools/bench/office.ts', "import '../../addin/src/messages';"],
  ['dashboard-only-on-core', 'dashboard/src/api.ts', "import '../../backend';"],
  [
    'nothing-imports-dashboard',
    'backend/http/handlers/web.ts',
    "import '../../../dashboard/src/api';",
  ],
  [
    'hosts-use-backend-public-module',
    'tools/dev/timers.ts',
    "import '../../backend/store/errors';",
  ],
  [
    'functions-host-loads-backend-on-first-use',
    'functions/src/index.ts',
    "import '../../backend';",
  ],
  ['trigger-table-is-plain-data', 'backend/trigger-table.ts', "import './settings';"],
  ['route-table-is-plain-data', 'shared/api/route-table.ts', "import 'zod';"],
  ['backend-never-imports-hosts', 'backend/settings.ts', "import '../cli/output';"],
  ['store-is-the-bottom', 'backend/store/keys.ts', "import '../services/plan-diff';"],
  ['services-below-http', 'backend/services/seed.ts', "import '../http/responses';"],
  // A handler reaching the store at run time (a type-only import of it is fine, and is there).
  ['http-only-through-services', 'backend/http/handlers/health.ts', "import '../../store/keys';"],
  ['errors-are-the-floor', 'backend/errors.ts', "import './settings';"],
  ['xlsx-adapter-below-store', 'backend/xlsx/workbook.ts', "import '../store/errors';"],
  ['shipped-never-imports-dev-code', 'functions/src/index.ts', "import '../../tools/dev/timers';"],
  ['seeds-are-data', 'seeds/index.ts', "import '../backend';"],
];

describe('the architecture rules', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyOfRepository();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pass on the code as it is', () => {
    expect(cruise(dir)).toEqual({ code: 0, rules: [] });
  });

  it('each fail on a wrong import, and every rule is tried', () => {
    for (const [, file, line] of WRONG_IMPORTS) appendFileSync(path.join(dir, file), `\n${line}\n`);
    writeFileSync(
      path.join(dir, 'shared', 'loop-a.ts'),
      "import './loop-b';\nexport const a = 1;\n",
    );
    writeFileSync(
      path.join(dir, 'shared', 'loop-b.ts'),
      "import './loop-a';\nexport const b = 2;\n",
    );
    const { code, rules } = cruise(dir);
    expect(code).not.toBe(0);
    for (const [rule] of WRONG_IMPORTS) expect(rules).toContain(rule);
    expect(rules).toContain('no-circular');
    expect(new Set([...WRONG_IMPORTS.map(([r]) => r), 'no-circular'])).toEqual(
      new Set(config.forbidden.map((r) => r.name)),
    );
  });
});
