/**
 * `npm start`: the whole local stack on one command. Starts Azurite (table and blob, data in
 * .azurite/), loads the 2021 programme when the store is empty, and serves the route table on
 * http://127.0.0.1:7071/api. Ctrl-C or SIGTERM stops everything. Runs unattended too.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { localhostCertificatePath, localhostKeyPath } from 'office-addin-dev-certs/lib/defaults';
import path from 'node:path';
import { loadSeedProgramme } from '../../seeds';
import {
  azuriteDataDir,
  createBackend,
  describeStorage,
  loadLocalSettings,
  settingsFromEnv,
} from '../../backend';
import { DevServerOptions, createDevServer, listen, requestListener } from './dev-server';
import { AzuriteHandle, portAnswers, startAzurite } from './azurite';
import { scheduleTimers } from './timers';

/** The repository, from dist/tools/dev/. */
const ROOT = path.join(__dirname, '..', '..', '..');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function alreadyRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
      signal: AbortSignal.timeout(1500),
    });
    return res.status === 200 || res.status === 503;
  } catch {
    return false;
  }
}

/** HTTPS on :3000 for Excel, when office-addin-dev-certs already made certificates (never installs them here). */
async function startHttps(
  options: DevServerOptions,
  panePort: number,
): Promise<https.Server | undefined> {
  if (!existsSync(localhostCertificatePath) || !existsSync(localhostKeyPath)) return undefined;
  const server = https.createServer(
    { cert: readFileSync(localhostCertificatePath), key: readFileSync(localhostKeyPath) },
    requestListener(options),
  );
  try {
    await listen(server, panePort, 'localhost');
    return server;
  } catch {
    return undefined;
  }
}

/** The local stack's example people: the responsible area of every 2021 activity, and the commission. */
const EXAMPLE_PEOPLE = {
  UTVOE: [{ name: 'Responsable de la UTVOE (ejemplo)', email: 'utvoe@example.org' }],
  comision: [{ name: 'Presidencia de la CVOE (ejemplo)', email: 'presidencia.cvoe@example.org' }],
};

