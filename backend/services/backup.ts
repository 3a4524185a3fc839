/**
 * Backups and restores of the whole store: Table Storage has no point-in-time restore, so the
 * institution keeps its own copies. A backup set is self-describing:
 *
 *   manifest.json                      format, version, when, from which store (never a key), and
 *                                      per file its entity count or size, and SHA-256
 *   tables/{Table}.ndjson              one line per entity: keys and typed properties
 *   blobs/exports/{programme}/…        the export files the `Exports` index publishes
 *
 * Every table of TABLES is written (a new table is included without a change here), in the
 * service's order, page by page; the manifest is written last, so a set without one is
 * unfinished. A restore reads and checks the whole set before it writes anything (shape, sizes,
 * checksums, every line, counts, keys), writes into an empty store only (or, asked to, empties it
 * first), blobs before tables and the programmes' own rows last, all as upserts: an interrupted
 * restore is simply run again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { dateInMexicoCity } from '../../shared/calendar/dates';
import { BackupSettings } from '../settings';
import { BackupFolder, BlobFolder, FileDigest } from '../store/backup-files';
import { blobCall } from '../store/blobs';
import {
  BackupStore,
  EDM_TYPES,
  EdmType,
  EntityRecord,
  TypedValue,
  byPartition,
} from '../store/backup-store';
import { StorageConnection } from '../store/connection';
import { NotFoundError } from '../errors';
import { checkKey } from '../store/keys';
import { Store } from '../store/store';
import { TABLES, TableName } from '../store/tables';

export const BACKUP_FORMAT = 'pat-cronograma-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST = 'manifest.json';
/** The container whose files a backup carries (the logical name; tests prefix the real one). */
const EXPORTS = 'exports';

/** Limits a manifest is held to before anything is read: beyond them it is not believed. */
export const LIMITS = {
  manifestBytes: 16 << 20,
  /** One table file or one blob. */
  fileBytes: 16 * 2 ** 30,
  /** The whole set. */
  totalBytes: 256 * 2 ** 30,
  /** One NDJSON line: an entity is at most 1 MiB, its binary properties grow by a third in base64. */
  lineBytes: 8 << 20,
};

/** A backup that cannot be restored (damaged, truncated, not ours): nothing was written. */
export class BackupRefusedError extends Error {}

/** The store already holds data, and the restore was not asked to replace it. */
export class StoreNotEmptyError extends Error {
  constructor(readonly contents: StoreContents) {
    super(
      `El almacenamiento no está vacío (${describeContents(contents)}): no se restauró nada. ` +
        'Para reemplazar lo que hay, vuelva a ejecutar con --replace.',
    );
  }
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'un SHA-256 en hexadecimal');
const countSchema = z.number().int().min(0);

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  createdBy: z.string(),
  source: z.object({
    account: z.string(),
    emulator: z.boolean(),
    tablePrefix: z.string(),
  }),
  tables: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      entities: countSchema,
      bytes: countSchema,
      sha256: sha256Schema,
    }),
  ),
  blobs: z.array(
    z.object({
      container: z.string(),
      name: z.string(),
      file: z.string(),
      size: countSchema,
      contentType: z.string(),
      sha256: sha256Schema,
    }),
  ),
  warnings: z.array(z.string()),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
type TableEntry = BackupManifest['tables'][number];
type BlobEntry = BackupManifest['blobs'][number];

// ---- what the store holds ------------------------------------------------------------------

export interface StoreContents {
  programmes: string[];
  tables: { name: string; entities: number }[];
  exportFiles: number;
  empty: boolean;
}

const tableKeys = () => Object.keys(TABLES) as TableName[];

export async function storeContents(store: Store): Promise<StoreContents> {
  await store.ensureTables();
  const backup = new BackupStore(store.tables);
  const tables: StoreContents['tables'] = [];
  for (const key of tableKeys())
    tables.push({ name: TABLES[key], entities: await backup.count(key) });
  let exportFiles = 0;
  for await (const _ of backup.blobNames(await backup.exportsContainer())) exportFiles++;
  const programmes = (await store.programmes.list()).map((p) => p.id);
  return {
    programmes,
    tables,
    exportFiles,
    empty: exportFiles === 0 && tables.every((t) => t.entities === 0),
  };
}

