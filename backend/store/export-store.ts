/**
 * Exports: files for the record, kept in Blob storage (container `exports`, path
 * `{programme}/{yyyy-mm-dd}/{run}/{name}`), and which run of each day is the published one, kept in
 * Table storage (one row per day: `run`, `files`).
 *
 * Runs of one day may overlap (two instances, a retry), so a run writes only into its own folder,
 * publishes with one conditional row write, and deletes only what it can prove nobody will name:
 *
 * - Who wins: the run that STARTED later (run names begin with their start time, so they sort by
 *   it). Its files were made from newer data, so the published set only moves forward whatever the
 *   order the runs finish in; and the row's run only ever grows, so a run once replaced or
 *   outranked is never named again and deleting its folder cannot break a published list.
 * - Publishing: the run reads the day's row with its ETag; if the row names a later run, this run
 *   withdraws (deletes its own folder, publishes nothing); otherwise it inserts the row (none yet)
 *   or replaces it with If-Match, and on success deletes the folder of the run it replaced. A 412
 *   or 409 means another run wrote first: read again and decide again.
 * - A run that fails while writing deletes its own folder; one whose row write fails without an
 *   answer leaves everything (the write may have landed). A run never publishes more than
 *   PUBLISH_WITHIN_MS after it started, so `prune` can delete the folders no row names whose newest
 *   file is older than ABANDONED_AFTER_MS (runs that died midway, replaced sets whose deletion
 *   failed) without ever touching a run still in progress.
 *
 * The day's previous complete set stays visible until the row names a complete new one; a second
 * run on one day replaces the first, never adds to it.
 */
