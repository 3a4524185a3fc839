/**
 * What the pane keeps in the workbook's settings (saved with the file, so it travels with the
 * workbook): the connection, which sheets are already formatted, and the state of
 * synchronization — the *base* (the status and ETag last agreed with the server for each planned
 * month), the plan last agreed, and the idempotency key of a call to the sync route whose answer
 * has not arrived yet, with the fingerprint of the changes it was for. Tokens are never kept here.
 */
import type { SyncBody } from '../../shared/api/requests';
import type { PlanSignature } from '../../shared/sync/plan-merge';
import type { BaseEntry, MonthKey } from '../../shared/sync/three-way';
import type { Status } from '../../shared/status';

/** The workbook's settings, as the gateway gives them (Office's `Settings`). */
export interface WorkbookSettings {
  get<T>(key: string): T | undefined;
  set(values: Record<string, unknown>): Promise<void>;
}

export interface Connection {
  baseUrl: string;
  programId: string;
}

/** The settings' names (kept as they are: workbooks already carry them). */
export const SETTING_KEYS = {
  basePlan: 'pat.basePlan',
  connection: 'pat.connection',
  base: 'pat.base',
  syncKey: 'pat.pendingSyncKey',
  formatted: 'pat.formattedSheets',
  lastSync: 'pat.lastSync',
} as const;

interface StoredBase {
  programId: string;
  entries: Record<MonthKey, [Status, string]>;
}

interface StoredPlan {
  programId: string;
  activities: PlanSignature;
}

interface PendingSyncKey {
  key: string;
  /** The changes the key was sent for, as JSON. */
  changes: string;
}

/** What the workbook remembers once a synchronization went through. */
export interface Settled {
  programId: string;
  base: ReadonlyMap<MonthKey, BaseEntry>;
  /** The plan now agreed with the server; undefined when it was held back (the base plan stays). */
  agreedPlan?: PlanSignature;
  at: Date;
}

export class WorkbookState {
  constructor(private readonly settings: WorkbookSettings) {}

  connection(): Connection | undefined {
    return this.settings.get<Connection>(SETTING_KEYS.connection);
  }

  saveConnection(connection: Connection): Promise<void> {
    return this.settings.set({ [SETTING_KEYS.connection]: connection });
  }

  /** The status and ETag last agreed per planned month (empty for another programme). */
  base(programId: string): Map<MonthKey, BaseEntry> {
    const stored = this.settings.get<StoredBase>(SETTING_KEYS.base);
    if (!stored || stored.programId !== programId) return new Map();
    return new Map(
      Object.entries(stored.entries).map(([k, [status, etag]]) => [k, { status, etag }]),
    );
  }

  /** The plan last agreed with the server, activity by activity (undefined: never agreed). */
  basePlan(programId: string): PlanSignature | undefined {
    const stored = this.settings.get<StoredPlan>(SETTING_KEYS.basePlan);
    return stored?.programId === programId ? stored.activities : undefined;
  }

  saveBase(programId: string, base: ReadonlyMap<MonthKey, BaseEntry>): Promise<void> {
    return this.settings.set(baseValues(programId, base));
  }

  saveBasePlan(programId: string, activities: PlanSignature): Promise<void> {
    return this.settings.set(basePlanValues(programId, activities));
  }

  /**
   * The idempotency key for sending exactly `changes`, kept in the workbook before the call
   * leaves and until its answer arrives: a synchronization run again after an interruption replays
   * it; different changes (the first ones landed, or the user edited more) get a key of their own,
   * never one the server already answered for others.
   */
  async idempotencyKeyFor(changes: SyncBody['changes'], newKey: () => string): Promise<string> {
    const pending = this.settings.get<PendingSyncKey>(SETTING_KEYS.syncKey);
    const fingerprint = JSON.stringify(changes);
    const key = pending?.changes === fingerprint ? pending.key : newKey();
    await this.settings.set({
      [SETTING_KEYS.syncKey]: { key, changes: fingerprint } satisfies PendingSyncKey,
    });
    return key;
  }

  /** After a synchronization, in one write: the new base, the plan agreed, no key pending, when. */
  settle({ programId, base, agreedPlan, at }: Settled): Promise<void> {
    return this.settings.set({
      ...baseValues(programId, base),
      ...(agreedPlan ? basePlanValues(programId, agreedPlan) : {}),
      [SETTING_KEYS.syncKey]: null,
      [SETTING_KEYS.lastSync]: at.toISOString(),
    });
  }

  /** Sheets that already have the status colours and the highlight rule. */
  formattedSheets(): string[] {
    return this.settings.get<string[]>(SETTING_KEYS.formatted) ?? [];
  }

  markFormatted(sheet: string): Promise<void> {
    return this.settings.set({ [SETTING_KEYS.formatted]: [...this.formattedSheets(), sheet] });
  }
}

function baseValues(
  programId: string,
  base: ReadonlyMap<MonthKey, BaseEntry>,
): Record<string, unknown> {
  return {
    [SETTING_KEYS.base]: {
      programId,
      entries: Object.fromEntries([...base].map(([k, b]) => [k, [b.status, b.etag]])),
    } satisfies StoredBase,
  };
}

function basePlanValues(programId: string, activities: PlanSignature): Record<string, unknown> {
  return { [SETTING_KEYS.basePlan]: { programId, activities } satisfies StoredPlan };
}
