import { CellRange } from '../address';
import { MONTHS, Month, monthAbbreviation } from '../months';
import { Axis } from '../schemas';
import { Status, statusLabel } from '../status';
import { CellValue, SheetGrid } from './grid';

export interface PlanActivity {
  id: string;
  axis: number;
  description: string;
  period?: string;
  months: readonly Month[];
  statuses?: Partial<Record<Month, Status>>;
}

export interface Plan {
  year: number;
  axes: readonly Axis[];
  activities: readonly PlanActivity[];
}

export interface LayoutOptions {
  sheetName?: string;
  /** Glyphs used in turn as the planned mark (the source document shows many). */
  marks?: readonly string[];
  /** Adds a "Periodo de ejecución" column after the activities. */
  periodColumn?: boolean;
  /** Adds the add-in's "ID" column before everything else. */
  idColumn?: boolean;
  /** Repeats the header block after this many activity rows, as a printed page does. */
  repeatHeaderEvery?: number;
}

/** Where things landed, so the writer (exceljs, Office.js) can style them. */
export interface CronogramaLayout extends SheetGrid {
  merges: CellRange[];
  headerRows: number[];
  titleRows: number[];
  activityRows: number[];
  monthColumns: Map<Month, number>;
  descriptionColumn: number;
  columnCount: number;
}

export const CRONOGRAMA_TITLE = 'CRONOGRAMA DE ACTIVIDADES';

/**
 * Lays out a plan the way section VIII of the source document does: a title, the year, header
 * rows with the trimesters over Ene..Dic, then one row per activity with the axis number and
 * name merged down their activities. Pure: the result is plain values and merged areas.
 */
export function layoutCronograma(plan: Plan, options: LayoutOptions = {}): CronogramaLayout {
  const marks = options.marks?.length ? options.marks : ['✓'];
  const fixed = [
    ...(options.idColumn ? ['ID'] : []),
    'No.',
    'Ejes de acción',
    'Actividades',
    ...(options.periodColumn ? ['Periodo de ejecución'] : []),
  ];
  const firstMonthCol = fixed.length;
  const columnCount = firstMonthCol + 12;
  const col = (label: string) => fixed.indexOf(label);
  const monthColumns = new Map<Month, number>(MONTHS.map((m) => [m, firstMonthCol + m - 1]));

  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  const headerRows: number[] = [];
  const activityRows: number[] = [];
  const blankRow = (): CellValue[] => new Array<CellValue>(columnCount).fill(null);
  const lastCol = columnCount - 1;

  values.push(blankRow());
  (values[0] as CellValue[])[0] = CRONOGRAMA_TITLE;
  merges.push({ top: 0, left: 0, bottom: 0, right: lastCol });
  const titleRows = [0];

  const pushHeader = () => {
    const top = values.length;
    const [yearRow, labelRow, trimesterRow, monthRow] = [
      blankRow(),
      blankRow(),
      blankRow(),
      blankRow(),
    ];
    yearRow[firstMonthCol] = `AÑO ${plan.year}`;
    fixed.forEach((label, c) => (labelRow[c] = label));
    labelRow[firstMonthCol] = 'TRIMESTRES';
    for (let t = 0; t < 4; t++) trimesterRow[firstMonthCol + t * 3] = t + 1;
    MONTHS.forEach((m) => (monthRow[firstMonthCol + m - 1] = monthAbbreviation(m)));
    values.push(yearRow, labelRow, trimesterRow, monthRow);
    merges.push({ top, left: firstMonthCol, bottom: top, right: lastCol });
    merges.push({ top: top + 1, left: firstMonthCol, bottom: top + 1, right: lastCol });
    for (let t = 0; t < 4; t++)
      merges.push({
        top: top + 2,
        left: firstMonthCol + t * 3,
        bottom: top + 2,
        right: firstMonthCol + t * 3 + 2,
      });
    fixed.forEach((_, c) => merges.push({ top: top + 1, left: c, bottom: top + 3, right: c }));
    headerRows.push(top, top + 1, top + 2, top + 3);
  };

  // Axis cells are merged down their activities, split where a page header interrupts them.
  let groupStart = -1;
  let groupAxis: number | undefined;
  const closeGroup = () => {
    const end = values.length - 1;
    if (groupAxis !== undefined && end > groupStart) {
      merges.push({ top: groupStart, left: col('No.'), bottom: end, right: col('No.') });
      merges.push({
        top: groupStart,
        left: col('Ejes de acción'),
        bottom: end,
        right: col('Ejes de acción'),
      });
    }
    groupAxis = undefined;
  };

  pushHeader();
  let markIndex = 0;
  const sorted = [...plan.activities].sort((a, b) => a.axis - b.axis);
  sorted.forEach((activity, i) => {
    if (options.repeatHeaderEvery && i > 0 && i % options.repeatHeaderEvery === 0) {
      closeGroup();
      pushHeader();
    }
    const row = blankRow();
    if (activity.axis !== groupAxis) {
      closeGroup();
      groupStart = values.length;
      groupAxis = activity.axis;
      row[col('No.')] = activity.axis;
      row[col('Ejes de acción')] = plan.axes.find((a) => a.number === activity.axis)?.name ?? '';
    }
    if (options.idColumn) row[col('ID')] = activity.id;
    row[col('Actividades')] = activity.description;
    if (options.periodColumn) row[col('Periodo de ejecución')] = activity.period ?? '';
    for (const m of activity.months) {
      const status = activity.statuses?.[m];
      row[firstMonthCol + m - 1] =
        status && status !== 'pendiente'
          ? statusLabel(status)
          : (marks[markIndex++ % marks.length] as string);
    }
    activityRows.push(values.length);
    values.push(row);
  });
  closeGroup();

  return {
    name: options.sheetName ?? `Cronograma ${plan.year}`,
    values,
    merges,
    headerRows,
    titleRows,
    activityRows,
    monthColumns,
    descriptionColumn: col('Actividades'),
    columnCount,
  };
}
