/**
 * «Traer el plan del servidor»: the edits that make a sheet's plan the server's without touching
 * what staff wrote. New activities become rows in their axis (the sheet's mark, the ID, the
 * formulas of the row above), activities the plan retired are marked «(retirada)» and struck
 * through (never deleted), changed ones get their description and months. Pure: the sheet as read
 * and the server's plan in, a list of edits out, which the Excel gateway applies in one batch.
 */
import { CellRange, parseCellAddress } from '../address';
import { MONTHS } from '../months';
import { Status, statusLabel } from '../status';
import { GridView, SheetGrid } from './grid';
import { classifyMonthCell } from './marks';
import { CronogramaRead, RETIRED_SUFFIX, SheetActivity } from './reader';

export interface ServerPlan {
  axes: readonly { number: number; name: string }[];
  activities: readonly {
    id: string;
    axis: number;
    description: string;
    period?: string;
    responsibleArea?: string;
    months: readonly number[];
    statuses?: Readonly<Record<string, { status: Status }>>;
  }[];
}

/** Edits in 0-based sheet coordinates, rows as they are once the inserts are made. */
export interface SheetEdit {
  /** Whole rows inserted before these rows (coordinates before any insert). */
  insertRows: { before: number; count: number }[];
  /** Values to write; `''` clears a cell. */
  values: { row: number; col: number; value: string | number }[];
  /** R1C1 formulas copied from the row above into new rows. */
  formulas: { row: number; col: number; formula: string }[];
  /** Fills to set (a mark drawn in colour) or clear (`null`: a bar the inserted row inherited). */
  fills: { row: number; col: number; colour: string | null }[];
  /** Rows struck through (retired) or restored, from `left` to `right`. */
  strike: { row: number; left: number; right: number; on: boolean }[];
  added: string[];
  retired: string[];
  restored: string[];
  updated: string[];
}

interface Input {
  read: CronogramaRead;
  grid: SheetGrid;
  /** The used range's formulas (R1C1), same shape as the grid's values. */
  formulasR1C1?: readonly (readonly string[])[];
  server: ServerPlan;
}

