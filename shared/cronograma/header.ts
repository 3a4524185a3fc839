import { Month, isMonth, parseMonth } from '../months';
import { fold } from '../text';
import { parseAxisNumber } from './axis-text';
import { GridView } from './grid';
import { dateFromSerial, isDateFormat } from './number-format';

/** Where the cronograma's columns are. Column indexes are 0-based grid columns. */
export interface CronogramaColumns {
  axisNumber?: number;
  axisName?: number;
  activity: number;
  /** The activity number (`2.3`): an `ID`/`Clave` column, or a `No.` column holding such numbers. */
  id?: number;
  period?: number;
  responsible?: number;
  /** Columns staff add that are not ours to read (Total, Observaciones …): never a mark, never stray text. */
  extra: number[];
  /** Grid column of each month found in the header (its planned half, where months are split). */
  months: Map<Month, number>;
  /**
   * Where each month is split into a planned and an executed column («P»/«E», «Programado»/
   * «Realizado» under the month's name): the executed column, whose marks mean done.
   */
  executed?: Map<Month, number>;
}

/**
 * How the header names its months; `periods`: it has none, and each activity's months come from
 * its «Periodo de ejecución» (a programme kept as its chapter VII tables).
 */
export type MonthHeaderKind = 'names' | 'dates' | 'numbers' | 'periods';

export interface HeaderFound {
  /** Grid row of the month names (Ene .. Dic); of the labels, where there are no months. */
  monthRow: number;
  monthKind: MonthHeaderKind;
  columns: CronogramaColumns;
  year?: number;
  duplicateMonthCells: { month: Month; row: number; col: number }[];
  /** Grid row of the «P | E» labels under split months; activities start below it. */
  splitRow?: number;
}

export type HeaderSearch =
  | { found: true; header: HeaderFound }
  | { found: false; reason: 'no_month_row' | 'no_activity_column'; monthRow?: number };

/** How far down the header may start (titles, logos and notes come first). */
const HEADER_SEARCH_ROWS = 40;
/** Label rows may sit this many rows above the month row (merged "No." over trimester rows). */
const LABEL_ROWS_ABOVE = 4;
const MIN_MONTHS_IN_HEADER = 6;

type Label =
  'axisNumber' | 'axisName' | 'activity' | 'id' | 'period' | 'responsible' | 'total' | 'notes';