import { blobCall, lazyContainer } from './blobs';
import { odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { AlreadyExistsError, EtagMismatchError, NotFoundError } from '../errors';
import { checkKey, partitionOf } from './keys';
import { StoreSettings, Tables } from './tables';

/** A run publishes within this long of its start, or not at all (it withdraws its files). */
export const PUBLISH_WITHIN_MS = 30 * 60_000;
/**
 * A folder no row names whose newest file is older than this belongs to no live run: `prune`
 * deletes it. Twice PUBLISH_WITHIN_MS, so clocks a few minutes apart do not matter.
 */
export const ABANDONED_AFTER_MS = 2 * PUBLISH_WITHIN_MS;

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

/** What became of one run's set. */
export interface PublishOutcome {
  /** The run's folder name: its start time, then a random suffix. */
  run: string;
  /** The files the run wrote (and, when published, the day's set). */
  files: PublishedFile[];
  /** The day's row names this run now. False: a run that started later had published first. */
  published: boolean;
  /** The run whose set this one replaced (its files are deleted). */
  replaced?: string;
  /** The later run that stays published instead of this one (whose files are deleted). */
  supersededBy?: string;
}

/** A run that could not publish within PUBLISH_WITHIN_MS of its start: it withdrew its files. */
export class ExportRunExpiredError extends Error {}

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

/** A day's blobs of one run (run '' for files straight under the day). */
interface Folder {
  names: string[];
  /** Newest Last-Modified of its files, in ms. */
  lastWrite: number;
}

/** The container's name: `exports`, after the tables' prefix in tests (lowercase, as containers must be). */
export function exportsContainer(tablePrefix = ''): string {
  return tablePrefix ? `${tablePrefix.toLowerCase()}-exports` : 'exports';
}

/** A run's name: its start time (so names sort as starts do), then 8 random hex digits. */
function runName(start: Date): string {
  return `${start.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}

export class ExportStore {
  /** The `exports` container's client, made (and the Blob SDK loaded) on first use. */
  private readonly container: ReturnType<typeof lazyContainer>;
  private ready?: Promise<void>;

  constructor(
    settings: StoreSettings,
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.container = lazyContainer(tables.connection, exportsContainer(settings.tablePrefix));
  }

  private blobs<T>(call: () => Promise<T>): Promise<T> {
    return blobCall(call);
  }

  private ensureContainer(): Promise<void> {
    return (this.ready ??= this.blobs(async () => {
      await (
        await this.container()
      ).createIfNotExists({ abortSignal: this.tables.signal().abortSignal });
    }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
  }

  private path(programId: string, date: string, run: string, name: string): string {
    return `${programId}/${date}/${run}/${name}`;
  }

  /** The day's row as it is now (with its ETag), or undefined when the day has none. */
  private async row(
    programId: string,
    date: string,
  ): Promise<(ExportEntity & { etag: string }) | undefined> {
    try {
      return await this.tables.run(() =>
        this.tables.clients.exports.getEntity<ExportEntity>(
          partitionOf(programId),
          checkKey('RowKey', date),
          this.tables.signal(),
        ),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Writes a day's set into a folder of its own, then publishes it unless a run that started later
   * already has (see the top of this file). `files` is consumed one by one; a failure while making
   * a file deletes what this run wrote and leaves the previous set visible.
   */
  async publish(
    programId: string,
    date: string,
    files: AsyncIterable<ExportFileInput> | Iterable<ExportFileInput>,
    actor: { name: string },
  ): Promise<PublishOutcome> {
    await this.ensureContainer();
    const start = this.clock();
    const run = runName(start);
    const written: PublishedFile[] = [];
    try {
      for await (const file of files) {
        const blob = (await this.container()).getBlockBlobClient(
          this.path(programId, date, run, file.name),
        );
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
    } catch (error) {
      // Nothing names this folder: it is ours to delete (what is left, prune deletes later).
      await this.deleteRun(programId, date, run).catch(() => undefined);
      throw error;
    }
    const entity: ExportEntity = {
      partitionKey: partitionOf(programId),
      rowKey: checkKey('RowKey', date),
      run,
      files: JSON.stringify(
        written.map(({ name, size, contentType }) => ({ name, size, contentType })),
      ),
      publishedAt: '',
      publishedBy: actor.name,
    };
    /** The run our last refused write would have replaced: if that write landed after all, it did. */
    let attempted: string | undefined;
    for (;;) {
      const current = await this.row(programId, date);
      if (current?.run === run)
        // A write answered 412/409 but had landed (the client's retry after a lost answer).
        return { run, files: written, published: true, ...replacing(attempted) };
      if (current && current.run > run) {
        await this.deleteRun(programId, date, run);
        return { run, files: written, published: false, supersededBy: current.run };
      }
      if (this.clock().getTime() - start.getTime() > PUBLISH_WITHIN_MS) {
        // prune may already count this folder as abandoned: never name it.
        await this.deleteRun(programId, date, run);
        throw new ExportRunExpiredError(
          `La exportación del ${date} de ${programId} no se publicó: tardó más de ${PUBLISH_WITHIN_MS / 60_000} minutos.`,
        );
      }
      entity.publishedAt = this.clock().toISOString();
      attempted = current?.run;
      try {
        await this.tables.run(() =>
          current
            ? this.tables.clients.exports.updateEntity(entity, 'Replace', {
                ...this.tables.signal(),
                etag: current.etag,
              })
            : this.tables.clients.exports.createEntity(entity, this.tables.signal()),
        );
      } catch (error) {
        // Another run (or a prune) wrote the row since we read it: read it again, decide again.
        if (
          error instanceof EtagMismatchError ||
          error instanceof AlreadyExistsError ||
          error instanceof NotFoundError
        )
          continue;
        // No answer: the write may have landed, so our files stay (prune deletes them if not).
        throw error;
      }
      // The replaced run had published: it writes nothing more and is never named again. If this
      // deletion fails, prune deletes its files later.
      if (current) await this.deleteRun(programId, date, current.run).catch(() => undefined);
      return { run, files: written, published: true, ...replacing(current?.run) };
    }
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

  /**
   * A published file's bytes; NotFoundError when that day has no such published file. A set
   * replaced between reading the row and the file is read again from the row's new run.
   */
  async read(
    programId: string,
    date: string,
    name: string,
  ): Promise<{ file: PublishedFile; body: Buffer }> {
    let tried: string | undefined;
    for (;;) {
      const row = await this.row(programId, date);
      if (!row) throw new NotFoundError(`No hay una exportación del ${date}.`);
      const listed = (JSON.parse(row.files) as Omit<PublishedFile, 'date'>[]).find(
        (f) => f.name === name,
      );
      if (!listed)
        throw new NotFoundError(`No hay un archivo «${name}» en la exportación del ${date}.`);
      try {
        const body = await this.blobs(async () =>
          (await this.container())
            .getBlockBlobClient(this.path(programId, date, row.run, name))
            .downloadToBuffer(),
        );
        return { file: { date, ...listed }, body };
      } catch (error) {
        if (!(error instanceof NotFoundError) || row.run === tried) throw error;
        tried = row.run;
      }
    }
  }

  /**
   * Forgets the days before `keepFrom` (YYYY-MM-DD): their rows and files (a row another run
   * rewrote meanwhile stays, for the next prune). Also deletes, on any day, the folders no row
   * names whose newest file is older than ABANDONED_AFTER_MS: runs that died midway. Returns the
   * days forgotten.
   */
  async prune(programId: string, keepFrom: string): Promise<string[]> {
    await this.ensureContainer();
    const rows = await this.tables.list<ExportEntity>(
      'exports',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    const named = new Map(rows.map((row) => [row.rowKey, row.run]));
    const pruned: string[] = [];
    for (const row of rows.filter((r) => r.rowKey < keepFrom)) {
      try {
        await this.tables.run(() =>
          this.tables.clients.exports.deleteEntity(row.partitionKey, row.rowKey, {
            ...this.tables.signal(),
            etag: row.etag,
          }),
        );
      } catch (error) {
        // A run published that day since (and deletes the run it replaced), or a prune beat us.
        if (error instanceof EtagMismatchError || error instanceof NotFoundError) continue;
        throw error;
      }
      named.delete(row.rowKey);
      pruned.push(row.rowKey);
      await this.deleteRun(programId, row.rowKey, row.run);
    }
    await this.sweep(programId, named);
    return pruned;
  }

  /**
   * Deletes the abandoned folders: no row names them and nothing was written to them for
   * ABANDONED_AFTER_MS. Such a run can no longer publish (PUBLISH_WITHIN_MS), and the day's row is
   * read again right before deleting, so a run that published since the listing keeps its files.
   */
  private async sweep(programId: string, named: Map<string, string>): Promise<void> {
    const before = this.clock().getTime() - ABANDONED_AFTER_MS;
    for (const [date, runs] of await this.folders(programId)) {
      const stale = [...runs].filter(([run, f]) => run !== named.get(date) && f.lastWrite < before);
      if (!stale.length) continue;
      const now = (await this.row(programId, date))?.run;
      for (const [run, folder] of stale)
        if (run !== now) for (const name of folder.names) await this.deleteBlob(name);
    }
  }

  /** Every file of the programme, by day and run. */
  private async folders(programId: string): Promise<Map<string, Map<string, Folder>>> {
    const prefix = `${programId}/`;
    const days = new Map<string, Map<string, Folder>>();
    await this.blobs(async () => {
      for await (const blob of (await this.container()).listBlobsFlat({ prefix })) {
        const parts = blob.name.slice(prefix.length).split('/');
        if (parts.length < 2) continue;
        const date = parts[0]!;
        const run = parts.length > 2 ? parts[1]! : '';
        const runs = days.get(date) ?? new Map<string, Folder>();
        days.set(date, runs);
        const folder = runs.get(run) ?? { names: [], lastWrite: 0 };
        runs.set(run, folder);
        folder.names.push(blob.name);
        folder.lastWrite = Math.max(folder.lastWrite, blob.properties.lastModified?.getTime() ?? 0);
      }
    });
    return days;
  }

  /** Deletes one run's folder of a day. */
  private async deleteRun(programId: string, date: string, run: string): Promise<void> {
    if (!run) return;
    const names: string[] = [];
    await this.blobs(async () => {
      for await (const blob of (await this.container()).listBlobsFlat({
        prefix: this.path(programId, date, run, ''),
      }))
        names.push(blob.name);
    });
    for (const name of names) await this.deleteBlob(name);
  }

  private async deleteBlob(name: string): Promise<void> {
    await this.blobs(async () =>
      (await this.container()).getBlobClient(name).deleteIfExists({ deleteSnapshots: 'include' }),
    );
  }
}

function replacing(run: string | undefined): { replaced?: string } {
  return run === undefined ? {} : { replaced: run };
}