export function planCatchUp({ read, grid, formulasR1C1, server }: Input): SheetEdit {
  const view = new GridView(grid);
  const origin = { row: grid.origin?.row ?? 0, col: grid.origin?.col ?? 0 };
  const { columns } = read;
  const monthCols = [...columns.months];
  const monthColSet = new Set(columns.months.values());
  const span = cronogramaSpan(read);
  const mark = sheetMark(read, view, origin);
  const edit: SheetEdit = {
    insertRows: [],
    values: [],
    formulas: [],
    fills: [],
    strike: [],
    added: [],
    retired: [],
    restored: [],
    updated: [],
  };

  const inSheet = new Map(read.activities.map((a) => [a.id, a]));
  const retiredInSheet = new Map(read.retired.map((a) => [a.id, a]));
  const onServer = new Map(server.activities.map((a) => [a.id, a]));

  // Rows are placed after the last row of their axis; new axes after the last activity.
  const lastRowOfAxis = new Map<number, number>();
  for (const a of [...read.activities, ...read.retired]) {
    const last = lastSheetRow(a, view, origin);
    lastRowOfAxis.set(a.axis, Math.max(lastRowOfAxis.get(a.axis) ?? -1, last));
  }
  const endRow = Math.max(read.headerRow - 1, ...lastRowOfAxis.values()) + 1;
  const usesBanners = read.axes.some((a) => a.source === 'banner');

  type NewRow =
    | { kind: 'banner'; axis: { number: number; name: string } }
    | { kind: 'activity'; activity: ServerPlan['activities'][number]; firstOfAxis: boolean };
  const blocks = new Map<number, NewRow[]>();
  // Appended in place: copying the block on each row made a plan of n new rows cost n².
  const push = (before: number, row: NewRow) => {
    const rows = blocks.get(before);
    if (rows) rows.push(row);
    else blocks.set(before, [row]);
  };
  // The first axis of each number, as a search from the start would find it.
  const axisOf = new Map<number, ServerPlan['axes'][number]>();
  for (const x of server.axes) if (!axisOf.has(x.number)) axisOf.set(x.number, x);
  const newActivities = server.activities
    .filter((a) => !inSheet.has(a.id) && !retiredInSheet.has(a.id))
    .sort((x, y) => x.axis - y.axis || idIndex(x.id) - idIndex(y.id));
  let previousNewAxis: number | undefined;
  for (const activity of newActivities) {
    const known = lastRowOfAxis.get(activity.axis);
    const before = known !== undefined ? known + 1 : endRow;
    const firstOfAxis = known === undefined && previousNewAxis !== activity.axis;
    if (firstOfAxis && usesBanners)
      push(before, {
        kind: 'banner',
        axis: axisOf.get(activity.axis) ?? {
          number: activity.axis,
          name: '',
        },
      });
    push(before, { kind: 'activity', activity, firstOfAxis });
    if (known === undefined) previousNewAxis = activity.axis;
    edit.added.push(activity.id);
  }
  edit.insertRows = [...blocks].map(([before, rows]) => ({ before, count: rows.length }));
  const finalRow = (row: number) =>
    row + edit.insertRows.filter((b) => b.before <= row).reduce((n, b) => n + b.count, 0);

  // The columns written on each row so far, kept up to date from `edit.values` as it grows (a
  // filter of every value written, per new row, made a plan of n new rows cost n²).
  const writtenCols = new Map<number, Set<number>>();
  let indexedValues = 0;
  const writtenOn = (row: number): ReadonlySet<number> => {
    for (; indexedValues < edit.values.length; indexedValues++) {
      const v = edit.values[indexedValues]!;
      const cols = writtenCols.get(v.row);
      if (cols) cols.add(v.col);
      else writtenCols.set(v.row, new Set([v.col]));
    }
    return writtenCols.get(row) ?? new Set();
  };

  // New rows: written where they land, with the formulas of the row they were inserted below.
  for (const [before, rows] of [...blocks].sort((a, b) => a[0] - b[0])) {
    const template = before - 1;
    const first = finalRow(before) - rows.length;
    rows.forEach((newRow, i) => {
      const row = first + i;
      if (newRow.kind === 'banner') {
        const { number, name } = newRow.axis;
        edit.values.push({
          row,
          col: columns.activity + origin.col,
          value: `EJE ${number}. ${name}`.trim(),
        });
        return;
      }
      const a = newRow.activity;
      const put = (col: number | undefined, value: string | number | undefined) => {
        if (col !== undefined && value !== undefined && value !== '')
          edit.values.push({ row, col: col + origin.col, value });
      };
      put(columns.id, a.id);
      put(columns.activity, a.description);
      put(columns.period, a.period);
      put(columns.responsible, a.responsibleArea);
      const axisName = axisOf.get(a.axis)?.name ?? '';
      if (newRow.firstOfAxis || repeatsAxis(view, template - origin.row, columns.axisNumber))
        put(columns.axisNumber, a.axis);
      if (newRow.firstOfAxis || repeatsAxis(view, template - origin.row, columns.axisName))
        put(columns.axisName, axisName);
      for (const [month, col] of monthCols) {
        const planned = a.months.includes(month);
        const status = a.statuses?.[String(month)]?.status;
        if (planned) writeMark(edit, mark, row, col + origin.col, status);
        // The inserted row takes the formats of the row above it: a bar drawn in colour there is not ours.
        else if (mark.fill && view.style(template - origin.row, col)?.fill)
          edit.fills.push({ row, col: col + origin.col, colour: null });
      }
      const written = writtenOn(row);
      (formulasR1C1?.[template - origin.row] ?? []).forEach((formula, c) => {
        const col = c + origin.col;
        if (
          typeof formula === 'string' &&
          formula.startsWith('=') &&
          !written.has(col) &&
          !monthColSet.has(c)
        )
          edit.formulas.push({ row, col, formula });
      });
    });
  }

  // Activities of the sheet the server's plan retired: marked, never deleted.
  for (const a of read.activities) {
    if (onServer.has(a.id)) continue;
    const row = finalRow(a.row - 1);
    if (a.cells.id)
      edit.values.push({
        row,
        col: parseCellAddress(a.cells.id)!.col,
        value: `${a.id} ${RETIRED_SUFFIX}`,
      });
    edit.strike.push({ row, ...span, on: true });
    edit.retired.push(a.id);
  }
  // Retired in the sheet, planned again on the server: restored.
  for (const a of read.retired) {
    if (!onServer.has(a.id) || inSheet.has(a.id)) continue;
    const row = finalRow(a.row - 1);
    if (a.cells.id) edit.values.push({ row, col: parseCellAddress(a.cells.id)!.col, value: a.id });
    edit.strike.push({ row, ...span, on: false });
    edit.restored.push(a.id);
  }
  // Same activity, changed on the server: its description and months.
  const restored = new Set(edit.restored);
  for (const a of [...read.activities, ...read.retired.filter((r) => restored.has(r.id))]) {
    const theirs = onServer.get(a.id);
    if (!theirs) continue;
    const row = finalRow(a.row - 1);
    let changed = false;
    if (theirs.description !== a.description) {
      edit.values.push({
        row,
        col: parseCellAddress(a.cells.description)!.col,
        value: theirs.description,
      });
      changed = true;
    }
    for (const month of MONTHS) {
      const address = a.cells.months[month];
      if (!address) continue;
      const col = parseCellAddress(address)!.col;
      const planned = theirs.months.includes(month);
      if (planned && !a.months.includes(month)) {
        writeMark(edit, mark, row, col, theirs.statuses?.[String(month)]?.status);
        changed = true;
      } else if (!planned && a.months.includes(month)) {
        edit.values.push({ row, col, value: '' });
        if (view.style(a.row - 1 - origin.row, col - origin.col)?.fill)
          edit.fills.push({ row, col, colour: null });
        changed = true;
      }
    }
    if (changed) edit.updated.push(a.id);
  }
  return edit;
}

