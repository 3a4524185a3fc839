/**
 * The session calendar: the whole calendar with its changes (compressed parts) and one row per
 * session, saved in one transaction; with an ETag, only over that version.
 */
import { TransactionAction, odata } from '@azure/data-tables';
import { SessionCalendar } from '../../shared/calendar/calendar';
import { jsonOf, toParts } from './chunked-json';
import { ROW, partitionOf } from './keys';
import { Actor } from './records';
import { Tables } from './tables';
import { ProgrammeVersions } from './versions';

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

const CALENDAR_ROW = 'calendar';

export class CalendarStore {
  constructor(
    private readonly tables: Tables,
    private readonly versions: ProgrammeVersions,
    private readonly clock: () => Date,
  ) {}

  async get(programId: string): Promise<{ calendar: SessionCalendar; etag: string } | undefined> {
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
  async save(
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
    const etags = await this.versions.changing(programId, () =>
      this.tables.submit('sessions', pk, actions),
    );
    return etags[0] as string;
  }
}
