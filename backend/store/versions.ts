/**
 * A programme's version is its entity's ETag in `Programs`: every write to the programme's
 * partition ends by touching that entity, so readers' snapshots are scanned again (see
 * snapshots.ts for why the touch comes after the write). The programme, status and calendar
 * stores write through `changing`.
 */
import { NotFoundError } from '../errors';
import { PROGRAMS_PARTITION, ROW } from './keys';
import { SnapshotCache } from './snapshots';
import { Tables } from './tables';

export class ProgrammeVersions {
  /** Set once the snapshot cache exists (it reads through the stores that write through this). */
  snapshots?: SnapshotCache;

  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date,
  ) {}

  /** Gives the programme a new version after a write to its partition. */
  private async touch(programId: string): Promise<void> {
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
  async changing<T>(programId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      try {
        await this.touch(programId);
      } finally {
        this.snapshots?.noteWrite(programId);
      }
    }
  }

  /** This instance wrote the programme's own row (its version changed by that write itself). */
  noteWrite(programId: string): void {
    this.snapshots?.noteWrite(programId);
  }
}
