/**
 * `pat` starts fast because each command loads only its own libraries: help loads neither
 * exceljs nor the Azure SDKs, validate and calendar no Azure SDK. What the process loaded is
 * recorded at its exit by a preloaded script (the modules in require.cache), so this is a test
 * of behaviour, not of timing (tools/bench/cli.ts times it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { writeSeedWorkbook } from '../helpers/workbooks';

const tmp = tempDir();
const preload = tmp.path('record-modules.js');
const seed = tmp.path('cvoe-2021.xlsx');
let runs = 0;

beforeAll(async () => {
  writeFileSync(
    preload,
    [
      "const { writeFileSync } = require('node:fs');",
      "process.on('exit', () => {",
      '  writeFileSync(process.env.PAT_LOADED_MODULES, JSON.stringify(Object.keys(require.cache)));',
      '});',
    ].join('\n'),
  );
  await writeSeedWorkbook(seed);
});
afterAll(() => tmp.cleanup());

/** Runs `pat` and returns its exit code and the packages it loaded (as `exceljs`, `@azure/…`). */
function packagesLoadedBy(args: string[]): { code: number | null; packages: Set<string> } {
  const record = tmp.path(`modules-${++runs}.json`);
  const run = pat(args, {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${preload}"`.trim(),
    PAT_LOADED_MODULES: record,
  });
  const files = JSON.parse(readFileSync(record, 'utf8')) as string[];
  const packages = new Set(
    files
      .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.replace(/\\/g, '/'))?.[1])
      .filter((p): p is string => p !== undefined),
  );
  return { code: run.code, packages };
}

const azure = (packages: Set<string>) => [...packages].filter((p) => p.startsWith('@azure/'));

describe('pat loads only what the command needs', () => {
  it('--help: commander, and neither exceljs nor any Azure SDK', () => {
    const { code, packages } = packagesLoadedBy(['--help']);
    expect(code).toBe(0);
    expect(packages).toContain('commander'); // the recording works
    expect(packages).not.toContain('exceljs');
    expect(azure(packages)).toEqual([]);
  });

  it('help of a command: neither exceljs nor any Azure SDK', () => {
    const { code, packages } = packagesLoadedBy(['validate', '--help']);
    expect(code).toBe(0);
    expect(packages).not.toContain('exceljs');
    expect(azure(packages)).toEqual([]);
  });

  it('validate: exceljs to read the workbook, no Azure SDK, also when the file is missing', () => {
    const valid = packagesLoadedBy(['validate', seed, '--today', '2021-01-01']);
    expect(valid.code).toBe(0);
    expect(valid.packages).toContain('exceljs');
    expect(azure(valid.packages)).toEqual([]);
    const missing = packagesLoadedBy(['validate', tmp.path('no-existe.xlsx')]);
    expect(missing.code).toBe(2);
    expect(azure(missing.packages)).toEqual([]);
  });

  it('calendar as JSON: neither exceljs nor any Azure SDK', () => {
    const { code, packages } = packagesLoadedBy(['calendar', '--year', '2021']);
    expect(code).toBe(0);
    expect(packages).not.toContain('exceljs');
    expect(azure(packages)).toEqual([]);
  });
});
