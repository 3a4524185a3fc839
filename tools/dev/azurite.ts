/**
 * Starts Azurite (table and blob) from node_modules as a child process, on 127.0.0.1, and says
 * when it answers. Used by `npm start`, the tests' global setup, and the outage tests.
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

export const AZURITE_ACCOUNT = 'devstoreaccount1';
// Azurite's published development key: not a secret.
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Folder for its data; in memory when absent. */
  location?: string;
  blobPort: number;
  tablePort: number;
  queuePort: number;
}

export interface AzuriteHandle {
  options: AzuriteOptions;
  connectionString: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function connectionStringFor(ports: {
  blobPort: number;
  tablePort: number;
  queuePort: number;
}): string {
  const base = 'http://127.0.0.1';
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `BlobEndpoint=${base}:${ports.blobPort}/${AZURITE_ACCOUNT}`,
    `QueueEndpoint=${base}:${ports.queuePort}/${AZURITE_ACCOUNT}`,
    `TableEndpoint=${base}:${ports.tablePort}/${AZURITE_ACCOUNT}`,
  ].join(';');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function startAzurite(
  options: AzuriteOptions,
  waitMs = 20000,
): Promise<AzuriteHandle> {
  const entry = require.resolve('azurite/dist/src/azurite.js');
  const args = [
    entry,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(options.blobPort),
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(options.tablePort),
    '--queueHost',
    '127.0.0.1',
    '--queuePort',
    String(options.queuePort),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    ...(options.location ? ['--location', options.location] : ['--inMemoryPersistence']),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const deadline = Date.now() + waitMs;
  while (!(await portAnswers(options.tablePort)) || !(await portAnswers(options.blobPort))) {
    if (child.exitCode !== null)
      throw new Error(`Azurite no arrancó: ${stderr.trim() || `código ${child.exitCode}`}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('Azurite no respondió a tiempo.');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    options,
    connectionString: connectionStringFor(options),
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
