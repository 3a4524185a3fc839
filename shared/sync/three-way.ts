/**
 * Sync as a three-way merge (the README's «The Excel add-in»): the sheet (*mine*), what the workbook last agreed on
 * with the server (*base*: status and ETag per planned month), and the server (*theirs*).
 * Pure: the three in, what to send, what to write into the sheet, and what the user settles out.
 * Nobody's edit is dropped silently; running it again after an interruption is always safe.
 */
import { Status } from '../status';

/** "2.3|4": activity 2.3, April. */
export type MonthKey = string;
export const monthKey = (activityId: string, month: number): MonthKey => `${activityId}|${month}`;
export function parseMonthKey(key: MonthKey): { activityId: string; month: number } {
  const [activityId, month] = key.split('|');
  return { activityId: activityId as string, month: Number(month) };
}

export interface BaseEntry {
  status: Status;
  etag: string;
}

export interface TheirsEntry extends BaseEntry {
  note?: string;
  evidence?: string;
  updatedBy?: string;
  updatedAt?: string;
}

export interface Send {
  key: MonthKey;
  status: Status;
  baseEtag: string;
}

export interface Conflict {
  key: MonthKey;
  mine: Status;
  theirs: TheirsEntry;
  base?: BaseEntry;
}

export interface MergePlan {
  /** Mine changed, theirs did not: send with the base ETag. */
  send: Send[];
  /** Theirs changed, mine did not: write theirs into the sheet. */
  toSheet: { key: MonthKey; status: Status }[];
  /** Both changed to different values: the user chooses. */
  conflicts: Conflict[];
  /** Where mine and theirs already agree, the base moves to theirs. */
  newBase: Map<MonthKey, BaseEntry>;
}

/**
 * `mine` holds every planned month of the sheet (a bare mark is `pendiente`); `theirs` every
 * planned month on the server. Months only in one of them are a plan difference, synced with the
 * plan, not here. A month never synced before has no base: when theirs is still `pendiente` the base
 * is taken as that, so an offline edit of a fresh sheet is sent, not lost; when theirs has a status,
 * a bare mark takes it and any other status is a conflict.
 */
export function planMerge(
  mine: ReadonlyMap<MonthKey, Status>,
  base: ReadonlyMap<MonthKey, BaseEntry>,
  theirs: ReadonlyMap<MonthKey, TheirsEntry>,
): MergePlan {
  const plan: MergePlan = { send: [], toSheet: [], conflicts: [], newBase: new Map() };
  for (const [key, t] of theirs) {
    const m = mine.get(key);
    if (m === undefined) continue;
    const b =
      base.get(key) ??
      (t.status === 'pendiente' ? { status: 'pendiente' as Status, etag: t.etag } : undefined);
    if (m === t.status) {
      plan.newBase.set(key, { status: t.status, etag: t.etag });
      continue;
    }
    if (!b) {
      // Never synced: a bare mark says nothing yet, so theirs comes in; a status is the user's word against theirs.
      if (m === 'pendiente') {
        plan.toSheet.push({ key, status: t.status });
        plan.newBase.set(key, { status: t.status, etag: t.etag });
      } else plan.conflicts.push({ key, mine: m, theirs: t });
      continue;
    }
    const mineChanged = m !== b.status;
    const theirsChanged = t.etag !== b.etag && t.status !== b.status;
    if (mineChanged && !theirsChanged) plan.send.push({ key, status: m, baseEtag: t.etag });
    else if (!mineChanged && theirsChanged) {
      plan.toSheet.push({ key, status: t.status });
      plan.newBase.set(key, { status: t.status, etag: t.etag });
    } else plan.conflicts.push({ key, mine: m, theirs: t, base: b });
  }
  return plan;
}

/** Settling a conflict: keep mine (send it over theirs' ETag) or take theirs (write it into the sheet). */
export function resolveConflict(
  conflict: Conflict,
  choice: 'mine' | 'theirs',
): { send?: Send; toSheet?: { key: MonthKey; status: Status }; base?: BaseEntry } {
  if (choice === 'mine')
    return { send: { key: conflict.key, status: conflict.mine, baseEtag: conflict.theirs.etag } };
  return {
    toSheet: { key: conflict.key, status: conflict.theirs.status },
    base: { status: conflict.theirs.status, etag: conflict.theirs.etag },
  };
}