async function main(): Promise<void> {
  const localSettings = loadLocalSettings(path.join(ROOT, 'functions', 'local.settings.json'));
  const fromEnv = settingsFromEnv();
  const PORT = fromEnv.local.port;
  // The links of feeds and reminders point at this host unless PAT_PUBLIC_URL says otherwise.
  const settings = {
    webRoot: path.join(ROOT, 'dist'),
    ...fromEnv,
    publicUrl: fromEnv.publicUrl ?? `http://127.0.0.1:${PORT}`,
  };
  const AZURITE_PORTS = settings.local.azurite;
  const DATA_DIR = azuriteDataDir(settings.local, ROOT);
  if (await alreadyRunning(PORT)) {
    say(
      `PAT Cronograma ya está corriendo en http://127.0.0.1:${PORT}/api (otro «npm start»). Use ese, o deténgalo antes con Ctrl-C.`,
    );
    process.exitCode = 1;
    return;
  }
  if (await portAnswers(PORT)) {
    say(
      `El puerto ${PORT} está ocupado por otro programa. Libérelo, o use otro puerto: PAT_PORT=7072 npm start`,
    );
    process.exitCode = 1;
    return;
  }

  let azurite: AzuriteHandle | undefined;
  if (settings.storage.localAzurite) {
    if (await portAnswers(AZURITE_PORTS.tablePort)) {
      say(`Azurite ya corre en 127.0.0.1:${AZURITE_PORTS.tablePort}; se usa ese.`);
    } else {
      mkdirSync(DATA_DIR, { recursive: true });
      azurite = await startAzurite({ ...AZURITE_PORTS, location: DATA_DIR });
      say(
        `Azurite (tablas y blobs, proceso ${azurite.process.pid}) en 127.0.0.1:${AZURITE_PORTS.tablePort} y :${AZURITE_PORTS.blobPort}, datos en ${path.relative(process.cwd(), DATA_DIR) || DATA_DIR}`,
      );
    }
  } else {
    say(`Almacenamiento: ${describeStorage(settings.storage)}.`);
  }

  const backend = createBackend(settings, { host: 'dev' });
  const { services } = backend;
  /** Tables in place, and the 2021 programme in an empty store. */
  const prepareStore = async () => {
    await services.prepareStorage();
    if ((await services.listProgrammes()).length > 0) return;
    const programme = loadSeedProgramme();
    const loaded = await services.seedProgramme(programme, 'npm start', 'ratified');
    // Someone to remind, so the reminders can be tried at once (example.org: reserved, reaches nobody).
    for (const [area, people] of Object.entries(EXAMPLE_PEOPLE))
      await services.putArea(programme.id, area, people, { name: 'npm start' });
    say(
      `Programa 2021 cargado: ${loaded.activities} actividades, ${loaded.months} meses planeados, ${loaded.sessions} sesiones.`,
    );
    say(
      'Responsables de ejemplo (@example.org, no llegan a nadie) en UTVOE y la comisión: cámbielos en el tablero («Áreas y responsables») o con «pat area set».',
    );
  };
  await prepareStore();

  const devPrincipal = settings.allowDevPrincipal ? settings.devPrincipal : undefined;
  const serverOptions = {
    routes: backend.triggers.http,
    timers: backend.triggers.timers,
    devPrincipal,
    // As `func start` does: every call's request line, warnings and errors on the console.
    log: (level: string, ...args: unknown[]) =>
      say(
        level === 'information'
          ? args.map(String).join(' ')
          : `[${level}] ${args.map(String).join(' ')}`,
      ),
  };
  const timers = scheduleTimers(backend.triggers.timers, (level, ...args) =>
    say(`[${level}] ${args.map(String).join(' ')}`),
  );
  for (const t of backend.triggers.timers)
    say(
      `Temporizador ${t.name} («${t.schedule}», UTC): próxima ejecución ${timers.next(t.name)?.toISOString() ?? '—'}; ahora: curl -X POST -H 'Content-Type: application/json' -d '{}' http://127.0.0.1:${PORT}/admin/functions/${t.name}`,
    );
  const server = createDevServer(serverOptions);
  await listen(server, PORT);
  say(`API de PAT Cronograma en http://127.0.0.1:${PORT}/api  (p. ej. /api/health, /api/programs)`);
  say(`Tablero en http://127.0.0.1:${PORT}/dashboard/`);
  say(`Panel del complemento en http://127.0.0.1:${PORT}/taskpane.html`);
  const secure = await startHttps(serverOptions, settings.local.panePort);
  say(
    secure
      ? `Panel con HTTPS (para Excel) en https://localhost:${settings.local.panePort}/taskpane.html`
      : 'Sin certificados de desarrollo: el panel solo se sirve por HTTP. Para Excel: «npx office-addin-dev-certs install» y reinicie.',
  );
  say(
    devPrincipal
      ? `Modo local: cada solicitud desde este equipo entra como ${devPrincipal.name} (${devPrincipal.roles.join(', ')}), sin inicio de sesión${localSettings.file ? ` (ajustes de ${path.relative(process.cwd(), localSettings.file)})` : ''}. Solo en 127.0.0.1; nunca en Azure.`
      : 'Sin modo local: el inicio de sesión está configurado (PAT_AUTH_*); las rutas piden un token o el encabezado x-ms-client-principal (PAT_ALLOW_DEV_PRINCIPAL=true activa el modo local).',
  );
  say(`PAT Cronograma, proceso ${process.pid}. Ctrl-C para detener.`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Deteniendo…');
    timers.stop();
    for (const s of secure ? [server, secure] : [server]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await azurite?.stop();
    process.exit(code);
  };
  // Whichever process of the tree gets the signal: npm forwards it here, or ends and leaves us
  // with another parent, which the watch below notices. Azurite ends with us (see azurite.ts).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void stop(0));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 500).unref();

  // Azurite dying is storage being down: the API answers 503 while it is started again.
  const supervise = (handle: AzuriteHandle) =>
    handle.process.once('exit', (code, signal) => {
      if (!stopping) void restart(`${code ?? signal}`, 1);
    });
  const restart = async (why: string, attempt: number): Promise<void> => {
    say(
      `Azurite terminó inesperadamente (${why}); la API responde 503 mientras se reinicia (intento ${attempt}).`,
    );
    await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** (attempt - 1))));
    if (stopping) return;
    try {
      azurite = await startAzurite({ ...AZURITE_PORTS, location: DATA_DIR });
      supervise(azurite);
      // What Azurite had not saved yet is gone (see the README on local durability).
      await prepareStore();
      say(
        `Azurite reiniciado (proceso ${azurite.process.pid}): el almacenamiento vuelve a responder.`,
      );
    } catch (error) {
      await restart((error as Error).message, attempt + 1);
    }
  };
  if (azurite) supervise(azurite);
}

main().catch((error: unknown) => {
  process.stderr.write(`No se pudo iniciar PAT Cronograma: ${(error as Error).message}\n`);
  process.exit(1);
});
