/**
 * A ratified programme's reprogramaciones, newest first: each one row in its programme's
 * partition (who, when, why, the agreement, and what changed, compressed in parts since a change
 * may touch every activity). Written after the plan they describe, so a plan change is never
 * recorded without having happened.
 */
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { ReprogrammingRecord } from '../../shared/lifecycle';
import { fromParts, toParts } from './chunked-json';
import { checkEntitySize } from './entity-size';
import { checkKey, invertedTicks, partitionOf } from './keys';
import { Tables } from './tables';

type ReprogrammingEntity = {
  partitionKey: string;
  rowKey: string;
  at: string;
  by: string;
  reason: string;
  agreement: string;
  parts: number;
  [part: `part${number}`]: Uint8Array;
};

export class ReprogrammingStore {
  constructor(private readonly tables: Tables) {}

  /** The row a reprogramación will be, sized: a writer asks for it before changing the plan. */
  entity(programId: string, record: ReprogrammingRecord): ReprogrammingEntity {
    const { at, by, reason, agreement, changes } = record;
    const entity = {
      partitionKey: partitionOf(programId),
      rowKey: checkKey('RowKey', `r_${invertedTicks(new Date(at))}_${randomUUID().slice(0, 8)}`),
      at,
      by,
      reason,
      agreement,
      ...(toParts(changes) as { parts: number }),
    };
    checkEntitySize(entity);
    return entity;
  }

  async add(entity: ReprogrammingEntity): Promise<void> {
    await this.tables.run(() =>
      this.tables.clients.reprogrammings.createEntity(entity, this.tables.signal()),
    );
  }

  /** Newest first. */
  async list(programId: string): Promise<ReprogrammingRecord[]> {
    const rows = await this.tables.list<ReprogrammingEntity>(
      'reprogrammings',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map((row) => ({
      at: row.at,
      by: row.by,
      reason: row.reason,
      agreement: row.agreement,
      changes: fromParts(
        row as unknown as Record<string, unknown>,
      ) as ReprogrammingRecord['changes'],
    }));
  }
}
