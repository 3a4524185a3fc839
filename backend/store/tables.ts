/**
 * The tables and how a client to each is made. The connection string comes from settings:
 * nothing here knows whether it is Azurite or an Azure storage account.
 */
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  TableClient,
  TableServiceClient,
  TableTransaction,
  TransactionAction,
} from '@azure/data-tables';
import { translateStorageError } from './errors';
import { MAX_TRANSACTION_BYTES, checkEntitySize } from './entity-size';
import { EntityTooLargeError } from '../errors';
import { StorageConnection, StorageTarget, allowsInsecure, storageConnection } from './connection';
import { thousands } from '../../shared/text';

/** Azure's limit on the operations of one entity-group transaction. */
export const MAX_TRANSACTION = 100;

export const TABLES = {
  programs: 'Programs',
  activities: 'Activities',
  /** Month statuses (`s_…`) and their history (`h_…`): one table, so a change and its history row share a transaction. */
  statuses: 'MonthStatuses',
  sessions: 'Sessions',
  idempotency: 'IdempotencyKeys',
  /** Subscribable calendar URLs: the hash of each token, never the token. */
  feeds: 'CalendarFeeds',
  /** Which run of each day's exports is the published one (the files are blobs). */
  exports: 'Exports',
  /** Who edits or reads each programme (people and groups); none: every app editor. */
  members: 'Memberships',
  /** Changes to a ratified plan (reprogramaciones): who, when, why, the agreement, what changed. */
  reprogrammings: 'Reprogrammings',
  /** Periodic reports to the Consejo General, frozen as they were made. */
  reports: 'PeriodReports',
  /** The people of each responsible area (who reminders reach). */
  areas: 'Areas',
  /** Reminders sent (one per person and occasion), opt-outs, and each programme's opt-out key. */
  reminders: 'Reminders',
} as const;
export type TableName = keyof typeof TABLES;

/** Where storage is (see connection.ts) and how the store uses it. */
export interface StoreSettings extends StorageTarget {
  /** Prefix for table names (letters and digits), to keep test runs apart in one account. */
  tablePrefix?: string;
  /** How long one storage request may take before storage counts as unavailable. */
  timeoutMs?: number;
  /** Entities per transaction, at most 100 (Azure's limit); the benchmark's baseline uses 1. */
  transactionSize?: number;
}

/** Counts HTTP requests to storage: the benchmark reports them. */
export class RequestCounter {
  count = 0;
  readonly policy: PipelinePolicy = {
    name: 'patRequestCounter',
    sendRequest: (request, next) => {
      this.count++;
      return next(request);
    },
  };
}

export class Tables {
  readonly clients: Record<TableName, TableClient>;
  readonly counter = new RequestCounter();
  private readonly service: TableServiceClient;
  readonly timeoutMs: number;
  readonly transactionSize: number;
  /** How storage is reached, decided once for the tables and the export files. */
  readonly connection: StorageConnection;

  constructor(settings: StoreSettings) {
    this.connection = storageConnection(settings);
    this.timeoutMs = settings.timeoutMs ?? 5000;
    this.transactionSize = Math.min(
      MAX_TRANSACTION,
      Math.max(1, settings.transactionSize ?? MAX_TRANSACTION),
    );
    const options = {
      allowInsecureConnection: allowsInsecure(this.connection),
      // Fail fast: a caller waiting on storage gets a 503 with Retry-After, not a hang.
      retryOptions: { maxRetries: 1, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
      additionalPolicies: [{ policy: this.counter.policy, position: 'perRetry' as const }],
    };
    const prefix = settings.tablePrefix ?? '';
    if (!/^[A-Za-z0-9]*$/.test(prefix))
      throw new Error('El prefijo de tablas solo admite letras y dígitos.');
    const connection = this.connection;
    this.service =
      connection.kind === 'connection-string'
        ? TableServiceClient.fromConnectionString(connection.connectionString, options)
        : new TableServiceClient(connection.tableUrl, connection.credential, options);
    const client = (table: string) =>
      connection.kind === 'connection-string'
        ? TableClient.fromConnectionString(connection.connectionString, table, options)
        : new TableClient(connection.tableUrl, table, connection.credential, options);
    this.clients = Object.fromEntries(
      Object.entries(TABLES).map(([key, name]) => [key, client(`${prefix}${name}`)]),
    ) as Record<TableName, TableClient>;
  }

  /** A fresh abort signal per call: storage that does not answer in time is unavailable. */
  signal(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(this.timeoutMs) };
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translateStorageError(error);
    }
  }

  async ensureTables(): Promise<void> {
    await this.run(() =>
      Promise.all(Object.values(this.clients).map((c) => c.createTable(this.signal()))),
    );
  }

  async ping(): Promise<void> {
    await this.run(() => this.service.getProperties(this.signal()));
  }

  /**
   * Reads every entity of a query, following continuation tokens. The timeout is each page's, not
   * the whole listing's: a listing's pages grow with the partition (28 for 2,000 activities), and
   * one deadline for all of them made every cold read during a sync answer 503 on Azurite.
   */
  async list<T extends object>(
    table: TableName,
    filter: string,
  ): Promise<(T & { etag: string })[]> {
    return this.run(async () => {
      const out: (T & { etag: string })[] = [];
      const controller = new AbortController();
      const arm = () =>
        setTimeout(
          () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
          this.timeoutMs,
        );
      let timer = arm();
      try {
        for await (const page of this.clients[table]
          .listEntities<T>({ queryOptions: { filter }, abortSignal: controller.signal })
          .byPage({ maxPageSize: 1000 })) {
          clearTimeout(timer);
          for (const entity of page) out.push(entity as T & { etag: string });
          timer = arm();
        }
      } finally {
        clearTimeout(timer);
      }
      return out;
    });
  }

  /**
   * Sizes every entity the actions write, and each transaction they make: EntityTooLargeError for
   * what Azure would refuse. A write of several submits checks them all before the first.
   */
  checkActions(actions: TransactionAction[], perTransaction = this.transactionSize): void {
    const sizes = actions.map(([kind, entity]) =>
      kind === 'delete' ? 0 : checkEntitySize(entity as Record<string, unknown>),
    );
    for (let i = 0; i < actions.length; i += perTransaction) {
      const bytes = sizes.slice(i, i + perTransaction).reduce((a, b) => a + b, 0);
      if (bytes > MAX_TRANSACTION_BYTES)
        throw new EntityTooLargeError(
          `una transacción de ${thousands(bytes)} bytes (máximo 4 MiB)`,
        );
    }
  }

  /**
   * Submits actions of one partition in transactions of `perTransaction` (the store's size, at most
   * 100); returns the new ETags in order. Every entity is sized first (see entity-size): one that
   * Azure would refuse stops the whole write before its first transaction.
   */
  async submit(
    table: TableName,
    partitionKey: string,
    actions: TransactionAction[],
    perTransaction = this.transactionSize,
  ): Promise<string[]> {
    if (actions.some(([, entity]) => entity.partitionKey !== partitionKey))
      throw new Error('Una transacción solo abarca una partición.');
    this.checkActions(actions, perTransaction);
    const etags: string[] = [];
    for (let i = 0; i < actions.length; i += perTransaction) {
      const tx = new TableTransaction(actions.slice(i, i + perTransaction));
      const response = await this.run(() =>
        this.clients[table].submitTransaction(tx.actions, this.signal()),
      );
      etags.push(...response.subResponses.map((r) => r.etag ?? ''));
    }
    return etags;
  }
}
