/**
 * The storage layer: every read and write of programmes, activities, month statuses, history,
 * sessions and idempotency keys goes through here. Key design (partition = programme) in the
 * README. Writes of many entities go in transactions of at most 100; every update carries its
 * ETag; a status change and its history row go in the same transaction.
 */
import { TransactionAction, odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { Month } from '../../shared/months';
import { ProgrammeDetails } from '../../shared/schemas';
import { SessionCalendar } from '../../shared/calendar/calendar';
import {
  ActivityEntity,
  HistoryEntity,
  StatusEntity,
  activityFromEntity,
  activityToEntity,
  historyFromEntity,
  statusFromEntity,
} from './entities';
import { AlreadyExistsError, EtagMismatchError, NotFoundError } from './errors';
import { fromParts, jsonOf, toParts } from './chunked-json';
import { checkEntitySize } from './entity-size';
import { PREFIX, PROGRAMS_PARTITION, ROW, invertedTicks, partitionOf } from './keys';
import {
  ActivityRecord,
  Actor,
  HistoryRecord,
  PlanWrites,
  ProgramSummary,
  StatusChange,
  StatusRecord,
} from './records';
import { ExportStore } from './export-store';
import { FeedStore } from './feed-store';
import { MemberStore } from './member-store';
import { StoreSettings, Tables } from './tables';
import { ProgramHead, ProgramSnapshot, SnapshotCache, SnapshotOptions } from './snapshots';
import { monthKey } from '../../shared/sync/three-way';

type ProgramEntity = {
  partitionKey: string;
  rowKey: string;
  year: number;
  title: string;
  /**
   * The programme's description (commission, agreements, objectives, narrative …): JSON,
   * gzip-compressed in binary parts (`parts`, `part0` …, see chunked-json), since its texts may
   * outgrow one property. Rows written before that hold it as a JSON string in `details`.
   */
  details?: string;
  parts?: number;
  updatedAt: string;
  [part: `part${number}`]: Uint8Array;
};

export type ProgramDetails = ProgrammeDetails;

type CalendarEntity = {
  partitionKey: string;
  rowKey: string;
  /**
   * The whole calendar with its changes: JSON in binary gzip parts (`parts`, `part0` …), since
   * reschedulings with their reasons outgrow one property; older rows hold a JSON string here.
   */
  calendar?: string;
  parts?: number;
  [part: `part${number}`]: Uint8Array;
  /** Who wrote this calendar (generated, replaced or rescheduled), and when. */
  savedBy?: string;
  savedAt?: string;
};

type IdempotencyEntity = {
  partitionKey: string;
  rowKey: string;
  requestHash: string;
  at: string;
  /** `pending` while the first request with the key works; absent (older rows) or `done` after. */
  state?: 'pending' | 'done';
  /** Whose claim a pending row is: a random id per claiming request (see claimIdempotent). */
  claim?: string;
  /** The answer, compressed in binary parts (see chunked-json); none while pending. */
  parts?: number;
  [part: `part${number}`]: Uint8Array;
};

export type IdempotentRecord =
  | { state: 'pending'; requestHash: string; at: string; claim?: string }
  | { state: 'done'; requestHash: string; at: string; response: unknown };

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

const CALENDAR_ROW = 'calendar';
/** Up to this many statuses are read one by one; more, by listing the partition. */
const POINT_READ_LIMIT = 20;

export class ProgramStore {
  readonly tables: Tables;
  /** Subscribable calendar URLs (hashed tokens). */
  readonly feeds: FeedStore;
  /** Export sets: files in Blob storage, the published run of each day in a table. */
  readonly exports: ExportStore;
  /** Programme memberships. */
  readonly members: MemberStore;
  /** What readers are served: one scan per programme version (see snapshots). */
  readonly snapshots: SnapshotCache;
  constructor(
    settings: StoreSettings & { snapshots?: SnapshotOptions },
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.tables = new Tables(settings);
    this.feeds = new FeedStore(this.tables, clock);
    this.exports = new ExportStore(settings, this.tables, clock);
    this.members = new MemberStore(this.tables, clock);
    this.snapshots = new SnapshotCache(this, settings.snapshots);
  }

  get requestCount(): number {
    return this.tables.counter.count;
  }

  ensureTables(): Promise<void> {
    return this.tables.ensureTables();
  }

  ping(): Promise<void> {
    return this.tables.ping();
  }

  // ---- programmes ---------------------------------------------------------------------------

  async listPrograms(): Promise<ProgramSummary[]> {
    const rows = await this.tables.list<ProgramEntity>(
      'programs',
      odata`PartitionKey eq ${PROGRAMS_PARTITION}`,
    );
    return rows.map((r) => ({ id: r.rowKey, year: r.year, title: r.title }));
  }

  /** The programme by point read, with its version: the ETag every write to it changes. */
  async getProgram(programId: string): Promise<ProgramHead | undefined> {
    const rowKey = ROW.program(programId);
    try {
      const row = await this.tables.run(() =>
        this.tables.clients.programs.getEntity<ProgramEntity>(
          PROGRAMS_PARTITION,
          rowKey,
          this.tables.signal(),
        ),
      );
      return {
        id: row.rowKey,
        year: row.year,
        title: row.title,
        details: jsonOf(row, 'details') as ProgramDetails,
        version: row.etag,
      };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** The programme as readers see it, from its snapshot; undefined when there is none. */
  snapshot(programId: string): Promise<ProgramSnapshot | undefined> {
    return this.snapshots.read(programId);
  }

  /**
   * Gives the programme a new version after a write to its partition, so readers' snapshots
   * are scanned again. Called after the write (see snapshots for why that order).
   */
  private async touchProgram(programId: string): Promise<void> {
    const rowKey = ROW.program(programId);
    try {
      await this.tables.run(() =>
        this.tables.clients.programs.updateEntity(
          { partitionKey: PROGRAMS_PARTITION, rowKey, changedAt: this.clock().toISOString() },
          'Merge',
          this.tables.signal(),
        ),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  /** Runs a write to a programme's partition, then touches the programme even if it failed midway. */
  private async changing<T>(programId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      try {
        await this.touchProgram(programId);
      } finally {
        this.snapshots.noteWrite(programId);
      }
    }
  }

  async requireProgram(programId: string): Promise<ProgramSummary & { details: ProgramDetails }> {
    const program = await this.getProgram(programId);
    if (!program) throw new NotFoundError(`No existe el programa «${programId}».`);
    return program;
  }

  /**
   * The programme's row as it will be written, sized (EntityTooLargeError when it cannot be): a
   * writer asks for it before writing anything else of the programme.
   */
  programEntity(summary: ProgramSummary, details: ProgramDetails): ProgramEntity {
    const entity: ProgramEntity = {
      partitionKey: PROGRAMS_PARTITION,
      rowKey: ROW.program(summary.id),
      year: summary.year,
      title: summary.title,
      ...(toParts(details) as { parts: number }),
      updatedAt: this.clock().toISOString(),
    };
    checkEntitySize(entity);
    return entity;
  }

  async saveProgram(summary: ProgramSummary, details: ProgramDetails): Promise<void> {
    const entity = this.programEntity(summary, details);
    try {
      await this.tables.run(() =>
        this.tables.clients.programs.upsertEntity(entity, 'Replace', this.tables.signal()),
      );
    } finally {
      this.snapshots.noteWrite(summary.id);
    }
  }

  // ---- plan: activities and month statuses --------------------------------------------------

  async listActivities(programId: string): Promise<ActivityRecord[]> {
    const rows = await this.tables.list<ActivityEntity>(
      'activities',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map(activityFromEntity);
  }

  async listStatuses(programId: string): Promise<StatusRecord[]> {
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
  async getStatuses(
    programId: string,
    keys: { activityId: string; month: number }[],
  ): Promise<StatusRecord[]> {
    if (keys.length > POINT_READ_LIMIT) {
      const wanted = new Set(keys.map((k) => monthKey(k.activityId, k.month)));
      return (await this.listStatuses(programId)).filter((s) =>
        wanted.has(monthKey(s.activityId, s.month)),
      );
    }
    const found = await Promise.all(
      keys.map((k) => this.getStatus(programId, k.activityId, k.month)),
    );
    return found.filter((s): s is StatusRecord => s !== undefined);
  }

  async getStatus(
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

  /** Applies a plan diff: activities first, then new and re-planned statuses (with ETags). */
  async applyPlan(programId: string, diff: PlanWrites, actor: Actor): Promise<void> {
    const writes =
      diff.activityWrites.length + diff.statusCreates.length + diff.plannedFlips.length;
    if (writes > 0) await this.changing(programId, () => this.writePlan(programId, diff, actor));
  }

  private async writePlan(programId: string, diff: PlanWrites, actor: Actor): Promise<void> {
    const { activities, statuses } = this.planActions(programId, diff, actor);
    const pk = partitionOf(programId);
    await this.tables.submit('activities', pk, activities);
    await this.tables.submit('statuses', pk, statuses);
  }

  /**
   * A plan's writes as transaction actions, every entity sized (EntityTooLargeError): a writer
   * checks them all, and the programme's row, before the first transaction.
   */
  planActions(
    programId: string,
    diff: PlanWrites,
    actor: Actor,
  ): { activities: TransactionAction[]; statuses: TransactionAction[] } {
    const pk = partitionOf(programId);
    const at = this.clock();
    // Who changed the plan, on every row it touches: an activity added, changed or retired, a
    // month planned or taken out.
    const who = { updatedBy: actor.name, updatedAt: at.toISOString() };
    const activities = diff.activityWrites.map((a): TransactionAction => [
      'upsert',
      { ...activityToEntity(pk, ROW.activity(a.id), a), ...who },
      'Replace',
    ]);
    const statuses: TransactionAction[] = [];
    for (const { activityId, month } of diff.statusCreates) {
      const entity: StatusEntity = {
        partitionKey: pk,
        rowKey: ROW.status(activityId, month),
        activityId,
        month,
        status: 'pendiente',
        updatedBy: actor.name,
        updatedAt: at.toISOString(),
        planned: true,
      };
      statuses.push(['create', entity]);
    }
    for (const { record, planned } of diff.plannedFlips)
      statuses.push([
        'update',
        {
          partitionKey: pk,
          rowKey: ROW.status(record.activityId, record.month),
          planned,
          plannedBy: actor.name,
          plannedAt: at.toISOString(),
        },
        'Merge',
        { etag: record.etag },
      ]);
    this.tables.checkActions(activities);
    this.tables.checkActions(statuses);
    return { activities, statuses };
  }

  /**
   * Writes status changes, each with its history row in the same transaction, as many per
   * transaction as fit. When a transaction fails on a stale ETag, its changes are retried one
   * by one so the others still land; the stale ones come back as conflicts.
   */
  async writeStatuses(
    programId: string,
    writes: StatusWrite[],
    actor: Actor,
  ): Promise<{ applied: StatusRecord[]; stale: StatusWrite[] }> {
    if (writes.length === 0) return { applied: [], stale: [] };
    return this.changing(programId, () => this.submitStatuses(programId, writes, actor));
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
        ...(change.note !== undefined ? { note: change.note } : {}),
        ...(change.evidence !== undefined ? { evidence: change.evidence } : {}),
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
        ...(change.note !== undefined ? { note: change.note } : {}),
        ...(change.evidence !== undefined ? { evidence: change.evidence } : {}),
        by: actor.name,
        at: at.toISOString(),
      };
      actions.push(['update', entity, 'Replace', { etag: current.etag }], ['create', history]);
      records.push(record);
    }
    const etags = await this.tables.submit('statuses', pk, actions, actions.length);
    return records.map((r, i) => ({ ...r, etag: etags[i * 2] as string }));
  }

  // ---- history ------------------------------------------------------------------------------

  async listHistory(
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

  // ---- sessions -----------------------------------------------------------------------------

  async getCalendar(
    programId: string,
  ): Promise<{ calendar: SessionCalendar; etag: string } | undefined> {
    const rows = await this.tables.list<CalendarEntity>(
      'sessions',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey eq ${CALENDAR_ROW}`,
    );
    const row = rows[0];
    return row && { calendar: jsonOf(row, 'calendar') as SessionCalendar, etag: row.etag };
  }

  /**
   * Saves the calendar: one row per session (for queries) and the whole calendar with its
   * changes, in one transaction. With an ETag, only over that version (412 otherwise).
   */
  async saveCalendar(
    programId: string,
    calendar: SessionCalendar,
    actor: Actor,
    etag?: string,
  ): Promise<string> {
    const pk = partitionOf(programId);
    const existing = await this.tables.list<{ partitionKey: string; rowKey: string }>(
      'sessions',
      odata`PartitionKey eq ${pk}`,
    );
    const keep = new Set(calendar.sessions.map((s) => ROW.session(s.type, s.number)));
    const doc: CalendarEntity = {
      partitionKey: pk,
      rowKey: CALENDAR_ROW,
      ...(toParts(calendar) as { parts: number }),
      savedBy: actor.name,
      savedAt: this.clock().toISOString(),
    };
    const actions: TransactionAction[] = [
      etag ? ['update', doc, 'Replace', { etag }] : ['upsert', doc, 'Replace'],
      ...calendar.sessions.map((s): TransactionAction => [
        'upsert',
        { partitionKey: pk, rowKey: ROW.session(s.type, s.number), ...s, sequence: s.sequence },
        'Replace',
      ]),
      ...existing
        .filter((e) => e.rowKey !== CALENDAR_ROW && !keep.has(e.rowKey))
        .map((e): TransactionAction => ['delete', { partitionKey: pk, rowKey: e.rowKey }]),
    ];
    const etags = await this.changing(programId, () => this.tables.submit('sessions', pk, actions));
    return etags[0] as string;
  }

  // ---- idempotency --------------------------------------------------------------------------

  async getIdempotent(programId: string, key: string): Promise<IdempotentRecord | undefined> {
    const rows = await this.tables.list<IdempotencyEntity>(
      'idempotency',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey eq ${ROW.idempotency(key)}`,
    );
    const row = rows[0];
    if (!row) return undefined;
    const { requestHash, at } = row;
    return row.state === 'pending' || row.parts === undefined
      ? { state: 'pending', requestHash, at, ...(row.claim ? { claim: row.claim } : {}) }
      : { state: 'done', requestHash, at, response: fromParts(row) };
  }

  /**
   * Claims a key before the work it names, atomically (an insert fails when the row exists):
   * true when this request got it, false when the row was there. `claim`, a random id per
   * request, is kept in the row: false can also mean this very insert, whose answer was lost and
   * whose retry by the storage client found the row it had written (see sync's replayOrClaim).
   */
  async claimIdempotent(
    programId: string,
    key: string,
    requestHash: string,
    claim?: string,
  ): Promise<boolean> {
    const entity: IdempotencyEntity = {
      partitionKey: partitionOf(programId),
      rowKey: ROW.idempotency(key),
      requestHash,
      at: this.clock().toISOString(),
      state: 'pending',
      ...(claim ? { claim } : {}),
    };
    try {
      await this.tables.run(() =>
        this.tables.clients.idempotency.createEntity(entity, this.tables.signal()),
      );
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** Gives a claimed key up (its work failed before an answer): a retry may claim it again. */
  async releaseIdempotent(programId: string, key: string): Promise<void> {
    try {
      await this.tables.run(() =>
        this.tables.clients.idempotency.deleteEntity(
          partitionOf(programId),
          ROW.idempotency(key),
          this.tables.signal(),
        ),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  async putIdempotent(
    programId: string,
    key: string,
    requestHash: string,
    response: unknown,
  ): Promise<void> {
    const entity = {
      partitionKey: partitionOf(programId),
      rowKey: ROW.idempotency(key),
      requestHash,
      at: this.clock().toISOString(),
      state: 'done',
      ...toParts(response),
    };
    await this.tables.run(() =>
      this.tables.clients.idempotency.upsertEntity(entity, 'Replace', this.tables.signal()),
    );
  }
}

export type { Month };
