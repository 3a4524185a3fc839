import { Month, parseMonth } from '../months';
import { fold } from '../text';
import { GridView } from './grid';

/** Where the cronograma's columns are. Column indexes are 0-based grid columns. */
export interface CronogramaColumns {
  axisNumber?: number;
  axisName?: number;
  activity: number;
  id?: number;
  period?: number;
  responsible?: number;
  /** Grid column of each month found in the header. */
  months: Map<Month, number>;
}

export interface HeaderFound {
  /** Grid row of the month names (Ene .. Dic). */
  monthRow: number;
  columns: CronogramaColumns;
  year?: number;
  duplicateMonthCells: { month: Month; row: number; col: number }[];
}

export type HeaderSearch =
  | { found: true; header: HeaderFound }
  | { found: false; reason: 'no_month_row' | 'no_activity_column'; monthRow?: number };

/** How far down the header may start (titles, logos and notes come first). */
const HEADER_SEARCH_ROWS = 40;
/** Label rows may sit this many rows above the month row (merged "No." over trimester rows). */
const LABEL_ROWS_ABOVE = 4;
const MIN_MONTHS_IN_HEADER = 6;

type Label = 'axisNumber' | 'axisName' | 'activity' | 'id' | 'period' | 'responsible';

const LABEL_PATTERNS: [Label, RegExp][] = [
  ['activity', /^(actividad(es)?|acciones( a supervisar)?|descripcion( de la actividad)?)$/],
  ['axisName', /^(ejes? de accion|ejes?|nombre del eje)$/],
  ['axisNumber', /^(no\.?|num\.?|numero|n°|no\. de eje|#)$/],
  ['id', /^(id|clave)$/],
  ['period', /^periodo( de ejecucion)?$/],
  ['responsible', /^(area )?responsable$/],
];

export function labelOf(text: string): Label | undefined {
  const key = fold(text);
  return LABEL_PATTERNS.find(([, pattern]) => pattern.test(key))?.[0];
}

/** Month columns of a row: a row is a month header when it names at least six months. */
export function monthsInRow(view: GridView, row: number): Map<Month, number[]> {
  const found = new Map<Month, number[]>();
  for (let c = 0; c < view.colCount; c++) {
    if (view.isMergeContinuation(row, c)) continue;
    const month = parseMonth(view.text(row, c));
    if (month !== undefined) found.set(month, [...(found.get(month) ?? []), c]);
  }
  return found;
}

export function isMonthHeaderRow(view: GridView, row: number): boolean {
  return monthsInRow(view, row).size >= MIN_MONTHS_IN_HEADER;
}

/** Finds the cronograma's header wherever it is in the first rows of the sheet. */
export function findHeader(view: GridView): HeaderSearch {
  const lastRow = Math.min(view.rowCount, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const monthCols = monthsInRow(view, row);
    if (monthCols.size < MIN_MONTHS_IN_HEADER) continue;

    const months = new Map<Month, number>();
    const duplicateMonthCells: HeaderFound['duplicateMonthCells'] = [];
    for (const [month, cols] of [...monthCols].sort((a, b) => a[0] - b[0])) {
      months.set(month, cols[0] as number);
      for (const col of cols.slice(1)) duplicateMonthCells.push({ month, row, col });
    }

    const labels = findLabels(view, row, new Set(months.values()));
    if (labels.activity === undefined)
      return { found: false, reason: 'no_activity_column', monthRow: row };
    return {
      found: true,
      header: {
        monthRow: row,
        columns: { ...labels, activity: labels.activity, months },
        year: findYear(view, row),
        duplicateMonthCells,
      },
    };
  }
  return { found: false, reason: 'no_month_row' };
}

function findLabels(
  view: GridView,
  monthRow: number,
  monthCols: Set<number>,
): Partial<Record<Label, number>> {
  const labels: Partial<Record<Label, number>> = {};
  // Nearest rows first: a label just above the months wins over a title further up.
  for (let row = monthRow; row >= Math.max(0, monthRow - LABEL_ROWS_ABOVE); row--) {
    for (let col = 0; col < view.colCount; col++) {
      if (monthCols.has(col)) continue;
      const label = labelOf(view.text(row, col));
      if (label && labels[label] === undefined && !Object.values(labels).includes(col))
        labels[label] = col;
    }
  }
  return labels;
}

/** The programme's year, as the title rows state it ("2021", "AÑO 2021", "Cronograma 2021"). */
function findYear(view: GridView, monthRow: number): number | undefined {
  for (let row = 0; row <= monthRow; row++) {
    for (let col = 0; col < view.colCount; col++) {
      const match = /(?:^|\D)(20\d{2}|2100)(?:\D|$)/.exec(view.text(row, col));
      // Skip ranges like "PEC 2020-2021" in a title: only a year standing alone or after "año".
      if (match && !/\d{4}\s*-\s*\d{4}/.test(view.text(row, col))) return Number(match[1]);
    }
  }
  return undefined;
}