/** How the sheet marks a planned month: its most common written mark, or its bar colour when it marks by fill. */
interface Mark {
  text?: string | number;
  fill?: string;
}

function sheetMark(
  read: CronogramaRead,
  view: GridView,
  origin: { row: number; col: number },
): Mark {
  const texts = new Map<string | number, number>();
  const fills = new Map<string, number>();
  for (const a of read.activities)
    for (const m of a.months) {
      const p = parseCellAddress(a.cells.months[m])!;
      const value = view.value(p.row - origin.row, p.col - origin.col);
      const kind = classifyMonthCell(value).kind;
      if (kind === 'mark' && (typeof value === 'string' || typeof value === 'number'))
        texts.set(value, (texts.get(value) ?? 0) + 1);
      else if (kind === 'empty') {
        const fill = view.style(p.row - origin.row, p.col - origin.col)?.fill;
        if (fill) fills.set(fill, (fills.get(fill) ?? 0) + 1);
      }
    }
  const top = <T>(counts: Map<T, number>) => [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
  const fill = top(fills);
  const text = top(texts);
  if (fill && (text === undefined || (fills.get(fill) ?? 0) > (texts.get(text) ?? 0)))
    return { fill };
  return { text: text ?? '✓' };
}

function writeMark(edit: SheetEdit, mark: Mark, row: number, col: number, status?: Status): void {
  if (status && status !== 'pendiente') edit.values.push({ row, col, value: statusLabel(status) });
  else if (mark.text !== undefined) edit.values.push({ row, col, value: mark.text });
  if (mark.fill) edit.fills.push({ row, col, colour: mark.fill });
}

/** The columns the cronograma spans, for striking a retired row through. */
function cronogramaSpan(read: CronogramaRead): { left: number; right: number } {
  const cols = [
    read.columns.activity,
    read.columns.id,
    read.columns.axisNumber,
    read.columns.axisName,
    read.columns.period,
    read.columns.responsible,
    ...read.columns.months.values(),
  ].filter((c): c is number => c !== undefined);
  const first = read.activities[0] ?? read.retired[0];
  const shift = first ? parseCellAddress(first.cells.description)!.col - read.columns.activity : 0;
  return { left: Math.min(...cols) + shift, right: Math.max(...cols) + shift };
}

/** The last sheet row (0-based) an activity takes: a description merged down takes several. */
function lastSheetRow(
  a: SheetActivity,
  view: GridView,
  origin: { row: number; col: number },
): number {
  const p = parseCellAddress(a.cells.description)!;
  const merge: CellRange | undefined = view.merge(p.row - origin.row, p.col - origin.col);
  return merge ? merge.bottom + origin.row : p.row;
}

/** Whether the axis column holds its own value on this row (the sheet repeats the axis on every row). */
function repeatsAxis(view: GridView, row: number, col: number | undefined): boolean {
  return (
    col !== undefined &&
    row >= 0 &&
    view.raw(row, col) !== null &&
    view.raw(row, col) !== undefined &&
    view.raw(row, col) !== '' &&
    !view.merge(row, col)
  );
}

const idIndex = (id: string) => Number(id.split('.')[1]);
