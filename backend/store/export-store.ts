/**
 * Exports: files for the record, kept in Blob storage (container `exports`, path
 * `{programme}/{yyyy-mm-dd}/{run}/{name}`), and which run of each day is the published one, kept in
 * Table storage. A run writes all its files first, then publishes them with one row upsert: a run
 * that fails midway leaves the day's previous complete set visible, and a second run on one day
 * replaces the first (whose files are then deleted), never adds to it.
 */
import { BlobServiceClient, ContainerClient, RestError } from '@azure/storage-blob';
import { odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { NotFoundError, StorageUnavailableError } from './errors';
import { checkKey, partitionOf } from './keys';
import { StoreSettings, Tables } from './tables';

export interface ExportFileInput {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface PublishedFile {
  date: string;
  name: string;
  size: number;
  contentType: string;
}

interface ExportEntity {
  partitionKey: string;
  rowKey: string;
  run: string;
  /** [{name, size, contentType}] as JSON. */
  files: string;
  publishedAt: string;
  /** Who published the set: the schedule, or the person who asked for a run. */
  publishedBy?: string;
}

/** The container's name: `exports`, after the tables' prefix in tests (lowercase, as containers must be). */
export function exportsContainer(tablePrefix = ''): string {
  return tablePrefix ? `${tablePrefix.toLowerCase()}-exports` : 'exports';
}

export class ExportStore {
  private readonly container: ContainerClient;
  private ready?: Promise<void>;

  constructor(
    settings: StoreSettings,
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const options = { retryOptions: { maxTries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 } };
    const connection = tables.connection;
    const service =
      connection.kind === 'connection-string'
        ? BlobServiceClient.fromConnectionString(connection.connectionString, options)
        : new BlobServiceClient(connection.blobUrl, connection.credential, options);
    this.container = service.getContainerClient(exportsContainer(settings.tablePrefix));
  }

  private async blobs<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404)
        throw new NotFoundError('No existe.', { cause: error });
      if (error instanceof RestError && error.statusCode !== undefined && error.statusCode < 500)
        throw error;
      throw new StorageUnavailableError(error);
    }
  }

  private ensureContainer(): Promise<void> {
    return (this.ready ??= this.blobs(async () => {
      await this.container.createIfNotExists({ abortSignal: this.tables.signal().abortSignal });
    }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }

  private path(programId: string, date: string, run: string, name: string): string {
    return `${programId}/${date}/${run}/${name}`;
  }

  /**
   * Writes a day's set and publishes it. `files` is consumed one by one, so a failure while
   * making a later file leaves the earlier ones unpublished (and the previous set visible).
   */
  async publish(
    programId: string,
    date: string,
    files: AsyncIterable<ExportFileInput> | Iterable<ExportFileInput>,
    actor: { name: string },
  ): Promise<PublishedFile[]> {
    await this.ensureContainer();
    const run = `${this.clock().toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
    const written: PublishedFile[] = [];
    for await (const file of files) {
      const blob = this.container.getBlockBlobClient(this.path(programId, date, run, file.name));
      await this.blobs(() =>
        blob.uploadData(file.body, { blobHTTPHeaders: { blobContentType: file.contentType } }),
      );
      written.push({
        date,
        name: file.name,
        size: file.body.length,
        contentType: file.contentType,
      });
    }
    const entity: ExportEntity = {
      partitionKey: partitionOf(programId),
      rowKey: checkKey('RowKey', date),
      run,
      files: JSON.stringify(
        written.map(({ name, size, contentType }) => ({ name, size, contentType })),
      ),
      publishedAt: this.clock().toISOString(),
      publishedBy: actor.name,
    };
    await this.tables.run(() =>
      this.tables.clients.exports.upsertEntity(entity, 'Replace', this.tables.signal()),
    );
    await this.deleteRuns(programId, date, run);
    return written;
  }

  /** Every day's published set, newest first. */
  async list(programId: string): Promise<PublishedFile[]> {
    const rows = await this.tables.list<ExportEntity>(
      'exports',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows
      .sort((a, b) => b.rowKey.localeCompare(a.rowKey))
      .flatMap((row) =>
        (JSON.parse(row.files) as Omit<PublishedFile, 'date'>[]).map((f) => ({
          date: row.rowKey,
          ...f,
        })),
      );
  }

  /** A published file's bytes; NotFoundError when that day has no such published file. */
  async read(
    programId: string,
    date: string,
    name: string,
  ): Promise<{ file: PublishedFile; body: Buffer }> {
    const row = await this.tables.run(() =>
      this.tables.clients.exports.getEntity<ExportEntity>(
        partitionOf(programId),
        checkKey('RowKey', date),
        this.tables.signal(),
      ),
    );
    const listed = (JSON.parse(row.files) as Omit<PublishedFile, 'date'>[]).find(
      (f) => f.name === name,
    );
    if (!listed)
      throw new NotFoundError(`No hay un archivo «${name}» en la exportación del ${date}.`);
    const body = await this.blobs(() =>
      this.container
        .getBlockBlobClient(this.path(programId, date, row.run, name))
        .downloadToBuffer(),
    );
    return { file: { date, ...listed }, body };
  }

  /** Forgets the days before `keepFrom` (YYYY-MM-DD): their rows and files. */
  async prune(programId: string, keepFrom: string): Promise<string[]> {
    const rows = await this.tables.list<ExportEntity>(
      'exports',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey lt ${keepFrom}`,
    );
    for (const row of rows) {
      await this.deleteRuns(programId, row.rowKey);
      await this.tables.run(() =>
        this.tables.clients.exports.deleteEntity(
          row.partitionKey,
          row.rowKey,
          this.tables.signal(),
        ),
      );
    }
    return rows.map((r) => r.rowKey);
  }

  /** Deletes a day's files of every run but `keep` (runs replaced, or failed midway). */
  private async deleteRuns(programId: string, date: string, keep?: string): Promise<void> {
    await this.ensureContainer();
    const prefix = `${programId}/${date}/`;
    await this.blobs(async () => {
      for await (const blob of this.container.listBlobsFlat({ prefix }))
        if (!keep || !blob.name.startsWith(`${prefix}${keep}/`))
          await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' });
    });
  }
}
