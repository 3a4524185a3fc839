/**
 * Programmes and their plans: the `Programs` row (title, year, the description in compressed
 * parts; its ETag is the programme's version) and the activities, and the month statuses a plan
 * creates or takes out of the plan. Writes of many entities go in transactions of at most 100,
 * sized before the first; every write to the partition touches the version (see versions.ts).
 */
import { TransactionAction, odata } from '@azure/data-tables';
import { ProgrammeDetails } from '../../shared/schemas';
import { ActivityEntity, StatusEntity, activityFromEntity, activityToEntity } from './entities';
import { AlreadyExistsError, EtagMismatchError, NotFoundError } from '../errors';
import { jsonOf, toParts } from './chunked-json';
import { checkEntitySize } from './entity-size';
import { PROGRAMS_PARTITION, ROW, partitionOf } from './keys';
import { ActivityRecord, Actor, PlanWrites, ProgramSummary } from './records';
import { ProgramHead } from './snapshots';
import { Tables } from './tables';
import { ProgrammeVersions } from './versions';

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

export class ProgrammeStore {
  constructor(
    private readonly tables: Tables,
    private readonly versions: ProgrammeVersions,
    private readonly clock: () => Date,
  ) {}

  async list(): Promise<ProgramSummary[]> {
    const rows = await this.tables.list<ProgramEntity>(
      'programs',
      odata`PartitionKey eq ${PROGRAMS_PARTITION}`,
    );
    return rows.map((r) => ({ id: r.rowKey, year: r.year, title: r.title }));
  }

  /** The programme by point read, with its version: the ETag every write to it changes. */
  async get(programId: string): Promise<ProgramHead | undefined> {
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

  async require(programId: string): Promise<ProgramSummary & { details: ProgramDetails }> {
    const program = await this.get(programId);
    if (!program) throw new NotFoundError(`No existe el programa «${programId}».`);
    return program;
  }

  /**
   * The programme's row as it will be written, sized (EntityTooLargeError when it cannot be): a
   * writer asks for it before writing anything else of the programme.
   */
  entity(summary: ProgramSummary, details: ProgramDetails): ProgramEntity {
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

  async save(summary: ProgramSummary, details: ProgramDetails): Promise<void> {
    const entity = this.entity(summary, details);
    try {
      await this.tables.run(() =>
        this.tables.clients.programs.upsertEntity(entity, 'Replace', this.tables.signal()),
      );
    } finally {
      this.versions.noteWrite(summary.id);
    }
  }

  /**
   * Changes the programme's details against the version `change` saw: when anything else wrote
   * the programme meanwhile (a status, a plan, another step), `change` runs again on what is
   * stored now, a few times at most. `change` sees undefined when there is no programme yet.
   */
  async update(
    programId: string,
    change: (
      current: ProgramHead | undefined,
    ) => Promise<{ summary: ProgramSummary; details: ProgramDetails }>,
    attempts = 5,
  ): Promise<ProgramSummary & { details: ProgramDetails }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(programId);
      const { summary, details } = await change(current);
      const entity = this.entity(summary, details);
      try {
        await this.tables.run(() =>
          current
            ? this.tables.clients.programs.updateEntity(entity, 'Replace', {
                etag: current.version,
                ...this.tables.signal(),
              })
            : this.tables.clients.programs.createEntity(entity, this.tables.signal()),
        );
        return { ...summary, details };
      } catch (error) {
        const raced = error instanceof EtagMismatchError || error instanceof AlreadyExistsError;
        if (!raced || attempt >= attempts) throw error;
      } finally {
        this.versions.noteWrite(programId);
      }
    }
  }

  async activities(programId: string): Promise<ActivityRecord[]> {
    const rows = await this.tables.list<ActivityEntity>(
      'activities',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map(activityFromEntity);
  }

  /** Applies a plan diff: activities first, then new and re-planned statuses (with ETags). */
  async applyPlan(programId: string, diff: PlanWrites, actor: Actor): Promise<void> {
    const writes =
      diff.activityWrites.length + diff.statusCreates.length + diff.plannedFlips.length;
    if (writes > 0)
      await this.versions.changing(programId, () => this.writePlan(programId, diff, actor));
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
}
