/**
 * «Sincronizar» as pure steps (the pane's synchronization of a workbook with the server; the
 * API's `sync` route is one of the calls it makes). From the sheet as read, what the workbook last
 * agreed on (the base) and the server's programme, each step says what to send and what to write
 * into the sheet; `PaneController` makes the calls between them and keeps the outcome in the
 * workbook. See the README's «The Excel add-in» for the three-way merge as staff see it.
 */
import type { PlanBody, SyncBody } from '../../shared/api/requests';
import type { Reprogramming } from '../../shared/lifecycle';
import type { ProgramView, SyncAnswer } from '../../shared/api/responses';
import { parseCellAddress } from '../../shared/address';
import type { CronogramaRead } from '../../shared/cronograma/reader';
import { planFromSheet } from '../../shared/cronograma/plan-from-sheet';
import { Status, STATUS_LABELS } from '../../shared/status';
import {
  PlanDecision,
  PlanSignature,
  decidePlan,
  planSignature,
} from '../../shared/sync/plan-merge';
import {
  BaseEntry,
  Conflict,
  MonthKey,
  TheirsEntry,
  monthKey,
  parseMonthKey,
  planMerge,
} from '../../shared/sync/three-way';
import type { CellWrite } from './excel-gateway';

/** Whether the sheet's plan goes to the server before the statuses. */
export interface PlanStep {
  decision: PlanDecision;
  /** Send the sheet's plan (`PUT …/plan`), then read the server's programme again. */
  send: boolean;
  /** The sheet's plan is the server's once this synchronization is through: it becomes the base plan. */
  agreed: boolean;
  /** The sheet's plan, activity by activity. */
  mine: PlanSignature;
  /**
   * The server's programme is ratified and the sheet's plan differs from it: sending it is a
   * reprogramación, which goes only with its reason and agreement (asked of the person).
   */
  reprogramming: boolean;
}

/**
 * The plan's three-way decision: the sheet's plan is sent when it changed here and not on the
 * server (or the server has none), or when the person asked to send it («Enviar el plan de esta
 * hoja») and it differs.
 */
export function planStep(
  read: CronogramaRead,
  basePlan: PlanSignature | undefined,
  server: ProgramView | undefined,
  options: { sendPlan?: boolean; reprogramming?: Reprogramming } = {},
): PlanStep {
  const mine = planSignature(read.activities);
  const decision = decidePlan(mine, basePlan, server && planSignature(server.activities));
  const send = decision.action === 'send' || (options.sendPlan && decision.action !== 'same');
  // A ratified plan changes only as a reprogramación: held until the person gives its agreement.
  const reprogramming = Boolean(send) && server?.status === 'ratificado';
  if (reprogramming && !options.reprogramming)
    return { decision, send: false, agreed: false, mine, reprogramming };
  return {
    decision,
    send: Boolean(send),
    agreed: decision.action === 'same' || decision.action === 'send' || options.sendPlan === true,
    mine,
    reprogramming,
  };
}

/** The sheet's plan as the plan route takes it (`fallbackYear` where the sheet names none). */
export function planOf(read: CronogramaRead, fallbackYear: number): PlanBody {
  const plan = planFromSheet(read);
  return { ...plan, year: plan.year ?? fallbackYear };
}

/** The statuses' three-way merge: what to send, what to write into the sheet, what to settle. */
export interface StatusStep {
  /** The sheet's status of every planned month. */
  mine: Map<MonthKey, Status>;
  /** The base, moved where the sheet and the server already agree. */
  base: Map<MonthKey, BaseEntry>;
  /** For the sync route: changed here and not there, each with its base ETag. */
  changes: SyncBody['changes'];
  /** Changed there and not here: written into the sheet. */
  toSheet: { key: MonthKey; status: Status }[];
  writes: CellWrite[];
  /** Changed on both sides: the person chooses. */
  conflicts: Conflict[];
}

export function statusStep(
  read: CronogramaRead,
  base: ReadonlyMap<MonthKey, BaseEntry>,
  server: ProgramView,
): StatusStep {
  const mine = mineOf(read);
  const merge = planMerge(mine, base, theirsOf(server));
  const next = new Map(base);
  for (const [k, b] of merge.newBase) next.set(k, b);
  return {
    mine,
    base: next,
    changes: merge.send.map((s) => ({
      ...parseMonthKey(s.key),
      status: s.status,
      baseEtag: s.baseEtag,
    })),
    toSheet: merge.toSheet,
    writes: writesFor(read, merge.toSheet),
    conflicts: [...merge.conflicts],
  };
}

/** The sync route's answer folded in: applied changes move the base, refused ones are conflicts. */
export function withAnswer(
  step: StatusStep,
  answer: SyncAnswer,
): { base: Map<MonthKey, BaseEntry>; conflicts: Conflict[]; sent: number } {
  const base = new Map(step.base);
  for (const a of answer.applied) {
    const key = monthKey(a.activityId, a.month);
    base.set(key, { status: step.mine.get(key)!, etag: a.etag });
  }
  const conflicts = [...step.conflicts];
  for (const c of answer.conflicts) {
    const key = monthKey(c.activityId, c.month);
    conflicts.push({ key, mine: step.mine.get(key)!, theirs: c.current, base: base.get(key) });
  }
  return { base, conflicts, sent: answer.applied.length };
}

/** Month statuses in the sheet that differ from the base: what a synchronization would send. */
export function pendingChanges(
  read: CronogramaRead,
  base: ReadonlyMap<MonthKey, BaseEntry>,
): number {
  let pending = 0;
  for (const [key, status] of mineOf(read)) {
    const b = base.get(key);
    if (b ? b.status !== status : status !== 'pendiente') pending++;
  }
  return pending;
}

/** Statuses written into the sheet's month cells (a pending month as a bare «✓»). */
export function writesFor(
  read: CronogramaRead,
  toSheet: readonly { key: MonthKey; status: Status }[],
): CellWrite[] {
  const byId = new Map(read.activities.map((a) => [a.id, a]));
  return toSheet.flatMap(({ key, status }) => {
    const { activityId, month } = parseMonthKey(key);
    const address = byId.get(activityId)?.cells.months[month as 1];
    const position = address ? parseCellAddress(address) : undefined;
    return position ? [{ row: position.row, col: position.col, value: cellLabel(status) }] : [];
  });
}

const cellLabel = (status: Status) => (status === 'pendiente' ? '✓' : STATUS_LABELS[status]);

function mineOf(read: CronogramaRead): Map<MonthKey, Status> {
  const mine = new Map<MonthKey, Status>();
  for (const a of read.activities)
    for (const m of a.months) mine.set(monthKey(a.id, m), a.statuses[m] ?? 'pendiente');
  return mine;
}

function theirsOf(program: ProgramView): Map<MonthKey, TheirsEntry> {
  const theirs = new Map<MonthKey, TheirsEntry>();
  for (const a of program.activities)
    for (const [m, s] of Object.entries(a.statuses)) theirs.set(monthKey(a.id, Number(m)), s);
  return theirs;
}
