/**
 * Every entity of every table, generically: each property with its exact Edm type (String, Int32,
 * Int64, Double, Boolean, DateTime, Guid, Binary), read without the SDK's conversions and written
 * back with explicit types, knowing nothing of what the store keeps in them. Backups and restores
 * (services/backup.ts) are built on this; nothing else should be.
 *
 * One trap: the service sends Int32 and Double values as bare JSON numbers, and a Double that
 * happens to be whole (2.0) reaches the SDK as the number 2, which it then calls Int32
 * (Azure/azure-sdk-for-js#19899). The listing clients here read the response text first and mark
 * every number written with a decimal point or an exponent, or beyond Int32's range, as
 * `Edm.Double`, so a Double stays a Double. (Azurite, like Azure, writes Doubles as `2.0`.)
 */
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import { allowsInsecure } from './connection';
import { blobCall, blobService } from './blobs';
import { exportsContainer } from './export-store';
import { TABLES, TableName, Tables } from './tables';

export const EDM_TYPES = [
  'Binary',
  'Boolean',
  'DateTime',
  'Double',
  'Guid',
  'Int32',
  'Int64',
  'String',
] as const;
export type EdmType = (typeof EDM_TYPES)[number];

/** A property as the backup keeps it: its Edm type and its value written as text. */
export interface TypedValue {
  type: EdmType;
  value: string;
}

/** One entity: its keys and every property the application wrote (not the service's Timestamp). */
export interface EntityRecord {
  PartitionKey: string;
  RowKey: string;
  properties: Record<string, TypedValue>;
}

/** Entities per listing request: small enough that a page of large entities stays bounded. */
const PAGE_SIZE = 200;
/** A transaction's body must stay under Azure's 4 MiB; its entities' JSON is held under this. */
const TRANSACTION_BYTES = 3 << 20;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Whether a JSON number's text is a Double to the Table service (see the note above). */
function isDoubleLiteral(text: string): boolean {
  if (/[.eE]/.test(text)) return true;
  const n = Number(text);
  return n < INT32_MIN || n > INT32_MAX;
}

/**
 * Adds `"name@odata.type":"Edm.Double"` before every property of an entity (an object inside the
 * answer) whose value is a JSON number that the service wrote as a Double. Strings, keys and
 * everything else pass through unchanged.
 */
export function annotateDoubles(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let depth = 0;
  const inObject: boolean[] = [];
  let expectKey = false;
  let key: string | undefined;
  let keyStart = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let end = text.indexOf('"', i + 1);
      // A quote preceded by an odd number of backslashes is escaped.
      for (;;) {
        if (end < 0) return text; // Not JSON: leave it to the SDK to complain.
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end + 1;
      if (inObject[depth - 1] && expectKey) {
        key = JSON.parse(text.slice(start, i)) as string;
        keyStart = start;
        expectKey = false;
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      inObject[depth++] = c === 0x7b;
      expectKey = c === 0x7b;
      key = undefined;
      i++;
      continue;
    }
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      key = undefined;
      expectKey = false;
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      expectKey = inObject[depth - 1] === true;
      i++;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i < n && /[-+0-9.eE]/.test(text[i]!)) i++;
      // Entities are objects inside the answer's `value` array: never the answer itself (depth 1).
      if (depth > 1 && inObject[depth - 1] && key !== undefined && !key.includes('@')) {
        if (isDoubleLiteral(text.slice(start, i))) {
          parts.push(text.slice(copied, keyStart), JSON.stringify(`${key}@odata.type`));
          parts.push(':"Edm.Double",');
          copied = keyStart;
        }
      }
      continue;
    }
    i++;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Runs `annotateDoubles` on every answer to a listing, before the SDK parses it. */
const doublePolicy: PipelinePolicy = {
  name: 'patBackupDoubles',
  sendRequest: async (request, next) => {
    const response = await next(request);
    if (request.method === 'GET' && response.bodyAsText)
      response.bodyAsText = annotateDoubles(response.bodyAsText);
    return response;
  },
};

/** The SDK's view of a property (with type conversion off) as the backup keeps it. */
function typedValue(raw: unknown): TypedValue | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { type, value } = raw as { type?: unknown; value?: unknown };
  if (!EDM_TYPES.includes(type as EdmType)) return undefined;
  return { type: type as EdmType, value: String(value) };
}

