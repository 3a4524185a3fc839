/**
 * Whether a sync may send the sheet's plan. The plan is three-way too: the sheet (*mine*), the
 * plan last agreed with the server (*base*) and the server's (*theirs*), compared activity by
 * activity. Only a plan that changed here and not there is sent on its own: sending an older copy
 * of the workbook must never retire activities someone else added.
 */
export type PlanSignature = Record<string, string>;

export interface PlanDecision {
  action: 'same' | 'send' | 'theirs-changed' | 'diverged';
  onlyHere: string[];
  onlyThere: string[];
  different: string[];
}

export function planSignature(
  activities: readonly {
    id: string;
    axis: number;
    description: string;
    months: readonly number[];
  }[],
): PlanSignature {
  return Object.fromEntries(
    activities.map((a) => [
      a.id,
      `${a.axis}|${a.description}|${[...a.months].sort((x, y) => x - y).join(',')}`,
    ]),
  );
}

const differs = (a: PlanSignature, b: PlanSignature) =>
  Object.keys(a).length !== Object.keys(b).length ||
  Object.entries(a).some(([id, sig]) => b[id] !== sig);

export function decidePlan(
  mine: PlanSignature,
  base: PlanSignature | undefined,
  theirs: PlanSignature | undefined,
): PlanDecision {
  if (!theirs) return { action: 'send', onlyHere: Object.keys(mine), onlyThere: [], different: [] };
  const detail = {
    onlyHere: Object.keys(mine).filter((id) => !(id in theirs)),
    onlyThere: Object.keys(theirs).filter((id) => !(id in mine)),
    different: Object.keys(mine).filter((id) => id in theirs && theirs[id] !== mine[id]),
  };
  if (!differs(mine, theirs)) return { action: 'same', ...detail };
  // Never agreed on a plan: which side is newer cannot be known, so the user decides.
  if (!base) return { action: 'diverged', ...detail };
  const mineChanged = differs(mine, base);
  const theirsChanged = differs(theirs, base);
  if (mineChanged && !theirsChanged) return { action: 'send', ...detail };
  if (!mineChanged && theirsChanged) return { action: 'theirs-changed', ...detail };
  return { action: 'diverged', ...detail };
}
