import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import path from 'node:path';
import { freePort, portAnswers } from '../../tools/dev/azurite';
import { encodePrincipal } from '../../backend/http/principal';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { VIEWER } from '../helpers/server';

const tmp = tempDir('pat-start-');
afterAll(() => tmp.cleanup());

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `npm start`'s script the way CI and scripts do: no terminal, standard input closed. */
function start(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [path.join(ROOT, 'tools', 'start.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

/** The ports of one stack: API and Azurite's three services. */
async function freePorts() {
  return {
    PAT_PORT: String(await freePort()),
    PAT_AZURITE_BLOB_PORT: String(await freePort()),
    PAT_AZURITE_QUEUE_PORT: String(await freePort()),
    PAT_AZURITE_TABLE_PORT: String(await freePort()),
  };
}

async function waitFor(
  check: () => boolean,
  ms = 30000,
  poll: () => Promise<void> = async () => undefined,
): Promise<void> {
  const deadline = Date.now() + ms;
  await poll();
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
    await poll();
  }
}

describe('npm start', () => {
  it('with the values of local.settings.example.json, runs Azurite, loads the 2021 programme, serves the API, refuses a second start, and stops everything on SIGTERM', async () => {
    const ports = await freePorts();
    // What a developer gets by copying the example (as `func start` needs it): its storage is
    // Azurite's shorthand, which `npm start` takes as "start Azurite here".
    const example = JSON.parse(
      readFileSync(path.join(ROOT, 'functions', 'local.settings.example.json'), 'utf8'),
    ) as { Values: Record<string, string> };
    expect(example.Values.PAT_STORAGE_CONNECTION_STRING).toBe('UseDevelopmentStorage=true');
    const env = { ...example.Values, ...ports, PAT_DATA_DIR: tmp.path('data') };
    const first = start(env);
    try {
      await waitFor(() => first.output().includes('Ctrl-C para detener.'));
      expect(first.output()).toContain(
        'Programa 2021 cargado: 26 actividades, 251 meses planeados, 12 sesiones.',
      );
      const base = `http://127.0.0.1:${ports.PAT_PORT}/api`;
      const headers = { 'x-ms-client-principal': encodePrincipal(VIEWER) };
      const program = (await (await fetch(`${base}/programs/cvoe-2021`, { headers })).json()) as {
        activities: unknown[];
      };
      expect(program.activities).toHaveLength(26);
      const sessions = (await (
        await fetch(`${base}/programs/cvoe-2021/sessions`, { headers })
      ).json()) as { sessions: unknown[] };
      expect(sessions.sessions).toHaveLength(12);
      // «Modo local»: no sign-in is configured, so the dev host signs this machine's calls in.
      expect(first.output()).toContain(
        'Modo local: cada solicitud desde este equipo entra como dev@localhost (editor, viewer, admin)',
      );
      expect(await (await fetch(`${base}/programs`)).json()).toEqual([
        expect.objectContaining({ id: 'cvoe-2021' }),
      ]);
      expect(await (await fetch(`${base}/auth-config`)).json()).toEqual({
        mode: 'none',
        localIdentity: { name: 'dev@localhost', roles: ['editor', 'viewer', 'admin'] },
      });
      const pane = await fetch(`http://127.0.0.1:${ports.PAT_PORT}/taskpane.html`);
      expect(pane.status).toBe(200);
      expect(await pane.text()).toContain('<div id="root"></div>');
      expect(first.output()).toContain(
        `Panel del complemento en http://127.0.0.1:${ports.PAT_PORT}/taskpane.html`,
      );

      // The timer runs on its schedule, and now when asked, as the Functions host's admin API does.
      expect(first.output()).toMatch(/Temporizador scheduledExports \(«0 0 12 \* \* \*», UTC\)/);
      const run = await fetch(
        `http://127.0.0.1:${ports.PAT_PORT}/admin/functions/scheduledExports`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        },
      );
      expect(run.status).toBe(202);
      let exported: { exports: { name: string }[] } = { exports: [] };
      await waitFor(
        () => exported.exports.length >= 3,
        20_000,
        async () => {
          exported = (await (
            await fetch(`${base}/programs/cvoe-2021/exports`, { headers })
          ).json()) as typeof exported;
        },
      );
      expect(exported.exports.map((e) => e.name)).toContain('programa-cvoe-2021.xlsx');
      expect(
        (await fetch(`http://127.0.0.1:${ports.PAT_PORT}/`, { redirect: 'manual' })).headers.get(
          'location',
        ),
      ).toBe('/dashboard/');

      const second = start(env);
      expect(await second.exit).toBe(1);
      expect(second.output()).toContain('ya está corriendo');

      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      expect(await portAnswers(Number(ports.PAT_AZURITE_TABLE_PORT))).toBe(false);
      expect(await portAnswers(Number(ports.PAT_PORT))).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
    }
  });

  it('keeps the data between runs and does not load the seed twice; the dev principal works when settings allow it', async () => {
    const ports = await freePorts();
    const env = {
      ...ports,
      PAT_DATA_DIR: tmp.path('data2'),
      PAT_STORAGE_CONNECTION_STRING: '',
      PAT_ALLOW_DEV_PRINCIPAL: 'true',
      PAT_DEV_PRINCIPAL: 'dev@localhost:viewer',
    };
    for (const run of [1, 2]) {
      const s = start(env);
      try {
        await waitFor(() => s.output().includes('Ctrl-C para detener.'));
        expect(s.output().includes('Programa 2021 cargado')).toBe(run === 1);
        expect(s.output()).toContain(
          'Modo local: cada solicitud desde este equipo entra como dev@localhost (viewer)',
        );
        expect((await fetch(`http://127.0.0.1:${ports.PAT_PORT}/api/programs`)).status).toBe(200);
        s.child.kill('SIGINT');
        expect(await s.exit).toBe(0);
      } finally {
        s.child.kill('SIGKILL');
      }
    }
  });

  it('sends the reminders now when asked: one .eml per responsible person in the outbox, never twice, with a link to the update page', async () => {
    const ports = await freePorts();
    const outbox = tmp.path('outbox');
    const s = start({
      ...ports,
      PAT_DATA_DIR: tmp.path('data-reminders'),
      PAT_STORAGE_CONNECTION_STRING: '',
      PAT_MAIL_OUTBOX: outbox,
    });
    try {
      await waitFor(() => s.output().includes('Ctrl-C para detener.'));
      expect(s.output()).toContain('Responsables de ejemplo (@example.org');
      expect(s.output()).toMatch(/Temporizador sendReminders \(«0 0 14 \* \* 1-5», UTC\)/);
      const origin = `http://127.0.0.1:${ports.PAT_PORT}`;
      // The 2021 programme's year is over: the admin API's input names the day to run as of, a
      // week before its 6th ordinary session.
      const remind = () =>
        fetch(`${origin}/admin/functions/sendReminders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input: '2021-06-17' }),
        });
      expect((await remind()).status).toBe(202);
      await waitFor(() => /Recordatorios cvoe-2021 \(sesion-2021-06-24\)/.test(s.output()));
      expect(s.output()).toContain(
        `Recordatorios cvoe-2021 (sesion-2021-06-24) por carpeta ${outbox}: 2 enviados.`,
      );
      const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(2);
      const mails = await Promise.all(
        files.map((f) => simpleParser(readFileSync(path.join(outbox, f)))),
      );
      const utvoe = mails.find((m) => m.to && JSON.stringify(m.to).includes('utvoe@example.org'))!;
      expect(utvoe.subject).toMatch(/^Recordatorio: \d+ meses por actualizar/);
      expect(utvoe.text).toContain(`${origin}/actualizar/?programa=cvoe-2021`);
      expect(utvoe.text).toMatch(
        /- 1\.1 .* — vencidos: enero, febrero, marzo, abril y mayo; vence este mes: junio\./,
      );
      const commission = mails.find((m) => m !== utvoe)!;
      expect(commission.text).toContain(`${origin}/dashboard/?programa=cvoe-2021&sesion=6`);

      // Again: everyone has theirs; nothing new is written.
      expect((await remind()).status).toBe(202);
      await waitFor(() => s.output().includes('0 enviados, 2 ya enviados.'));
      expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(2);

      // The link opens the update page.
      const page = await fetch(`${origin}/actualizar/?programa=cvoe-2021`);
      expect(page.status).toBe(200);
      expect(page.url).toBe(`${origin}/dashboard/actualizar/?programa=cvoe-2021`);
      expect(await page.text()).toContain('<html lang="es-MX">');
      s.child.kill('SIGTERM');
      expect(await s.exit).toBe(0);
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it('answers 503 while Azurite is down and starts it again, without stopping the API', async () => {
    const ports = await freePorts();
    const env = {
      ...ports,
      PAT_DATA_DIR: tmp.path('data3'),
      PAT_STORAGE_CONNECTION_STRING: '',
      PAT_ALLOW_DEV_PRINCIPAL: 'true',
      PAT_STORAGE_TIMEOUT_MS: '1000',
    };
    const s = start(env);
    try {
      await waitFor(() => s.output().includes('Ctrl-C para detener.'));
      const pid = Number(/Azurite \(tablas y blobs, proceso (\d+)\)/.exec(s.output())?.[1]);
      expect(pid).toBeGreaterThan(0);
      const health = `http://127.0.0.1:${ports.PAT_PORT}/api/health`;
      expect((await fetch(health)).status).toBe(200);
      process.kill(pid, 'SIGKILL');
      // The API keeps answering: 503 while storage is down, 200 once Azurite is back.
      const statuses: number[] = [];
      await waitFor(
        () => statuses.includes(503) && statuses.at(-1) === 200,
        30_000,
        async () => {
          statuses.push((await fetch(health)).status);
        },
      );
      expect(s.output()).toMatch(/Azurite terminó inesperadamente .*la API responde 503/);
      await waitFor(() => /Azurite reiniciado \(proceso \d+\)/.test(s.output()));
      // The data is still there after the restart.
      expect(
        (await fetch(`http://127.0.0.1:${ports.PAT_PORT}/api/programs/cvoe-2021`)).status,
      ).toBe(200);
      s.child.kill('SIGTERM');
      expect(await s.exit).toBe(0);
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it('with sign-in configured, has no local identity unless PAT_ALLOW_DEV_PRINCIPAL asks for it', async () => {
    const ports = await freePorts();
    const signIn = {
      PAT_AUTH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      PAT_AUTH_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
    };
    for (const allow of [undefined, 'true']) {
      const env = {
        ...ports,
        ...signIn,
        PAT_DATA_DIR: tmp.path('data-signin'),
        PAT_STORAGE_CONNECTION_STRING: '',
        ...(allow ? { PAT_ALLOW_DEV_PRINCIPAL: allow } : {}),
      };
      const s = start(env);
      try {
        await waitFor(() => s.output().includes('Ctrl-C para detener.'));
        const programs = await fetch(`http://127.0.0.1:${ports.PAT_PORT}/api/programs`);
        expect(programs.status).toBe(allow ? 200 : 401);
        expect(s.output()).toContain(allow ? 'Modo local:' : 'Sin modo local:');
        s.child.kill('SIGTERM');
        expect(await s.exit).toBe(0);
      } finally {
        s.child.kill('SIGKILL');
      }
    }
  });

  /** Whether a process is still there (signal 0 tests without sending anything). */
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ['SIGTERM to npm itself', 'npm', 'SIGTERM'],
    ['SIGHUP to the start script', 'script', 'SIGHUP'],
    ['SIGKILL to the start script (Azurite ends with it)', 'script', 'SIGKILL'],
  ] as const)(
    'stops the whole tree on %s',
    async (_what, target, signal) => {
      const ports = await freePorts();
      // `npm start` exactly as the README says, so npm's own process is the one signalled.
      const npm = spawn('npm', ['start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...ports,
          PAT_DATA_DIR: tmp.path(`data-${signal}`),
          PAT_STORAGE_CONNECTION_STRING: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      npm.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      try {
        await waitFor(() => output.includes('Ctrl-C para detener.'));
        const azurite = Number(/Azurite \(tablas y blobs, proceso (\d+)\)/.exec(output)?.[1]);
        const script = Number(/PAT Cronograma, proceso (\d+)/.exec(output)?.[1]);
        expect([azurite, script].every((pid) => pid > 0 && alive(pid))).toBe(true);
        process.kill(target === 'npm' ? (npm.pid as number) : script, signal);
        await waitFor(() => !alive(script) && !alive(azurite), 15_000);
        expect(await portAnswers(Number(ports.PAT_AZURITE_TABLE_PORT))).toBe(false);
        expect(await portAnswers(Number(ports.PAT_PORT))).toBe(false);
      } finally {
        npm.kill('SIGKILL');
      }
    },
    60_000,
  );
});
