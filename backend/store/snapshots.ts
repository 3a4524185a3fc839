/**
 * Per-programme read snapshots: a programme's activities, statuses and calendar, read once and
 * served to every reader until the programme's version changes. A read costs one point read of
 * the programme's entity (its ETag is the version); only a changed version scans the partition
 * again, and concurrent readers of one version share that one scan.
 *
 * Why this is safe: every write to a programme's partition ends by touching the programme's
 * entity (a new ETag). A snapshot is filed under the version read *before* its scan, so a write
 * the scan missed necessarily touches the entity after that version was read: the next reader
 * sees a different version and scans again. A writer that dies between its write and the touch
 * would leave a stale snapshot; `maxAgeMs` bounds how long.
 */
import { SessionCalendar } from '../../shared/calendar/calendar';
import { ActivityRecord, ProgramSummary, StatusRecord } from './records';
import type { ProgramDetails } from './program-store';

export type ProgramHead = ProgramSummary & { details: ProgramDetails; version: string };

export interface SnapshotSource {
  /** The programme's entity by point read; undefined when there is none. */
  programHead(programId: string): Promise<ProgramHead | undefined>;
  listActivities(programId: string): Promise<ActivityRecord[]>;
  listStatuses(programId: string): Promise<StatusRecord[]>;
  getCalendar(programId: string): Promise<{ calendar: SessionCalendar; etag: string } | undefined>;
}

export class ProgramSnapshot {
  private readonly derived = new Map<string, unknown>();
  constructor(
    readonly program: ProgramHead,
    readonly activities: readonly ActivityRecord[],
    readonly statuses: readonly StatusRecord[],
    readonly calendar: { calendar: SessionCalendar; etag: string } | undefined,
    readonly loadedAt: number,
  ) {}

  get version(): string {
    return this.program.version;
  }

  /** A value computed from this snapshot (the API's view, its JSON text), once per snapshot. */
  derive<T>(key: string, make: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, make());
    return this.derived.get(key) as T;
  }
}

export interface SnapshotOptions {
  /** Programmes kept (least recently read ones go first). */
  maxPrograms?: number;
  /** Longest a snapshot is trusted without a new scan, whatever its version says. */
  maxAgeMs?: number;
}

export class SnapshotCache {
  private readonly entries = new Map<string, ProgramSnapshot>();
  private readonly loading = new Map<string, Promise<ProgramSnapshot>>();
  private readonly maxPrograms: number;
  private readonly maxAgeMs: number;
  /** Partition scans made, for tests and the benchmark. */
  scans = 0;

  constructor(
    private readonly source: SnapshotSource,
    options: SnapshotOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.maxPrograms = options.maxPrograms ?? 16;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
  }

  /** The programme's current snapshot; undefined when the programme does not exist. */
  async read(programId: string): Promise<ProgramSnapshot | undefined> {
    const head = await this.source.programHead(programId);
    if (!head) {
      this.entries.delete(programId);
      return undefined;
    }
    const cached = this.entries.get(programId);
    if (
      cached &&
      cached.version === head.version &&
      this.clock() - cached.loadedAt < this.maxAgeMs
    ) {
      // Most recently read last: eviction takes the first.
      this.entries.delete(programId);
      this.entries.set(programId, cached);
      return cached;
    }
    const key = `${programId}\n${head.version}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(head).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async load(head: ProgramHead): Promise<ProgramSnapshot> {
    this.scans++;
    const [activities, statuses, calendar] = await Promise.all([
      this.source.listActivities(head.id),
      this.source.listStatuses(head.id),
      this.source.getCalendar(head.id),
    ]);
    const snapshot = new ProgramSnapshot(head, activities, statuses, calendar, this.clock());
    // Should a slower scan of an older version land last, the next reader's version check
    // simply scans again.
    this.entries.delete(head.id);
    this.entries.set(head.id, snapshot);
    while (this.entries.size > this.maxPrograms) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return snapshot;
  }
}