/** The keys and properties of one listed entity, properties by name (a stable order). */
function recordOf(entity: Record<string, unknown>): EntityRecord {
  const properties: Record<string, TypedValue> = {};
  for (const name of Object.keys(entity).sort()) {
    if (['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(name) || name.startsWith('odata.'))
      continue;
    const value = typedValue(entity[name]);
    if (!value) throw new Error(`Propiedad «${name}» de tipo desconocido.`);
    properties[name] = value;
  }
  return {
    PartitionKey: entity.partitionKey as string,
    RowKey: entity.rowKey as string,
    properties,
  };
}

/** A recorded property as the SDK writes it, with its type stated. */
function sdkValue({ type, value }: TypedValue): { type: EdmType; value: unknown } {
  switch (type) {
    case 'Int32':
      return { type, value: Number(value) };
    case 'Double':
      // Finite values as JSON numbers; NaN and the infinities as the strings the service uses.
      return { type, value: Number.isFinite(Number(value)) ? Number(value) : value };
    case 'Boolean':
      return { type, value: value === 'true' };
    default:
      return { type, value };
  }
}

export function entityOf(record: EntityRecord): TableEntity {
  const entity: TableEntity = { partitionKey: record.PartitionKey, rowKey: record.RowKey };
  for (const [name, value] of Object.entries(record.properties)) entity[name] = sdkValue(value);
  return entity;
}

/** A backup's long reads and writes retry more patiently than a request's. */
const BLOB_RETRY = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 };

export class BackupStore {
  /** The tables' name prefix (tests keep runs apart with one). */
  readonly prefix: string;
  private readonly readers: Record<TableName, TableClient>;

  constructor(readonly tables: Tables) {
    this.prefix = tables.clients.programs.tableName.slice(0, -TABLES.programs.length);
    const connection = tables.connection;
    const options = {
      allowInsecureConnection: allowsInsecure(connection),
      retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
      additionalPolicies: [{ policy: doublePolicy, position: 'perRetry' as const }],
    };
    this.readers = Object.fromEntries(
      (Object.keys(TABLES) as TableName[]).map((key) => {
        const name = tables.clients[key].tableName;
        return [
          key,
          connection.kind === 'connection-string'
            ? TableClient.fromConnectionString(connection.connectionString, name, options)
            : new TableClient(connection.tableUrl, name, connection.credential, options),
        ];
      }),
    ) as Record<TableName, TableClient>;
  }

  /** How long one page may take: the store's timeout, but never under 30 s for a backup. */
  private signal(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(Math.max(this.tables.timeoutMs, 30_000)) };
  }

  /** A table's entities page by page, in the service's order (PartitionKey, then RowKey). */
  async *pages(table: TableName, keysOnly = false): AsyncIterable<EntityRecord[]> {
    let continuationToken: string | undefined;
    do {
      const iterator = this.readers[table]
        .listEntities<Record<string, unknown>>({
          disableTypeConversion: true,
          ...(keysOnly ? { queryOptions: { select: ['PartitionKey', 'RowKey'] } } : {}),
          ...this.signal(),
        })
        .byPage({ maxPageSize: PAGE_SIZE, ...(continuationToken ? { continuationToken } : {}) });
      const page = await this.tables.run(() => iterator.next());
      if (page.done) return;
      continuationToken = page.value.continuationToken;
      yield page.value.map((entity) =>
        keysOnly
          ? {
              PartitionKey: entity.partitionKey as string,
              RowKey: entity.rowKey as string,
              properties: {},
            }
          : recordOf(entity),
      );
    } while (continuationToken);
  }

  /** How many entities a table holds. */
  async count(table: TableName): Promise<number> {
    let count = 0;
    for await (const page of this.pages(table, true)) count += page.length;
    return count;
  }

  /** Deletes every entity of a table (in transactions per partition); returns how many. */
  async clear(table: TableName): Promise<number> {
    let deleted = 0;
    for await (const page of this.pages(table, true)) {
      for (const [partitionKey, records] of byPartition(page)) {
        const actions: TransactionAction[] = records.map((r) => [
          'delete',
          { partitionKey, rowKey: r.RowKey },
        ]);
        await this.tables.submit(table, partitionKey, actions);
        deleted += records.length;
      }
    }
    return deleted;
  }

  /**
   * Writes entities of one partition as upserts that replace (so a restore run again simply
   * writes the same again), in transactions of at most 100 entities and about 3 MiB.
   */
  async upsert(table: TableName, partitionKey: string, records: EntityRecord[]): Promise<void> {
    let batch: TransactionAction[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length) await this.tables.submit(table, partitionKey, batch);
      batch = [];
      bytes = 0;
    };
    for (const record of records) {
      const size = JSON.stringify(record).length;
      if (
        batch.length >= this.tables.transactionSize ||
        (batch.length && bytes + size > TRANSACTION_BYTES)
      )
        await flush();
      batch.push(['upsert', entityOf(record), 'Replace']);
      bytes += size;
    }
    await flush();
  }

  /** The container of the export files (as ExportStore names it). */
  async exportsContainer(): Promise<ContainerClient> {
    return (await blobService(this.tables.connection, BLOB_RETRY)).getContainerClient(
      exportsContainer(this.prefix),
    );
  }

  /** The container of the scheduled backups, named like the exports' (tests prefix it). */
  async backupsContainer(): Promise<ContainerClient> {
    return (await blobService(this.tables.connection, BLOB_RETRY)).getContainerClient(
      backupsContainer(this.prefix),
    );
  }

  /** Every blob's name in a container (none when the container does not exist). */
  async *blobNames(container: ContainerClient, prefix = ''): AsyncIterable<string> {
    if (!(await blobCall(() => container.exists()))) return;
    for await (const page of container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1000 }))
      for (const blob of page.segment.blobItems) yield blob.name;
  }
}

/** The backups container's name: `backups`, after the tables' prefix in tests. */
export function backupsContainer(tablePrefix = ''): string {
  return tablePrefix ? `${tablePrefix.toLowerCase()}-backups` : 'backups';
}

/** Consecutive records grouped by partition (a listing is ordered by partition). */
export function byPartition(records: EntityRecord[]): [string, EntityRecord[]][] {
  const groups: [string, EntityRecord[]][] = [];
  for (const record of records) {
    const last = groups[groups.length - 1];
    if (last && last[0] === record.PartitionKey) last[1].push(record);
    else groups.push([record.PartitionKey, [record]]);
  }
  return groups;
}
