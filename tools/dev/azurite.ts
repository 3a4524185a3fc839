/**
 * Starts Azurite (table and blob) from node_modules as a child process, on 127.0.0.1, and says
 * when it answers. Used by `npm start`, the tests' global setup, and the outage tests.
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { azuriteConnectionString } from '../../backend';

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

export const connectionStringFor = azuriteConnectionString;

/**
 * Azurite runs under this one-line parent watch: with an IPC channel to us (which keeps neither
 * process running), it shuts down the way it does on SIGTERM (saving its data) as soon as we are
 * gone, however we ended (even SIGKILL).
 */
const ENDS_WITH_PARENT =
  "process.channel.unref();process.once('disconnect',()=>process.kill(process.pid,'SIGTERM'));require(process.argv[1])";

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
    '-e',
    ENDS_WITH_PARENT,
    '--',
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
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  // The channel is only there to close when we end: it must not keep us running.
  child.channel?.unref();
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
