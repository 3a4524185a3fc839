/** The ranges of a read cronograma the pane formats: its month block, each row's planned months. */
import { parseCellAddress } from '../../shared/address';
import type { CronogramaRead, SheetActivity } from '../../shared/cronograma/reader';

/** The block of month cells from the first activity to the last ("E6:P40"). */
export function monthBlock(read: CronogramaRead): string | undefined {
  if (read.activities.length === 0 || read.columns.months.size === 0) return undefined;
  const first = read.activities[0]!.cells.months;
  const last = read.activities[read.activities.length - 1]!.cells.months;
  const months = [...read.columns.months.keys()];
  return `${first[Math.min(...months) as 1]}:${last[Math.max(...months) as 12]}`;
}

/** Planned month cells of one activity row, as runs of adjacent columns ("F6:O6"), whatever the column order. */
export function monthRuns(activity: SheetActivity): string[] {
  const cells = activity.months
    .map((m) => activity.cells.months[m])
    .map((address) => ({ address, col: parseCellAddress(address)!.col }))
    .sort((a, b) => a.col - b.col);
  const runs: { from: string; to: string; col: number }[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last && cell.col === last.col + 1) Object.assign(last, { to: cell.address, col: cell.col });
    else runs.push({ from: cell.address, to: cell.address, col: cell.col });
  }
  return runs.map((r) => (r.from === r.to ? r.from : `${r.from}:${r.to}`));
}
