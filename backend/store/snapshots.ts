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
 *
 * Readers share version reads. A version read that began less than `freshMs` (1 s) ago serves
 * every reader without another one, unless this instance has written the programme since it
 * began: a reader always sees this instance's finished writes, and another instance's within
 * about a second. A version read runs in the background once the last is a quarter of that old
 * (0.25 s), well before it stops serving, so readers under load rarely wait. A reader who must
 * wait joins the next version read (one in flight at a time, one queued behind it, which starts
 * when it ends). Why a second's
 * grace: on Azurite, a point read waits behind every transaction of a running sync (≈ 0.2–0.5 s
 * each); on Azure, version reads take milliseconds and the grace rarely matters.
 */
import { SessionCalendar } from '../../shared/calendar/calendar';
import { ActivityRecord, ProgramSummary, StatusRecord } from './records';
import { ProgrammeDetails } from '../../shared/schemas';

export type ProgramHead = ProgramSummary & { details: ProgrammeDetails; version: string };

export interface SnapshotSource {
  /** The programme's entity by point read; undefined when there is none. */
  getProgram(programId: string): Promise<ProgramHead | undefined>;
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

  /**
   * The same for work that takes a while (a workbook): readers asking at once share one promise;
   * a failure is not kept, so the next reader tries again.
   */
  deriveAsync<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.derive(key, () =>
      make().catch((error: unknown) => {
        this.derived.delete(key);
        throw error;
      }),
    );
  }
}

export interface SnapshotOptions {
  /** Programmes kept (least recently read ones go first). */
  maxPrograms?: number;
  /** Longest a snapshot is trusted without a new scan, whatever its version says. */
  maxAgeMs?: number;
  /** How long a version read serves readers (0: every reader waits for its own). */
  freshMs?: number;
}

/** A finished version read: what it found and its place in the order of events. */
interface VersionCheck {
  head: ProgramHead | undefined;
  /** When it began (clock) and its sequence number (ordered with this instance's writes). */
  startedAt: number;
  seq: number;
}

/** Point reads of one programme's version: at most one in flight, and one queued behind it. */
class VersionReads {
  private running: Promise<VersionCheck> | undefined;
  private queued: Promise<VersionCheck> | undefined;
  constructor(
    private readonly readHead: () => Promise<VersionCheck>,
    private readonly onIdle: () => void,
  ) {}

  get idle(): boolean {
    return !this.running && !this.queued;
  }

  /** A version read that starts now, or as soon as the one in flight (begun earlier) ends. */
  read(): Promise<VersionCheck> {
    if (!this.running) return this.start();
    const ignore = () => undefined;
    return (this.queued ??= this.running.then(ignore, ignore).then(() => {
      this.queued = undefined;
      return this.start();
    }));
  }

  /** A version read unless one is already in flight or queued (the background refresh). */
  refresh(): void {
    if (this.idle) this.start().catch(() => undefined);
  }

  private start(): Promise<VersionCheck> {
    const read: Promise<VersionCheck> = this.readHead().finally(() => {
      if (this.running !== read) return;
      this.running = undefined;
      if (!this.queued) this.onIdle();
    });
    this.running = read;
    return read;
  }
}

export class SnapshotCache {
  private readonly entries = new Map<string, ProgramSnapshot>();
  private readonly loading = new Map<string, Promise<ProgramSnapshot>>();
  private readonly versionReads = new Map<string, VersionReads>();
  /** The latest finished version read of each programme that exists. */
  private readonly checks = new Map<string, VersionCheck>();
  /** The sequence number of this instance's last finished write to each programme. */
  private readonly writes = new Map<string, number>();
  private seq = 0;
  private readonly maxPrograms: number;
  private readonly maxAgeMs: number;
  private readonly freshMs: number;
  /** Partition scans made, for tests and the benchmark. */
  scans = 0;

  constructor(
    private readonly source: SnapshotSource,
    options: SnapshotOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.maxPrograms = options.maxPrograms ?? 16;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.freshMs = options.freshMs ?? 1000;
  }

  /** This instance finished a write to the programme: later readers need a later version read. */
  noteWrite(programId: string): void {
    this.writes.set(programId, ++this.seq);
    // Should the touch have failed (the version unchanged), the next reader still scans.
    this.entries.delete(programId);
  }

  /** The programme's current snapshot; undefined when the programme does not exist. */
  async read(programId: string): Promise<ProgramSnapshot | undefined> {
    const { head } = await this.currentVersion(programId);
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

  /** A version read fresh enough for a reader arriving now (see the header). */
  private async currentVersion(programId: string): Promise<VersionCheck> {
    const last = this.checks.get(programId);
    const age = last ? this.clock() - last.startedAt : Infinity;
    if (last && age < this.freshMs && last.seq > (this.writes.get(programId) ?? 0)) {
      if (age >= this.freshMs / 4) this.readsOf(programId).refresh();
      return last;
    }
    return this.readsOf(programId).read();
  }

  private readsOf(programId: string): VersionReads {
    let reads = this.versionReads.get(programId);
    if (!reads) {
      reads = new VersionReads(
        () => this.checkVersion(programId),
        () => this.versionReads.delete(programId),
      );
      this.versionReads.set(programId, reads);
    }
    return reads;
  }

  private async checkVersion(programId: string): Promise<VersionCheck> {
    const startedAt = this.clock();
    const seq = ++this.seq;
    const check: VersionCheck = { head: await this.source.getProgram(programId), startedAt, seq };
    if (!check.head) this.checks.delete(programId);
    else if ((this.checks.get(programId)?.seq ?? 0) < seq) this.checks.set(programId, check);
    return check;
  }

  private async load(head: ProgramHead): Promise<ProgramSnapshot> {
    this.scans++;
    const startedAt = this.clock();
    const seqAtStart = this.seq;
    const [activities, statuses, calendar] = await Promise.all([
      this.source.listActivities(head.id),
      this.source.listStatuses(head.id),
      this.source.getCalendar(head.id),
    ]);
    const snapshot = new ProgramSnapshot(head, activities, statuses, calendar, startedAt);
    // A write this instance finished during the scan may be half in it: its waiters get it, but
    // it is not kept. Should a slower scan of an older version land last, the next reader's
    // version check simply scans again.
    if ((this.writes.get(head.id) ?? 0) > seqAtStart) return snapshot;
    this.entries.delete(head.id);
    this.entries.set(head.id, snapshot);
    while (this.entries.size > this.maxPrograms) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.checks.delete(oldest);
      // `writes` is kept: a version read still in flight for `oldest` must not outrank a write
      // this instance finished (it only holds programmes this instance wrote, which exist).
    }
    return snapshot;
  }
}