export function describeContents(contents: StoreContents): string {
  const rows = contents.tables.filter((t) => t.entities > 0);
  const parts = [
    contents.programmes.length ? `programas ${contents.programmes.join(', ')}` : 'sin programas',
    rows.length
      ? `filas: ${rows.map((t) => `${t.name} ${t.entities}`).join(', ')}`
      : 'ninguna fila en las tablas',
    `${contents.exportFiles} ${contents.exportFiles === 1 ? 'archivo' : 'archivos'} de exportaciones`,
  ];
  return parts.join('; ');
}

// ---- backup ---------------------------------------------------------------------------------

export interface BackupSummary {
  where: string;
  manifest: BackupManifest;
  /** Bytes of every file, the manifest included. */
  bytes: number;
}

/** The store's account for the manifest: its name and whether it is the emulator, never a key. */
function sourceOf(connection: StorageConnection): { account: string; emulator: boolean } {
  if (connection.kind === 'connection-string') {
    const cs = connection.connectionString;
    const field = (name: string) =>
      new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*([^;]*)`, 'i').exec(cs)?.[1]?.trim();
    if (/UseDevelopmentStorage\s*=\s*true/i.test(cs))
      return { account: 'devstoreaccount1', emulator: true };
    const endpoint = field('TableEndpoint');
    const account =
      field('AccountName') ?? (endpoint ? new URL(endpoint).hostname.split('.')[0]! : '¿?');
    const local = endpoint ? /^(127\.|localhost|\[::1\])/.test(new URL(endpoint).hostname) : false;
    return { account, emulator: account === 'devstoreaccount1' || local };
  }
  const url = new URL(connection.tableUrl);
  const local = /^(127\.|localhost)/.test(url.hostname);
  return {
    account: local ? (url.pathname.split('/')[1] ?? url.hostname) : url.hostname.split('.')[0]!,
    emulator: local,
  };
}

/** A blob name safe to carry into a file path and back: no `..`, no leading `/`, no `\`. */
function safeBlobName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 1024 &&
    // eslint-disable-next-line no-control-regex
    !/[\\\u0000-\u001f\u007f]/.test(name) &&
    !name.startsWith('/') &&
    name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

const tableFile = (name: string) => `tables/${name}.ndjson`;
const blobFile = (container: string, name: string) => `blobs/${container}/${name}`;

/**
 * The blob prefixes an `Exports` index row publishes: `{programme}/{date}/{run}/` (the one part of
 * a backup that knows a table's meaning: which export files are the published ones). A row
 * without a `run` carries the whole day.
 */
function exportPrefixOf(record: EntityRecord): { prefix: string; listed?: string[] } {
  const run = record.properties.run;
  const base = `${record.PartitionKey}/${record.RowKey}/`;
  let listed: string[] | undefined;
  try {
    const files = JSON.parse(record.properties.files?.value ?? 'null') as unknown;
    if (Array.isArray(files))
      listed = files.map((f) => String((f as { name?: unknown }).name ?? ''));
  } catch {
    listed = undefined;
  }
  return {
    prefix: run?.type === 'String' ? `${base}${run.value}/` : base,
    ...(listed ? { listed } : {}),
  };
}

/**
 * Writes the whole store to `folder`: every table, then the published export files, then the
 * manifest. Memory holds one page of entities (or one chunk of a blob) at a time.
 */
export async function writeBackup(
  store: Store,
  folder: BackupFolder,
  options: { now: Date; by: string },
): Promise<BackupSummary> {
  const backup = new BackupStore(store.tables);
  const tables: TableEntry[] = [];
  const warnings: string[] = [];
  const exportRows: ReturnType<typeof exportPrefixOf>[] = [];
  for (const key of tableKeys()) {
    const name = TABLES[key];
    let entities = 0;
    async function* lines(): AsyncIterable<Buffer> {
      for await (const page of backup.pages(key)) {
        entities += page.length;
        if (key === 'exports') exportRows.push(...page.map(exportPrefixOf));
        if (page.length)
          yield Buffer.from(page.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
      }
    }
    const digest = await folder.write(tableFile(name), lines(), 'application/x-ndjson');
    tables.push({ name, file: tableFile(name), entities, ...digestOf(digest) });
  }
  const blobs: BlobEntry[] = [];
  const container = await backup.exportsContainer();
  if (exportRows.length && (await blobCall(() => container.exists())))
    for (const row of exportRows) {
      const found: string[] = [];
      for await (const item of container.listBlobsFlat({ prefix: row.prefix })) {
        if (!safeBlobName(item.name)) {
          warnings.push(`Se omitió el archivo «${item.name}»: su nombre no cabe en una copia.`);
          continue;
        }
        const contentType = item.properties.contentType ?? 'application/octet-stream';
        const file = blobFile(EXPORTS, item.name);
        const digest = await folder.write(file, downloadOf(container, item.name), contentType);
        blobs.push({ container: EXPORTS, name: item.name, file, contentType, ...sizeOf(digest) });
        found.push(item.name.slice(row.prefix.length));
      }
      for (const name of row.listed ?? [])
        if (!found.includes(name))
          warnings.push(
            `Falta el archivo ${row.prefix}${name} que el índice de exportaciones publica (¿una exportación lo reemplazó durante la copia?).`,
          );
    }
  else if (exportRows.length)
    warnings.push('El índice de exportaciones publica archivos, pero no existe su contenedor.');
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: options.now.toISOString(),
    createdBy: options.by,
    source: { ...sourceOf(store.tables.connection), tablePrefix: backup.prefix },
    tables,
    blobs,
    warnings,
  };
  const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await folder.write(MANIFEST, [text], 'application/json');
  return {
    where: folder.where,
    manifest,
    bytes:
      text.length +
      tables.reduce((sum, t) => sum + t.bytes, 0) +
      blobs.reduce((sum, b) => sum + b.size, 0),
  };
}

const digestOf = (d: FileDigest) => ({ bytes: d.bytes, sha256: d.sha256 });
const sizeOf = (d: FileDigest) => ({ size: d.bytes, sha256: d.sha256 });

async function* downloadOf(
  container: Awaited<ReturnType<BackupStore['exportsContainer']>>,
  name: string,
): AsyncIterable<Buffer> {
  const download = await blobCall(() => container.getBlockBlobClient(name).download());
  for await (const chunk of download.readableStreamBody ?? [])
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

// ---- reading a set back ----------------------------------------------------------------------

const refuse = (message: string): never => {
  throw new BackupRefusedError(message);
};

/** A file's lines, numbered from 1; refuses a line too long or a last line cut short. */
async function* linesOf(
  folder: BackupFolder,
  file: string,
  onChunk: (chunk: Buffer) => void,
): AsyncIterable<{ text: string; line: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  for await (const chunk of folder.read(file)) {
    onChunk(chunk);
    let start = 0;
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, at);
      const text = (pending.length ? Buffer.concat([...pending, piece]) : piece).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = at + 1;
      yield { text, line: ++line };
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > LIMITS.lineBytes)
        refuse(
          `${file}, línea ${line + 1}: mide más de ${LIMITS.lineBytes >> 20} MiB; la copia está dañada.`,
        );
    }
  }
  if (pendingBytes > 0)
    refuse(
      `${file}, línea ${line + 1}: está incompleta (no termina en fin de línea); el archivo está truncado.`,
    );
}

const INT = /^-?\d+$/;
const VALUE_CHECKS: Record<EdmType, (v: string) => boolean> = {
  String: () => true,
  Int32: (v) => INT.test(v) && Number(v) >= -(2 ** 31) && Number(v) <= 2 ** 31 - 1,
  Int64: (v) =>
    INT.test(v) && BigInt(v) >= -(2n ** 63n) && BigInt(v) <= 2n ** 63n - 1n && v.length <= 20,
  Double: (v) =>
    ['NaN', 'Infinity', '-Infinity'].includes(v) ||
    (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) && Number.isFinite(Number(v))),
  Boolean: (v) => v === 'true' || v === 'false',
  DateTime: (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  Guid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  Binary: (v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v),
};
const RESERVED = ['PartitionKey', 'RowKey', 'Timestamp', 'partitionKey', 'rowKey', 'timestamp'];

/** One NDJSON line as an entity, or a refusal naming the file and line. */
function recordOfLine(text: string, file: string, line: number): EntityRecord {
  const where = `${file}, línea ${line}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(`${where}: no es JSON válido; la copia está dañada.`);
  }
  const record = parsed as Partial<EntityRecord> | null;
  if (
    !record ||
    typeof record !== 'object' ||
    typeof record.PartitionKey !== 'string' ||
    typeof record.RowKey !== 'string' ||
    !record.properties ||
    typeof record.properties !== 'object' ||
    Array.isArray(record.properties) ||
    Object.keys(record).length !== 3
  )
    return refuse(`${where}: no es una entidad (PartitionKey, RowKey, properties).`);
  for (const kind of ['PartitionKey', 'RowKey'] as const)
    try {
      checkKey(kind, record[kind] as string);
    } catch (error) {
      refuse(`${where}: ${(error as Error).message}`);
    }
  for (const [name, value] of Object.entries(record.properties as Record<string, unknown>)) {
    const typed = value as Partial<TypedValue> | null;
    if (!name || name.length > 255 || RESERVED.includes(name) || name.includes('@'))
      refuse(`${where}: la propiedad «${name}» no es un nombre válido.`);
    if (
      !typed ||
      typeof typed !== 'object' ||
      !EDM_TYPES.includes(typed.type as EdmType) ||
      typeof typed.value !== 'string' ||
      Object.keys(typed).length !== 2
    )
      refuse(`${where}: la propiedad «${name}» no tiene la forma {type, value}.`);
    if (!VALUE_CHECKS[typed!.type!](typed!.value!))
      refuse(`${where}: la propiedad «${name}» no es un valor ${typed!.type} válido.`);
  }
  return record as EntityRecord;
}

