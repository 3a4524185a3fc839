/**
 * The deployable package (`npm run package`) as the Functions host loads it: its package.json's
 * `main` is required in a fresh Node process with a recording stand-in for `@azure/functions-core`
 * (the module the host itself provides, and the only one the bundle leaves out). Every HTTP route
 * and timer must reach the host exactly as the trigger table says; the zip holds the same files.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { triggers } from '../../backend/triggers';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { depsFor, newStore } from '../helpers/server';

jest.setTimeout(120_000);

const APP = path.join(ROOT, 'dist', 'functions-app');
const tmp = tempDir('pat-package-');
afterAll(() => tmp.cleanup());

interface Binding {
  type: string;
  direction: string;
  methods?: string[];
  authLevel?: string;
  route?: string;
  schedule?: string;
}
interface Registered {
  name: string;
  bindings: Record<string, Binding>;
}

/** Loads the package's `main` as the host does, with the host's core API recorded; what it registered. */
function registeredBy(env: Record<string, string>): Registered[] {
  const core = tmp.path('functions-core.js');
  const preload = tmp.path('host.js');
  writeFileSync(
    core,
    `const seen = [];
     process.on('exit', () => process.stdout.write(JSON.stringify(seen)));
     module.exports = {
       registerFunction: (metadata) => (seen.push(metadata), { dispose() {} }),
       registerHook: () => ({ dispose() {} }),
       setProgrammingModel: () => undefined,
       log: () => undefined,
     };`,
  );
  writeFileSync(
    preload,
    `const Module = require('node:module');
     const resolve = Module._resolveFilename;
     Module._resolveFilename = function (request, ...rest) {
       return request === '@azure/functions-core' ? ${JSON.stringify(core)} : resolve.call(this, request, ...rest);
     };
     require('@azure/functions-core');`,
  );
  const main = (
    JSON.parse(readFileSync(path.join(APP, 'package.json'), 'utf8')) as { main: string }
  ).main;
  const out = execFileSync(
    process.execPath,
    ['--require', preload, '-e', `require(${JSON.stringify(path.join(APP, main))})`],
    { cwd: APP, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  );
  return JSON.parse(out) as Registered[];
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'tools', 'package-functions.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
});

describe('npm run package', () => {
  it('registers every route and timer of the trigger table with the host, as Azure would load it', async () => {
    const registered = registeredBy({
      // As the template sets it: storage by managed identity, no connection string.
      PAT_STORAGE_ACCOUNT_NAME: 'patcronograma',
      PAT_EXPORT_SCHEDULE: '0 30 11 * * *',
    });
    const table = triggers(depsFor(await newStore()));
    const http = registered.filter((r) =>
      Object.values(r.bindings).some((b) => b.type === 'httpTrigger'),
    );
    expect(
      http.map((r) => {
        const trigger = Object.values(r.bindings).find((b) => b.type === 'httpTrigger')!;
        return [r.name, trigger.methods, trigger.route, trigger.authLevel];
      }),
    ).toEqual(table.http.map((r) => [r.name, r.methods, r.route, 'anonymous']));
    const timers = registered.filter((r) =>
      Object.values(r.bindings).some((b) => b.type === 'timerTrigger'),
    );
    expect(
      timers.map((r) => [
        r.name,
        Object.values(r.bindings).find((b) => b.type === 'timerTrigger')!.schedule,
      ]),
    ).toEqual(table.timers.map((t) => [t.name, '0 30 11 * * *']));
    expect(registered).toHaveLength(http.length + timers.length);
  });

  it('ships host.json with the extension bundle, a package.json whose main is the bundle and no dependencies, and the pages', () => {
    const host = JSON.parse(readFileSync(path.join(APP, 'host.json'), 'utf8'));
    expect(host.extensionBundle.id).toBe('Microsoft.Azure.Functions.ExtensionBundle');
    const pkg = JSON.parse(readFileSync(path.join(APP, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.dependencies).toEqual({});
    expect(pkg.scripts).toBeUndefined(); // azd would run a build or package script inside it
    expect(readFileSync(path.join(APP, 'www', 'addin', 'taskpane.html'), 'utf8')).toContain(
      '<div id="root"></div>',
    );
    expect(readFileSync(path.join(APP, 'www', 'dashboard', 'index.html'), 'utf8')).toContain(
      '<html',
    );
  });

  it('zips exactly the folder', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(ROOT, 'dist', 'functions-app.zip')));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'host.json',
        'package.json',
        'dist/index.js',
        'www/addin/taskpane.html',
        'www/dashboard/index.html',
      ]),
    );
    expect(await zip.file('package.json')!.async('string')).toBe(
      readFileSync(path.join(APP, 'package.json'), 'utf8'),
    );
  });
});
