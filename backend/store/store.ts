/**
 * The storage layer, one repository per aggregate over the same tables: programmes and their
 * plans, month statuses and their history, the session calendar, idempotency keys, members,
 * calendar feeds and export sets — and the snapshots readers are served from. Key design
 * (partition = programme) in the README. Nothing here knows HTTP; the services use it.
 */
import { CalendarStore } from './calendar-store';
import { ExportStore } from './export-store';
import { FeedStore } from './feed-store';
import { IdempotencyStore } from './idempotency-store';
import { MemberStore } from './member-store';
import { ProgrammeStore } from './programme-store';
import { ReportStore } from './report-store';
import { AreaStore } from './area-store';
import { ReminderStore } from './reminder-store';
import { ReprogrammingStore } from './reprogramming-store';
import { SnapshotCache, SnapshotOptions, SnapshotSource } from './snapshots';
import { StatusStore } from './status-store';
import { StoreSettings, Tables } from './tables';
import { ProgrammeVersions } from './versions';

export class Store {
  readonly tables: Tables;
  /** Programmes (their row is their version) and their plans. */
  readonly programmes: ProgrammeStore;
  /** Month statuses and their history. */
  readonly statuses: StatusStore;
  /** Session calendars. */
  readonly calendars: CalendarStore;
  /** A ratified plan's changes (reprogramaciones). */
  readonly reprogrammings: ReprogrammingStore;
  /** Periodic reports, frozen. */
  readonly reports: ReportStore;
  /** The people of each responsible area. */
  readonly areas: AreaStore;
  /** Reminders sent, opt-outs. */
  readonly reminders: ReminderStore;
  /** Answers kept by idempotency key (syncs). */
  readonly idempotency: IdempotencyStore;
  /** Programme memberships. */
  readonly members: MemberStore;
  /** Subscribable calendar URLs (hashed tokens). */
  readonly feeds: FeedStore;
  /** Export sets: files in Blob storage, the published run of each day in a table. */
  readonly exports: ExportStore;
  /** What readers are served: one scan per programme version (see snapshots). */
  readonly snapshots: SnapshotCache;
  /** What a snapshot is read from (the programme's version, plan, statuses and calendar). */
  readonly snapshotSource: SnapshotSource;

  constructor(
    settings: StoreSettings & { snapshots?: SnapshotOptions },
    clock: () => Date = () => new Date(),
  ) {
    this.tables = new Tables(settings);
    const versions = new ProgrammeVersions(this.tables, clock);
    this.programmes = new ProgrammeStore(this.tables, versions, clock);
    this.statuses = new StatusStore(this.tables, versions, clock);
    this.calendars = new CalendarStore(this.tables, versions, clock);
    this.reprogrammings = new ReprogrammingStore(this.tables);
    this.reports = new ReportStore(this.tables);
    this.areas = new AreaStore(this.tables, clock);
    this.reminders = new ReminderStore(this.tables, clock);
    this.idempotency = new IdempotencyStore(this.tables, clock);
    this.members = new MemberStore(this.tables, clock);
    this.feeds = new FeedStore(this.tables, clock);
    this.exports = new ExportStore(settings, this.tables, clock);
    this.snapshotSource = {
      getProgram: (id) => this.programmes.get(id),
      listActivities: (id) => this.programmes.activities(id),
      listStatuses: (id) => this.statuses.list(id),
      getCalendar: (id) => this.calendars.get(id),
    };
    this.snapshots = new SnapshotCache(this.snapshotSource, settings.snapshots);
    versions.snapshots = this.snapshots;
  }

  /** Storage requests made (the benchmark reports them). */
  get requestCount(): number {
    return this.tables.counter.count;
  }

  ensureTables(): Promise<void> {
    return this.tables.ensureTables();
  }

  ping(): Promise<void> {
    return this.tables.ping();
  }
}