const LABEL_PATTERNS: [Label, RegExp][] = [
  [
    'activity',
    /^(actividad(es)?( a realizar| programadas?)?|acciones( a supervisar| a realizar)?|descripcion( de la actividad)?|nombre de la actividad)$/,
  ],
  ['axisName', /^(ejes?( de accion| tematicos?| estrategicos?)?|nombre del eje)$/],
  // A number column holds the axis (1, 2 …) or the activity (2.3): its content decides.
  ['axisNumber', /^(no\.?|num\.?|numero|n°|nº|no\. de eje|#)$/],
  ['id', /^(id|clave|clave de (la )?actividad|id de (la )?actividad)$/],
  ['period', /^(periodo( de ejecucion)?|temporalidad)$/],
  ['responsible', /^((area|unidad) )?responsables?$|^area ejecutora$/],
  ['total', /^(total(es)?( de meses)?|suma|no\. de meses|numero de meses)$/],
  ['notes', /^(observaciones|notas|comentarios)$/],
];

export function labelOf(text: string): Label | undefined {
  const key = fold(text);
  return LABEL_PATTERNS.find(([, pattern]) => pattern.test(key))?.[0];
}

/** Where a summary table starts below the cronograma: reading stops there. */
export const SUMMARY_START =
  /^(total(es)?( generale?s?| por mes| por eje| de actividades| de meses)?|suma( total)?|resumen\b.*|tabla resumen\b.*|concentrado\b.*)$/;

/** A band over numbered month columns ("MESES"). */
const MONTH_BAND = /^(meses|mes|meses del ano( \d{4})?)$/;

/** "Ene", "ENE.", "Enero", "Setiembre", and with a year as staff type it: "ene-21", "Enero 2021". */
export function parseMonthHeader(text: string): { month: Month; year?: number } | undefined {
  const match = /^(.*?)[\s\-/.']*(\d{2}|\d{4})?$/.exec(text.trim());
  const month = parseMonth(match?.[1] ?? text) ?? parseMonth(text);
  if (month === undefined) return undefined;
  const digits = match?.[2];
  if (!digits || parseMonth(text) !== undefined) return { month };
  const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
  return { month, year };
}

/** The month (and year) a header cell names: a Spanish month name, or a date shown as a month. */
function monthOfCell(
  view: GridView,
  row: number,
  col: number,
): { month: Month; year?: number } | undefined {
  const value = view.value(row, col);
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number' && isDateFormat(view.numberFormat(row, col))
        ? dateFromSerial(value)
        : undefined;
  if (date) return { month: (date.getUTCMonth() + 1) as Month, year: date.getUTCFullYear() };
  return typeof value === 'string' ? parseMonthHeader(value) : undefined;
}

interface MonthCells {
  kind: MonthHeaderKind;
  cols: Map<Month, number[]>;
  years: number[];
}

/** Month columns of a row named by text or dates. */
function namedMonths(view: GridView, row: number): MonthCells {
  const cols = new Map<Month, number[]>();
  const years: number[] = [];
  let dates = 0;
  for (let c = 0; c < view.colCount; c++) {
    if (view.isMergeContinuation(row, c)) continue;
    const found = monthOfCell(view, row, c);
    if (!found) continue;
    cols.set(found.month, [...(cols.get(found.month) ?? []), c]);
    if (found.year !== undefined) years.push(found.year);
    if (typeof view.value(row, c) !== 'string') dates++;
  }
  return { kind: dates > cols.size / 2 ? 'dates' : 'names', cols, years };
}

/** Month columns numbered 1 … 12 under a «Meses» band: at least six, increasing left to right. */
function numberedMonths(view: GridView, row: number): MonthCells | undefined {
  const cols = new Map<Month, number[]>();
  let last = 0;
  for (let c = 0; c < view.colCount; c++) {
    if (view.isMergeContinuation(row, c)) continue;
    const text = view.text(row, c);
    if (text === '') continue;
    const n = Number(text);
    if (!isMonth(n) || n <= last) continue;
    cols.set(n, [c]);
    last = n;
  }
  if (cols.size < MIN_MONTHS_IN_HEADER) return undefined;
  for (let r = row - 1; r >= Math.max(0, row - 3); r--)
    for (let c = 0; c < view.colCount; c++)
      if (MONTH_BAND.test(fold(view.text(r, c)))) return { kind: 'numbers', cols, years: [] };
  return undefined;
}

function monthsOfRow(view: GridView, row: number): MonthCells | undefined {
  const named = namedMonths(view, row);
  if (named.cols.size >= MIN_MONTHS_IN_HEADER) return named;
  return numberedMonths(view, row);
}

/**
 * Whether a row repeats the month header (where a printed page began): it names at least six
 * months, or, when the header numbers its months, it holds those numbers in the same columns.
 */
export function isMonthHeaderRow(view: GridView, row: number, header?: HeaderFound): boolean {
  if (namedMonths(view, row).cols.size >= MIN_MONTHS_IN_HEADER) return true;
  if (header?.monthKind !== 'numbers') return false;
  let matches = 0;
  for (const [month, col] of header.columns.months)
    if (view.text(row, col) === String(month)) matches++;
  return matches >= MIN_MONTHS_IN_HEADER;
}

/** Finds the cronograma's header wherever it is in the first rows of the sheet. */
export function findHeader(view: GridView): HeaderSearch {
  const lastRow = Math.min(view.rowCount, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const found = monthsOfRow(view, row);
    if (!found) continue;

    const months = new Map<Month, number>();
    const duplicateMonthCells: HeaderFound['duplicateMonthCells'] = [];
    for (const [month, cols] of [...found.cols].sort((a, b) => a[0] - b[0])) {
      months.set(month, cols[0] as number);
      for (const col of cols.slice(1)) duplicateMonthCells.push({ month, row, col });
    }

    const split = splitMonths(view, row, months);
    const monthCols = new Set([...months.values(), ...(split?.executed.values() ?? [])]);
    const candidates = findLabels(view, row, monthCols);
    const activity = candidates.activity?.[0];
    if (activity === undefined)
      return { found: false, reason: 'no_activity_column', monthRow: row };
    const extra = [...(candidates.total ?? []), ...(candidates.notes ?? [])];
    return {
      found: true,
      header: {
        monthRow: row,
        monthKind: found.kind,
        columns: {
          ...resolveColumns(view, row, activity, candidates),
          activity,
          extra,
          months: split?.planned ?? months,
          ...(split ? { executed: split.executed } : {}),
        },
        ...(split ? { splitRow: row + 1 } : {}),
        // A header of dates names the programme's year, whatever the title says.
        year: mostCommon(found.years) ?? findYear(view, row),
        duplicateMonthCells,
      },
    };
  }
  return findPeriodTable(view) ?? { found: false, reason: 'no_month_row' };
}

/**
 * A programme kept as its chapter VII tables: «Acciones a supervisar | Periodo de ejecución»
 * and no month columns. Found where a row in the first rows labels both.
 */
function findPeriodTable(view: GridView): HeaderSearch | undefined {
  const lastRow = Math.min(view.rowCount, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const candidates = findLabels(view, row, new Set());
    const activity = candidates.activity?.[0];
    if (activity === undefined || candidates.period === undefined) continue;
    return {
      found: true,
      header: {
        monthRow: row,
        monthKind: 'periods',
        columns: {
          ...resolveColumns(view, row, activity, candidates),
          activity,
          extra: [...(candidates.total ?? []), ...(candidates.notes ?? [])],
          months: new Map(),
        },
        year: findYear(view, row),
        duplicateMonthCells: [],
      },
    };
  }
  return undefined;
}

/** The planned half of a month split in two («P», «Prog.», «Programado», «Meta» …). */
const PLANNED_LABEL = /^(p|prog\.?|programad[oa]s?|planead[oa]s?|plan|meta)$/;
/** The executed half («E», «Ejec.», «Ejecutado», «Realizado», «Real», «R»). */
const EXECUTED_LABEL = /^(e|ejec\.?|ejecutad[oa]s?|realizad[oa]s?|real|r)$/;

export type SplitLabel = 'planned' | 'executed';

export function splitLabelOf(text: string): SplitLabel | undefined {
  const key = fold(text);
  return PLANNED_LABEL.test(key) ? 'planned' : EXECUTED_LABEL.test(key) ? 'executed' : undefined;
}

/**
 * Months split into a planned and an executed column, as POA trackers and some offices lay them
 * out: the month's name over both (merged, or over the first with the second blank), and «P» and
 * «E» (or their words) in the row below. Found when most months are split so; undefined otherwise.
 */
function splitMonths(
  view: GridView,
  monthRow: number,
  months: Map<Month, number>,
): { planned: Map<Month, number>; executed: Map<Month, number> } | undefined {
  const below = monthRow + 1;
  if (below >= view.rowCount) return undefined;
  const planned = new Map<Month, number>();
  const executed = new Map<Month, number>();
  const monthCols = new Set(months.values());
  for (const [month, col] of months) {
    const merged = view.merge(monthRow, col);
    const right =
      merged && merged.right > col
        ? merged.right
        : col + 1 < view.colCount && !monthCols.has(col + 1) && view.text(monthRow, col + 1) === ''
          ? col + 1
          : col;
    for (let c = col; c <= right; c++) {
      const label = splitLabelOf(view.text(below, c));
      if (label === 'planned' && !planned.has(month)) planned.set(month, c);
      if (label === 'executed' && !executed.has(month)) executed.set(month, c);
    }
  }
  const both = [...months.keys()].filter((m) => planned.has(m) && executed.has(m));
  if (both.length < MIN_MONTHS_IN_HEADER || both.length < months.size / 2) return undefined;
  // A month without its two labels keeps its one column, as the plan.
  for (const [month, col] of months) if (!planned.has(month)) planned.set(month, col);
  return { planned: new Map([...planned].sort((a, b) => a[0] - b[0])), executed };
}

/** Every column each label names, nearest rows first (a label just above the months wins over a title). */
function findLabels(
  view: GridView,
  monthRow: number,
  monthCols: Set<number>,
): Partial<Record<Label, number[]>> {
  const labels: Partial<Record<Label, number[]>> = {};
  const taken = new Set<number>();
  for (let row = monthRow; row >= Math.max(0, monthRow - LABEL_ROWS_ABOVE); row--) {
    for (let col = 0; col < view.colCount; col++) {
      if (monthCols.has(col) || taken.has(col)) continue;
      // A label merged across columns names its first column only.
      if (view.isMergeContinuation(row, col) && view.merge(row, col)!.left !== col) continue;
      const label = labelOf(view.text(row, col));
      if (!label) continue;
      labels[label] = [...(labels[label] ?? []), col];
      taken.add(col);
    }
  }
  return labels;
}

/** How many rows below the header are looked at to tell what a number or axis column holds. */
const CONTENT_SAMPLE_ROWS = 200;
const ACTIVITY_NUMBER = /^\d{1,2}\.\d{1,3}$/;

type ColumnContent = 'activity-numbers' | 'axis-numbers' | 'text' | 'empty';

/**
 * What a column holds on the activity rows below the header (banners, repeated headers and any
 * summary table below left out), by majority; a tie goes to what its label says.
 */
function contentOf(
  view: GridView,
  monthRow: number,
  activity: number,
  col: number,
  byLabel: ColumnContent,
): ColumnContent {
  const counts: Record<ColumnContent, number> = {
    'activity-numbers': 0,
    'axis-numbers': 0,
    text: 0,
    empty: 0,
  };
  let sampled = 0;
  for (let r = monthRow + 1; r < Math.min(view.rowCount, monthRow + 1 + CONTENT_SAMPLE_ROWS); r++) {
    if (sampled > 0 && SUMMARY_START.test(fold(view.textsInRow(r)[0]?.text ?? ''))) break;
    const description = view.text(r, activity);
    const across = view.merge(r, activity);
    if (description === '' || labelOf(description) || (across && across.right > across.left))
      continue;
    sampled++;
    if (view.isMergeContinuation(r, col)) continue;
    const text = view.text(r, col);
    if (text === '') continue;
    if (ACTIVITY_NUMBER.test(text)) counts['activity-numbers']++;
    else if (parseAxisNumber(text) !== undefined) counts['axis-numbers']++;
    else counts.text++;
  }
  const most = Math.max(counts['activity-numbers'], counts['axis-numbers'], counts.text);
  if (most === 0) return 'empty';
  if (counts[byLabel] === most) return byLabel;
  return (['activity-numbers', 'axis-numbers', 'text'] as const).find((c) => counts[c] === most)!;
}

/**
 * Which labelled column is which, by label and then by content: a «No.» (or «Eje») column of
 * `2.3`-style numbers is the activity number, of 1, 2, 3 the axis number; a column of names is
 * the axis name. An `ID`/`Clave` column is the activity number whatever else there is.
 */
function resolveColumns(
  view: GridView,
  monthRow: number,
  activity: number,
  labels: Partial<Record<Label, number[]>>,
): Omit<CronogramaColumns, 'activity' | 'extra' | 'months'> {
  const columns: Omit<CronogramaColumns, 'activity' | 'extra' | 'months'> = {};
  columns.id = labels.id?.[0];
  for (const col of [...(labels.axisNumber ?? []), ...(labels.axisName ?? [])].sort(
    (a, b) => a - b,
  )) {
    const byLabel = labels.axisNumber?.includes(col) ? 'axis-numbers' : 'text';
    const content = contentOf(view, monthRow, activity, col, byLabel);
    const role = content === 'empty' ? byLabel : content;
    if (role === 'activity-numbers') columns.id ??= col;
    else if (role === 'axis-numbers') columns.axisNumber ??= col;
    else columns.axisName ??= col;
  }
  columns.period = labels.period?.[0];
  columns.responsible = labels.responsible?.[0];
  for (const key of Object.keys(columns) as (keyof typeof columns)[])
    if (columns[key] === undefined) delete columns[key];
  return columns;
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The programme's year, as the title rows state it ("2021", "AÑO 2021", "Cronograma 2021"). */
function findYear(view: GridView, monthRow: number): number | undefined {
  for (let row = 0; row <= monthRow; row++) {
    for (let col = 0; col < view.colCount; col++) {
      const text = view.text(row, col);
      const match = /(?:^|\D)(20\d{2}|2100)(?:\D|$)/.exec(text);
      // Skip ranges like "PEC 2020-2021" in a title: only a year standing alone or after "año".
      if (match && !/\d{4}\s*-\s*\d{4}/.test(text)) return Number(match[1]);
    }
  }
  return undefined;
}
