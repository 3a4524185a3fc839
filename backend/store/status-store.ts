/**
 * Month statuses and their history: one table, so a status change and its history row share a
 * transaction. Every write carries the ETag the writer saw; a stale one comes back as such.
 */
import { TransactionAction, odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { monthKey } from '../../shared/sync/three-way';
import { EtagMismatchError, NotFoundError } from '../errors';
import { HistoryEntity, StatusEntity, historyFromEntity, statusFromEntity } from './entities';
import { PREFIX, ROW, invertedTicks, partitionOf } from './keys';
import { Actor, HistoryRecord, StatusChange, StatusRecord } from './records';
import { Tables } from './tables';
import { ProgrammeVersions } from './versions';
import { noteAndEvidence } from '../../shared/status';

/** One status write: the new value over the ETag the writer saw, with its history row. */
export interface StatusWrite {
  current: StatusRecord;
  change: StatusChange;
  syncKey?: string;
}

export interface HistoryQuery {
  activityId?: string;
  month?: number;
  since?: string;
  pageSize: number;
  continuationToken?: string;
}

/** Up to this many statuses are read one by one; more, by listing the partition. */
const POINT_READ_LIMIT = 20;

export class StatusStore {
  constructor(
    private readonly tables: Tables,
    private readonly versions: ProgrammeVersions,
    private readonly clock: () => Date,
  ) {}

  async list(programId: string): Promise<StatusRecord[]> {
    const rows = await this.tables.list<StatusEntity>(
      'statuses',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey ge ${PREFIX.status} and RowKey lt ${'s`'}`,
    );
    return rows.map(statusFromEntity);
  }

  /**
   * The statuses of the given months: point reads for a few (a delta sync of one change costs one
   * read), the whole partition for many (a page holds 1,000). Missing ones are simply absent.
   */
  async getMany(
    programId: string,
    keys: { activityId: string; month: number }[],
  ): Promise<StatusRecord[]> {
    if (keys.length > POINT_READ_LIMIT) {
      const wanted = new Set(keys.map((k) => monthKey(k.activityId, k.month)));
      return (await this.list(programId)).filter((s) =>
        wanted.has(monthKey(s.activityId, s.month)),
      );
    }
    const found = await Promise.all(keys.map((k) => this.get(programId, k.activityId, k.month)));
    return found.filter((s): s is StatusRecord => s !== undefined);
  }

  async get(
    programId: string,
    activityId: string,
    month: number,
  ): Promise<StatusRecord | undefined> {
    try {
      const entity = await this.tables.run(() =>
        this.tables.clients.statuses.getEntity<StatusEntity>(
          partitionOf(programId),
          ROW.status(activityId, month),
          this.tables.signal(),
        ),
      );
      return statusFromEntity(entity as StatusEntity & { etag: string });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Writes status changes, each with its history row in the same transaction, as many per
   * transaction as fit. When a transaction fails on a stale ETag, its changes are retried one
   * by one so the others still land; the stale ones come back as conflicts.
   */
  async write(
    programId: string,
    writes: StatusWrite[],
    actor: Actor,
  ): Promise<{ applied: StatusRecord[]; stale: StatusWrite[] }> {
    if (writes.length === 0) return { applied: [], stale: [] };
    return this.versions.changing(programId, () => this.submitStatuses(programId, writes, actor));
  }

  private async submitStatuses(
    programId: string,
    writes: StatusWrite[],
    actor: Actor,
  ): Promise<{ applied: StatusRecord[]; stale: StatusWrite[] }> {
    const pk = partitionOf(programId);
    const applied: StatusRecord[] = [];
    const stale: StatusWrite[] = [];
    // Two actions each, the status and its history row, never split between transactions.
    const perTransaction = Math.max(1, Math.floor(this.tables.transactionSize / 2));
    for (let i = 0; i < writes.length; i += perTransaction) {
      const chunk = writes.slice(i, i + perTransaction);
      try {
        applied.push(...(await this.submitStatusWrites(pk, chunk, actor)));
      } catch (error) {
        if (!(error instanceof EtagMismatchError) || chunk.length === 1) {
          if (error instanceof EtagMismatchError) stale.push(...chunk);
          else throw error;
          continue;
        }
        for (const write of chunk) {
          try {
            applied.push(...(await this.submitStatusWrites(pk, [write], actor)));
          } catch (single) {
            if (single instanceof EtagMismatchError) stale.push(write);
            else throw single;
          }
        }
      }
    }
    return { applied, stale };
  }

  private async submitStatusWrites(
    pk: string,
    writes: StatusWrite[],
    actor: Actor,
  ): Promise<StatusRecord[]> {
    const at = this.clock();
    const actions: TransactionAction[] = [];
    const records: Omit<StatusRecord, 'etag'>[] = [];
    for (const { current, change, syncKey } of writes) {
      const record = {
        activityId: current.activityId,
        month: current.month,
        status: change.status,
        ...noteAndEvidence(change),
        updatedBy: actor.name,
        updatedAt: at.toISOString(),
        planned: current.planned,
      };
      const entity: StatusEntity = {
        partitionKey: pk,
        rowKey: ROW.status(current.activityId, current.month),
        ...record,
        ...(syncKey ? { syncKey } : {}),
      };
      const history: HistoryEntity = {
        partitionKey: pk,
        rowKey: ROW.history(at, current.activityId, current.month, randomUUID().slice(0, 8)),
        activityId: current.activityId,
        month: current.month,
        from: current.status,
        to: change.status,
        ...noteAndEvidence(change),
        by: actor.name,
        at: at.toISOString(),
      };
      actions.push(['update', entity, 'Replace', { etag: current.etag }], ['create', history]);
      records.push(record);
    }
    const etags = await this.tables.submit('statuses', pk, actions, actions.length);
    return records.map((r, i) => ({ ...r, etag: etags[i * 2] as string }));
  }

  async history(
    programId: string,
    query: HistoryQuery,
  ): Promise<{ items: HistoryRecord[]; continuationToken?: string }> {
    const pk = partitionOf(programId);
    // Newest first is the row keys' natural order; "since" bounds the range from above. A "since"
    // before 1970 bounds nothing (its inverted ticks would not sort with the others').
    const since = query.since ? new Date(query.since) : undefined;
    const upper = since && since.getTime() > 0 ? `h_${invertedTicks(since)}~` : 'h`';
    let filter = odata`PartitionKey eq ${pk} and RowKey ge ${PREFIX.history} and RowKey lt ${upper}`;
    if (query.activityId) filter += ` and ${odata`activityId eq ${query.activityId}`}`;
    if (query.month) filter += ` and ${odata`month eq ${query.month}`}`;
    return this.tables.run(async () => {
      const pages = this.tables.clients.statuses
        .listEntities<HistoryEntity>({ queryOptions: { filter }, ...this.tables.signal() })
        .byPage({ maxPageSize: query.pageSize, continuationToken: query.continuationToken });
      const first = await pages.next();
      if (first.done) return { items: [] };
      const page = first.value;
      return {
        items: page.map((e) => historyFromEntity(e as HistoryEntity)),
        ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
      };
    });
  }
}
