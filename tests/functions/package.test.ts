/**
 * The deployable package (`npm run package`) as the Functions host loads it: its package.json's
 * `main` is imported in a fresh Node process with a recording stand-in for `@azure/functions-core`
 * (the module the host itself provides, and the only one the bundle leaves out). Every HTTP route
 * and timer must reach the host exactly as the trigger table says; the zip holds the same files.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { triggers } from '../../backend/triggers';
import { ROOT } from '../helpers/cli';
import { writeStandInHost } from '../../tools/bench/functions-start';
import { tempDir } from '../helpers/files';
import { depsFor, newStore, testConnectionString } from '../helpers/server';
import { Store } from '../../backend/store/store';
import { encodePrincipal } from '../../backend/http/principal';
import { seedProgramme } from '../../backend/services/seed';
import { loadSeedProgramme } from '../../seeds';

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

/**
 * A module file running `code` (not `--input-type=module -e`: worker threads inherit the flags,
 * and the render pool's would refuse that one).
 */
function importer(code: string): string {
  const file = tmp.path(`run-${randomBytes(4).toString('hex')}.mjs`);
  writeFileSync(file, code);
  return file;
}

/** The package's `main`, as the host finds it. */
function mainUrl(): string {
  const { main } = JSON.parse(readFileSync(path.join(APP, 'package.json'), 'utf8')) as {
    main: string;
  };
  return pathToFileURL(path.join(APP, main)).href;
}

/** Loads the package's `main` as the host does, with the host's core API recorded; what it registered. */
function registeredBy(env: Record<string, string>): Registered[] {
  const preload = writeStandInHost(
    tmp.path('.'),
    `const seen = [];
     process.on('exit', () => process.stdout.write(JSON.stringify(seen)));
     module.exports = {
       registerFunction: (metadata) => (seen.push(metadata), { dispose() {} }),
       registerHook: () => ({ dispose() {} }),
       setProgrammingModel: () => undefined,
       log: () => undefined,
     };`,
  );
  const out = execFileSync(
    process.execPath,
    // An ES module (the package's type): imported, as the host imports it.
    ['--require', preload, importer(`await import(${JSON.stringify(mainUrl())});`)],
    { cwd: APP, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  );
  return JSON.parse(out) as Registered[];
}

/**
 * Loads the package's `main` as the host does and calls registered handlers, as the host calls
 * them, with @azure/functions' own request and context: each answer's status, type and size.
 */
function answeredBy(
  env: Record<string, string>,
  calls: { name: string; url: string; params?: Record<string, string>; principal?: string }[],
): { status: number; type: string | null; bytes: number; head: string }[] {
  const preload = writeStandInHost(
    tmp.path('.'),
    `globalThis.patHandlers = {};
     module.exports = {
       registerFunction: (metadata, handler) => ((globalThis.patHandlers[metadata.name] = handler), { dispose() {} }),
       registerHook: () => ({ dispose() {} }),
       setProgrammingModel: () => undefined,
       log: () => undefined,
     };`,
  );
  const script = `
    import { createRequire } from 'node:module';
    const { HttpRequest, InvocationContext } = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))})('@azure/functions');
    await import(${JSON.stringify(mainUrl())});
    const answers = [];
    for (const call of ${JSON.stringify(calls)}) {
      const res = await globalThis.patHandlers[call.name](
        new HttpRequest({ method: 'GET', url: call.url, params: call.params ?? {}, headers: call.principal ? { 'x-ms-client-principal': call.principal } : {} }),
        new InvocationContext({ functionName: call.name, logHandler: (level, ...args) => console.error(level, ...args) }),
      );
      const body = res.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof res.body === 'string' ? res.body : res.body);
      const headers = new Headers(res.headers);
      answers.push({ status: res.status ?? 200, type: headers.get('content-type'), bytes: body.length, head: body.subarray(0, 2).toString('latin1') });
    }
    process.stdout.write(JSON.stringify(answers));
    process.exit(0);`;
  const out = execFileSync(process.execPath, ['--require', preload, importer(script)], {
    cwd: APP,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { status: number; type: string | null; bytes: number; head: string }[];
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
      PAT_REMINDER_SCHEDULE: '0 30 11 * * *',
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

  it('answers from the chunks it loads with the first invocation: the health check, a programme, a workbook and the Word document written by the render worker', async () => {
    const tablePrefix = `pkg${randomBytes(4).toString('hex')}`;
    const store = new Store({ connectionString: testConnectionString(), tablePrefix });
    await store.ensureTables();
    await seedProgramme(store, loadSeedProgramme());
    const principal = encodePrincipal({ name: 'ana@iecm.mx', roles: ['viewer'] });
    const answers = answeredBy(
      {
        PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
        PAT_TABLE_PREFIX: tablePrefix,
        PAT_AUTH_APP_SERVICE: 'true', // behind App Service authentication, as deployed
      },
      [
        { name: 'health', url: 'http://127.0.0.1/api/health' },
        {
          name: 'getProgram',
          url: 'http://127.0.0.1/api/programs/cvoe-2021',
          params: { programId: 'cvoe-2021' },
          principal,
        },
        {
          name: 'getSessionsXlsx',
          url: 'http://127.0.0.1/api/programs/cvoe-2021/sessions.xlsx',
          params: { programId: 'cvoe-2021' },
          principal,
        },
        {
          name: 'getProgramDocument',
          url: 'http://127.0.0.1/api/programs/cvoe-2021/document',
          params: { programId: 'cvoe-2021' },
          principal,
        },
      ],
    );
    expect(answers[0]).toMatchObject({ status: 200 });
    expect(answers[1]).toMatchObject({ status: 200, type: expect.stringContaining('json') });
    expect(answers[2]).toMatchObject({
      status: 200,
      type: expect.stringContaining('spreadsheetml'),
      head: 'PK',
    });
    expect(answers[3]).toMatchObject({
      status: 200,
      type: expect.stringContaining('wordprocessingml'),
      head: 'PK',
    });
    expect(existsSync(path.join(APP, 'dist', 'workers', 'render-worker.js'))).toBe(true);
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
