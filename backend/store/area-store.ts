/**
 * The people of each responsible area of a programme (an activity's `responsibleArea`, e.g.
 * UTVOE): one row per area, its people as JSON (at most 50, each name and address bounded, so
 * the list fits one property).
 */
import { odata } from '@azure/data-tables';
import { Person } from '../../shared/reminders';
import { checkKey, partitionOf } from './keys';
import { Tables } from './tables';

type AreaEntity = {
  partitionKey: string;
  rowKey: string;
  area: string;
  people: string;
  updatedBy: string;
  updatedAt: string;
};

export interface AreaRecord {
  area: string;
  people: Person[];
  updatedBy: string;
  updatedAt: string;
}

/** Areas are the same whatever their case («utvoe» is UTVOE). */
const rowOf = (area: string) => checkKey('RowKey', area.toLowerCase());

export class AreaStore {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(programId: string): Promise<AreaRecord[]> {
    const rows = await this.tables.list<AreaEntity>(
      'areas',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map((r) => ({
      area: r.area,
      people: JSON.parse(r.people) as Person[],
      updatedBy: r.updatedBy,
      updatedAt: r.updatedAt,
    }));
  }

  /** Replaces the area's people (an empty list keeps the area, with nobody to remind). */
  async put(programId: string, area: string, people: Person[], by: string): Promise<AreaRecord> {
    const record = { area, people, updatedBy: by, updatedAt: this.clock().toISOString() };
    const entity: AreaEntity = {
      partitionKey: partitionOf(programId),
      rowKey: rowOf(area),
      ...record,
      people: JSON.stringify(people),
    };
    await this.tables.run(() =>
      this.tables.clients.areas.upsertEntity(entity, 'Replace', this.tables.signal()),
    );
    return record;
  }
}
