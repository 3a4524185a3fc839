/**
 * `pat backup` and `pat restore`: the whole store (every table, and the published export files)
 * to a folder of self-describing files and back (backend/services/backup.ts), and the scheduled
 * backups of the `backups` container.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BackupRefusedError,
  DirectoryFolder,
  StoreNotEmptyError,
  describeContents,
  verifyBackup,
  type BackupManifest,
} from '../backend';
import { ExitCode, Output, UsageError } from './output';
import { openStorage } from './storage';

/** A whole backup or restore makes long requests (3 MiB transactions, big pages): at least a minute each. */
const TIMEOUT_MS = 60_000;

/** The configured storage, with requests as long as a backup's need. */
const openStore = (out: Output) => openStorage(out, { minTimeoutMs: TIMEOUT_MS });

/** 1234567 → «1.2 MB». */
export function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const count = (n: number) => n.toLocaleString('es-MX');

/** What a set holds, a line per table and one for the export files. */
function contentsTable(manifest: BackupManifest): string {
  const width = Math.max(...manifest.tables.map((t) => t.name.length), 'exportaciones'.length);
  const blobBytes = manifest.blobs.reduce((sum, b) => sum + b.size, 0);
  return [
    ...manifest.tables.map(
      (t) => `  ${t.name.padEnd(width)}  ${count(t.entities).padStart(9)}  ${humanBytes(t.bytes)}`,
    ),
    `  ${'exportaciones'.padEnd(width)}  ${count(manifest.blobs.length).padStart(9)}  ${humanBytes(blobBytes)}`,
  ].join('\n');
}

const entitiesOf = (manifest: BackupManifest) =>
  manifest.tables.reduce((sum, t) => sum + t.entities, 0);

/** The OS's errors on the backup's folder in Spanish. */
function folderError(dir: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) throw error;
  throw new UsageError(
    code === 'EACCES' || code === 'EPERM'
      ? `No hay permiso para escribir en «${dir}».`
      : code === 'ENOSPC'
        ? `No hay espacio en el disco para la copia en «${dir}»; la copia quedó incompleta (sin manifest.json): bórrela.`
        : `No se pudo escribir la copia en «${dir}» (${code}).`,
  );
}

/** `pat backup --out DIR` writes a set; `pat backup --list` lists the scheduled ones. */
export async function backupCommand(
  options: { out?: string; list?: boolean },
  out: Output,
): Promise<ExitCode> {
  if (!options.out === !options.list)
    throw new UsageError(
      'Indique --out CARPETA (una carpeta nueva o vacía para la copia) o --list (las copias programadas).',
    );
  if (options.list) {
    const services = await openStore(out);
    const runs = await services.listBackupRuns();
    out.stdout(
      runs.length
        ? runs
            .map(
              (r) =>
                `${r.date}/${r.run}  ${r.complete ? 'completa  ' : 'incompleta'}  ${String(r.files).padStart(4)} archivos  ${humanBytes(r.bytes)}`,
            )
            .join('\n')
        : 'No hay copias programadas en el contenedor de copias.',
    );
    return ExitCode.Ok;
  }
  const dir = options.out!;
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory())
    throw new UsageError(`«${dir}» es un archivo: indique una carpeta nueva o vacía.`);
  const folder = new DirectoryFolder(dir);
  if (!(await folder.isEmpty()))
    throw new UsageError(
      `La carpeta «${dir}» no está vacía: la copia va en una carpeta nueva o vacía, para no mezclarse con otra.`,
    );
  const services = await openStore(out);
  const started = Date.now();
  const summary = await services
    .writeBackup(folder, {
      now: new Date(),
      by: `pat backup (${process.env.USER ?? 'administrador'})`,
    })
    .catch((error: unknown) => folderError(dir, error));
  const { manifest } = summary;
  out.stdout(
    `Copia de seguridad en ${dir}: ${manifest.tables.length} tablas, ${count(entitiesOf(manifest))} entidades, ` +
      `${count(manifest.blobs.length)} archivos de exportaciones; ${humanBytes(summary.bytes)} en ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
      `${contentsTable(manifest)}\n` +
      `Manifiesto (con el SHA-256 de cada archivo): ${path.join(dir, 'manifest.json')}.`,
  );
  for (const warning of manifest.warnings) out.stderr(`Aviso: ${warning}`);
  return ExitCode.Ok;
}

/**
 * `pat restore DIR` or `pat restore --from-backups YYYY-MM-DD[/RUN]`: checks the whole set, then
 * writes it into an empty store, or with `--replace` instead of what is there.
 */
export async function restoreCommand(
  dir: string | undefined,
  options: { replace?: boolean; fromBackups?: string },
  out: Output,
): Promise<ExitCode> {
  if (!dir === !options.fromBackups)
    throw new UsageError(
      'Indique la carpeta de la copia (pat restore CARPETA) o una copia programada (--from-backups AAAA-MM-DD).',
    );
  if (dir) {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`No existe la carpeta «${dir}».`);
  }
  const services = await openStore(out);
  const refused = (error: unknown): never => {
    if (error instanceof BackupRefusedError)
      throw new UsageError(`No se restauró nada: ${error.message}`);
    throw error;
  };
  const folder = dir
    ? new DirectoryFolder(dir)
    : await services.backupRunFolder(options.fromBackups!).catch(refused);
  out.stderr(`Verificando la copia en ${folder.where} (cada archivo, cada línea, cada SHA-256)…`);
  const verified = await verifyBackup(folder).catch(refused);
  const { manifest } = verified;
  out.stdout(
    `Copia del ${manifest.createdAt} (${manifest.createdBy}), de la cuenta ${manifest.source.account}` +
      `${manifest.source.emulator ? ' (Azurite)' : ''}: ${count(entitiesOf(manifest))} entidades en ${manifest.tables.length} tablas, ` +
      `${count(manifest.blobs.length)} archivos de exportaciones. Verificada.`,
  );
  const started = Date.now();
  try {
    await services.restoreBackup(verified, {
      replace: options.replace === true,
      beforeReplace: (contents) =>
        out.stdout(`Se reemplaza lo que hay en el almacenamiento: ${describeContents(contents)}.`),
    });
  } catch (error) {
    if (error instanceof StoreNotEmptyError) throw new UsageError(error.message);
    if (error instanceof BackupRefusedError)
      throw new UsageError(
        `La copia cambió mientras se restauraba (${error.message}). Lo escrito puede estar incompleto: verifique la copia y vuelva a ejecutar con --replace.`,
      );
    // Whatever stopped it, the writes are upserts: running it again writes everything again.
    throw new UsageError(
      `La restauración se interrumpió (${(error as Error)?.message ?? String(error)}). Vuelva a ejecutar el mismo comando con --replace: escribe todo otra vez.`,
    );
  }
  out.stdout(
    `Restaurado en ${((Date.now() - started) / 1000).toFixed(1)} s:\n${contentsTable(manifest)}`,
  );
  return ExitCode.Ok;
}