export interface VerifiedBackup {
  folder: BackupFolder;
  manifest: BackupManifest;
}

async function readManifest(folder: BackupFolder): Promise<BackupManifest> {
  const size = await folder.size(MANIFEST);
  if (size === undefined)
    refuse(
      `No hay ${MANIFEST} en ${folder.where}: no es una copia de PAT Cronograma, o no terminó de escribirse (el manifiesto se escribe al final).`,
    );
  if (size! > LIMITS.manifestBytes)
    refuse(`${MANIFEST} mide ${size} bytes: demasiado para un manifiesto; no es una copia válida.`);
  const chunks: Buffer[] = [];
  for await (const chunk of folder.read(MANIFEST)) chunks.push(chunk);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return refuse(`${MANIFEST} no es JSON válido: la copia está dañada.`);
  }
  const head = parsed as { format?: unknown; version?: unknown };
  if (head?.format !== BACKUP_FORMAT)
    refuse(`${MANIFEST} no es de una copia de PAT Cronograma (formato «${String(head?.format)}»).`);
  if (head.version !== BACKUP_VERSION)
    refuse(
      `${MANIFEST} es de la versión ${String(head.version)} del formato; esta versión de PAT lee la ${BACKUP_VERSION}. Use la versión de PAT que escribió la copia.`,
    );
  const result = manifestSchema.safeParse(parsed);
  if (!result.success)
    refuse(
      `${MANIFEST} no tiene la forma esperada: ${result.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'raíz'}: ${i.message}`)
        .join('; ')}.`,
    );
  return result.data!;
}

/** What a manifest claims, checked before any file is read. */
function checkClaims(manifest: BackupManifest): void {
  const known = Object.values(TABLES) as string[];
  const seen = new Set<string>();
  for (const table of manifest.tables) {
    if (!known.includes(table.name))
      refuse(
        `La copia trae la tabla «${table.name}», que esta versión de PAT no conoce: restáurela con la versión que la escribió.`,
      );
    if (table.file !== tableFile(table.name))
      refuse(`${MANIFEST}: la tabla ${table.name} debe estar en ${tableFile(table.name)}.`);
  }
  for (const blob of manifest.blobs) {
    if (blob.container !== EXPORTS)
      refuse(`${MANIFEST}: el contenedor «${blob.container}» no es uno que PAT restaure.`);
    if (!safeBlobName(blob.name) || blob.file !== blobFile(blob.container, blob.name))
      refuse(`${MANIFEST}: el archivo «${blob.name}» tiene un nombre o una ruta no válidos.`);
  }
  let total = 0;
  for (const entry of [
    ...manifest.tables.map((t) => ({ file: t.file, bytes: t.bytes })),
    ...manifest.blobs.map((b) => ({ file: b.file, bytes: b.size })),
  ]) {
    if (seen.has(entry.file)) refuse(`${MANIFEST}: ${entry.file} aparece dos veces.`);
    seen.add(entry.file);
    if (entry.bytes > LIMITS.fileBytes)
      refuse(
        `${MANIFEST} dice que ${entry.file} mide ${entry.bytes} bytes: no es creíble (máximo ${LIMITS.fileBytes / 2 ** 30} GiB); no se leyó nada.`,
      );
    total += entry.bytes;
  }
  if (total > LIMITS.totalBytes)
    refuse(
      `${MANIFEST} dice que la copia mide ${total} bytes: no es creíble (máximo ${LIMITS.totalBytes / 2 ** 30} GiB).`,
    );
}

/** Refuses a file that is missing or whose size is not the manifest's (truncated, grown). */
async function checkSize(folder: BackupFolder, file: string, bytes: number): Promise<void> {
  const size = await folder.size(file);
  if (size === undefined)
    refuse(`Falta el archivo ${file} que el manifiesto lista: la copia está incompleta.`);
  if (size !== bytes)
    refuse(
      `${file} mide ${size} bytes y el manifiesto dice ${bytes}: el archivo está truncado o cambió.`,
    );
}

function hashCheck(file: string, expected: string) {
  const hash = createHash('sha256');
  return {
    update: (chunk: Buffer) => hash.update(chunk),
    check() {
      if (hash.digest('hex') !== expected)
        refuse(`${file}: su SHA-256 no es el del manifiesto; el archivo cambió o está dañado.`);
    },
  };
}

/** Reads a table file, checking every line; calls `each` with every entity. */
async function readTable(
  folder: BackupFolder,
  table: TableEntry,
  each?: (record: EntityRecord) => Promise<void>,
): Promise<void> {
  const hash = hashCheck(table.file, table.sha256);
  const seen = new Set<string>();
  let count = 0;
  for await (const { text, line } of linesOf(folder, table.file, (c) => hash.update(c))) {
    const record = recordOfLine(text, table.file, line);
    const key = `${record.PartitionKey}\u0000${record.RowKey}`;
    if (seen.has(key))
      refuse(
        `${table.file}, línea ${line}: la entidad (${record.PartitionKey}, ${record.RowKey}) se repite.`,
      );
    seen.add(key);
    count++;
    if (each) await each(record);
  }
  hash.check();
  if (count !== table.entities)
    refuse(
      `${table.file} tiene ${count} entidades y el manifiesto dice ${table.entities}: la copia está incompleta o cambió.`,
    );
}

async function readBlob(
  folder: BackupFolder,
  blob: BlobEntry,
  each?: (chunks: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const hash = hashCheck(blob.file, blob.sha256);
  let bytes = 0;
  async function* chunks(): AsyncIterable<Buffer> {
    for await (const chunk of folder.read(blob.file)) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  if (each) await each(chunks());
  else for await (const _ of chunks());
  hash.check();
  if (bytes !== blob.size)
    refuse(`${blob.file} mide ${bytes} bytes y el manifiesto dice ${blob.size}.`);
}

/**
 * Reads and checks the whole set — manifest, sizes, checksums, every line, counts, keys — and
 * writes nothing. A damaged set is refused with the file (and line) that is wrong.
 */
export async function verifyBackup(folder: BackupFolder): Promise<VerifiedBackup> {
  const manifest = await readManifest(folder);
  checkClaims(manifest);
  for (const table of manifest.tables) await checkSize(folder, table.file, table.bytes);
  for (const blob of manifest.blobs) await checkSize(folder, blob.file, blob.size);
  for (const table of manifest.tables) await readTable(folder, table);
  for (const blob of manifest.blobs) await readBlob(folder, blob);
  return { folder, manifest };
}

// ---- restore ----------------------------------------------------------------------------------

export interface RestoreSummary {
  manifest: BackupManifest;
  /** What was there and was replaced (undefined: the store was empty). */
  replaced?: StoreContents;
}

/** Entities buffered per partition before they are written (bounded memory). */
const WRITE_BATCH = 500;

/**
 * Restores a verified set. Refuses (StoreNotEmptyError) when the store holds anything, unless
 * `replace`: then `beforeReplace` hears what is there, every entity and export file is deleted,
 * and the set is written. Blobs first, then the tables, the programmes' rows last (a programme
 * appears once its partition is there); all upserts, so running it again finishes a broken run.
 */
export async function restoreBackup(
  store: Store,
  verified: VerifiedBackup,
  options: { replace?: boolean; beforeReplace?: (contents: StoreContents) => void } = {},
): Promise<RestoreSummary> {
  const { folder, manifest } = verified;
  const contents = await storeContents(store);
  if (!contents.empty && !options.replace) throw new StoreNotEmptyError(contents);
  const backup = new BackupStore(store.tables);
  if (!contents.empty) {
    options.beforeReplace?.(contents);
    for (const key of ['programs', ...tableKeys().filter((k) => k !== 'programs')] as TableName[])
      await backup.clear(key);
    const old = await backup.exportsContainer();
    for await (const name of backup.blobNames(old))
      await blobCall(() => old.deleteBlob(name, { deleteSnapshots: 'include' })).catch(
        (error: unknown) => {
          if (!(error instanceof NotFoundError)) throw error;
        },
      );
  }
  const files = await backup.exportsContainer();
  if (manifest.blobs.length) await blobCall(() => files.createIfNotExists());
  for (const blob of manifest.blobs)
    await readBlob(folder, blob, (chunks) =>
      blobCall(() =>
        files.getBlockBlobClient(blob.name).uploadStream(Readable.from(chunks), 4 << 20, 2, {
          blobHTTPHeaders: { blobContentType: blob.contentType },
        }),
      ).then(() => undefined),
    );
  const keyOf = (name: string) => tableKeys().find((k) => TABLES[k] === name)!;
  const ordered = [
    ...manifest.tables.filter((t) => t.name !== TABLES.programs),
    ...manifest.tables.filter((t) => t.name === TABLES.programs),
  ];
  for (const table of ordered) {
    const key = keyOf(table.name);
    let pending: EntityRecord[] = [];
    const flush = async () => {
      for (const [partitionKey, records] of byPartition(pending))
        await backup.upsert(key, partitionKey, records);
      pending = [];
    };
    await readTable(folder, table, async (record) => {
      pending.push(record);
      if (pending.length >= WRITE_BATCH) await flush();
    });
    await flush();
  }
  return { manifest, ...(contents.empty ? {} : { replaced: contents }) };
}

// ---- the scheduled backups (Blob container `backups`) ------------------------------------------

export interface BackupRun {
  date: string;
  run: string;
  /** Its manifest is there: the run finished. */
  complete: boolean;
  bytes: number;
  files: number;
  lastModified: Date;
}

export const BACKUP_ACTOR = 'copia programada';

/** Every run in the backups container, oldest first. */
export async function listBackupRuns(store: Store): Promise<BackupRun[]> {
  const backup = new BackupStore(store.tables);
  const container = await backup.backupsContainer();
  const runs = new Map<string, BackupRun>();
  if (!(await blobCall(() => container.exists()))) return [];
  for await (const item of container.listBlobsFlat()) {
    const match = /^(\d{4}-\d{2}-\d{2})\/([^/]+)\/(.+)$/.exec(item.name);
    if (!match) continue;
    const [, date, run, file] = match as unknown as [string, string, string, string];
    const id = `${date}/${run}`;
    const entry = runs.get(id) ?? {
      date,
      run,
      complete: false,
      bytes: 0,
      files: 0,
      lastModified: new Date(0),
    };
    entry.files++;
    entry.bytes += item.properties.contentLength ?? 0;
    if (file === MANIFEST) entry.complete = true;
    if (item.properties.lastModified && item.properties.lastModified > entry.lastModified)
      entry.lastModified = item.properties.lastModified;
    runs.set(id, entry);
  }
  return [...runs.values()].sort((a, b) =>
    `${a.date}/${a.run}`.localeCompare(`${b.date}/${b.run}`),
  );
}

/**
 * The set of a day's run in the backups container: `YYYY-MM-DD` (that day's last complete run)
 * or `YYYY-MM-DD/RUN`.
 */
export async function backupRunFolder(store: Store, ref: string): Promise<BackupFolder> {
  const match = /^(\d{4}-\d{2}-\d{2})(?:\/([A-Za-z0-9-]+))?\/?$/.exec(ref.trim());
  if (!match)
    throw new BackupRefusedError(
      `«${ref}» no nombra una copia: use AAAA-MM-DD (la última copia completa de ese día) o AAAA-MM-DD/EJECUCIÓN.`,
    );
  const [, date, run] = match;
  const runs = (await listBackupRuns(store)).filter((r) => r.date === date);
  const chosen = run ? runs.find((r) => r.run === run) : runs.filter((r) => r.complete).pop();
  if (!chosen)
    throw new BackupRefusedError(
      runs.length
        ? `No hay una copia completa ${run ? `«${date}/${run}»` : `del ${date}`}. Copias de ese día: ${runs.map((r) => `${r.run}${r.complete ? '' : ' (incompleta)'}`).join(', ')}.`
        : `No hay copias del ${date} en el contenedor de copias.`,
    );
  return new BlobFolder(
    await new BackupStore(store.tables).backupsContainer(),
    `${chosen.date}/${chosen.run}/`,
  );
}

/**
 * Deletes the runs dated before `keepFrom` (YYYY-MM-DD). Never the newest complete run (however
 * old: backups that stopped must not take the last good one with them), and never a run without
 * its manifest that was written to in the last day (it may be running).
 */
export async function pruneBackups(store: Store, keepFrom: string, now: Date): Promise<string[]> {
  const runs = await listBackupRuns(store);
  const newest = runs.filter((r) => r.complete).pop();
  const container = await new BackupStore(store.tables).backupsContainer();
  const pruned: string[] = [];
  for (const run of runs) {
    if (run.date >= keepFrom || run === newest) continue;
    if (!run.complete && now.getTime() - run.lastModified.getTime() < 24 * 3600 * 1000) continue;
    for await (const item of container.listBlobsFlat({ prefix: `${run.date}/${run.run}/` }))
      await blobCall(() => container.deleteBlob(item.name, { deleteSnapshots: 'include' })).catch(
        (error: unknown) => {
          // Another instance pruning at the same time deleted it first.
          if (!(error instanceof NotFoundError)) throw error;
        },
      );
    pruned.push(`${run.date}/${run.run}`);
  }
  return pruned;
}

export interface ScheduledBackup extends BackupSummary {
  date: string;
  run: string;
  pruned: string[];
}

/**
 * The timer's run: the whole set to `backups/{yyyy-mm-dd}/{run}/` (its own folder, so two runs at
 * once never mix), the manifest last; then the runs past retention are deleted.
 */
export async function runScheduledBackup(
  store: Store,
  settings: BackupSettings,
  now: Date,
  by = BACKUP_ACTOR,
): Promise<ScheduledBackup> {
  await store.ensureTables();
  const container = await new BackupStore(store.tables).backupsContainer();
  await blobCall(() => container.createIfNotExists());
  const date = dateInMexicoCity(now);
  const run = `${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const summary = await writeBackup(store, new BlobFolder(container, `${date}/${run}/`), {
    now,
    by,
  });
  const keepFrom = new Date(`${date}T00:00:00Z`);
  keepFrom.setUTCDate(keepFrom.getUTCDate() - settings.retentionDays + 1);
  const pruned = await pruneBackups(store, keepFrom.toISOString().slice(0, 10), now);
  return { ...summary, date, run, pruned };
}
