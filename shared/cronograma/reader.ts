import { Month } from '../months';
import { activityIdSchema, ValidationIssue } from '../schemas';
import { Status } from '../status';
import { fold } from '../text';
import { GridView, SheetGrid } from './grid';
import { CronogramaColumns, findHeader, isMonthHeaderRow, labelOf } from './header';
import { classifyMonthCell } from './marks';
import { issue } from './issues';

/** One activity row as read from the sheet, with the addresses of its cells. */
export interface SheetActivity {
  id: string;
  /** True when the ID came from an ID column, false when derived from axis and position. */
  idFromSheet: boolean;
  axis: number;
  axisName: string;
  description: string;
  period?: string;
  responsibleArea?: string;
  /** Planned months: every non-empty month cell. */
  months: Month[];
  /** The status written in a month cell; a bare mark means `pendiente` and is not listed. */
  statuses: Partial<Record<Month, Status>>;
  /** Hyperlinks found in month cells, taken as evidence. */
  evidence: Partial<Record<Month, string>>;
  /** 1-based sheet row. */
  row: number;
  cells: {
    id?: string;
    axis: string;
    description: string;
    period?: string;
    months: Record<Month, string>;
  };
}

export interface SheetAxis {
  number: number;
  name: string;
  /** Address of the axis number (or name) cell where the axis starts. */
  cell: string;
}

export interface CronogramaRead {
  sheet: string;
  year?: number;
  /** 1-based sheet row of the month names. */
  headerRow: number;
  columns: CronogramaColumns;
  axes: SheetAxis[];
  activities: SheetActivity[];
  /** What the sheet could not be read as: each with its cell. */
  issues: ValidationIssue[];
}

export type ReadResult =
  { ok: true; cronograma: CronogramaRead } | { ok: false; sheet: string; message: string };

/**
 * Reads a cronograma as staff keep it: header anywhere in the first rows, trimester rows,
 * columns in any order, axis cells merged or only on the first row of their group, header
 * blocks repeated where a printed page began, blank rows, any glyph as a mark.
 * Never throws on cell content: what it cannot read becomes an issue with its cell.
 */
export function readCronograma(grid: SheetGrid): ReadResult {
  const view = new GridView(grid);
  const search = findHeader(view);
  if (!search.found) {
    const message =
      search.reason === 'no_activity_column'
        ? `La hoja «${grid.name}» tiene los meses en la fila ${view.sheetRow(search.monthRow ?? 0)} pero no una columna «Actividades». Agregue ese encabezado sobre la columna de las actividades.`
        : `La hoja «${grid.name}» no parece un cronograma: no se encontró una fila de encabezado con los meses (Ene … Dic) en las primeras filas.`;
    return { ok: false, sheet: grid.name, message };
  }
  const { header } = search;
  const reader = new RowReader(view, header.columns);
  for (const dup of header.duplicateMonthCells) {
    reader.issues.push(
      issue(
        'error',
        'header.duplicate_month',
        view.address(dup.row, dup.col),
        `El mes aparece dos veces en el encabezado. Deje una sola columna por mes y borre o renombre esta.`,
      ),
    );
  }
  for (let row = header.monthRow + 1; row < view.rowCount; row++) reader.readRow(row);
  if (header.columns.id !== undefined) numberNewActivities(reader.activities);
  return {
    ok: true,
    cronograma: {
      sheet: grid.name,
      year: header.year,
      headerRow: view.sheetRow(header.monthRow),
      columns: header.columns,
      axes: reader.axes,
      activities: reader.activities,
      issues: reader.issues,
    },
  };
}

/** Header words that may repeat where a printed page began. */
const HEADER_WORDS = /^(trimestres?|cronograma( de actividades)?|ano \d{4}|\d{4}|tabla resumen.*)$/;

class RowReader {
  readonly axes: SheetAxis[] = [];
  readonly activities: SheetActivity[] = [];
  readonly issues: ValidationIssue[] = [];
  private currentAxis?: SheetAxis;
  private axisBroken = false;
  private readonly positionInAxis = new Map<number, number>();
  private readonly monthCols: [Month, number][];

  constructor(
    private readonly view: GridView,
    private readonly columns: CronogramaColumns,
  ) {
    this.monthCols = [...columns.months];
  }

  readRow(row: number): void {
    const { view, columns } = this;
    if (view.rowIsEmpty(row) || this.isRepeatedHeader(row)) return;
    // A description merged over several rows is one activity; the rows below its top belong to it.
    if (
      view.isMergeContinuation(row, columns.activity) &&
      view.merge(row, columns.activity)?.left === columns.activity
    )
      return;

    const description = view.text(row, columns.activity);
    const markedMonths = this.monthCols.filter(
      ([, col]) => classifyMonthCell(view.value(row, col)).kind !== 'empty',
    );

    if (description === '' && markedMonths.length === 0) {
      // A row with only the axis on it starts the axis; anything else (a footnote) is not ours.
      if (this.isAxisHeading(row)) return this.updateAxis(row);
      const stray = this.strayText(row);
      if (stray)
        this.issues.push(
          issue(
            'warning',
            'row.ignored',
            stray.cell,
            `La fila ${view.sheetRow(row)} no tiene actividad ni meses marcados; se ignoró su texto «${stray.text}». Si es una actividad, escriba su descripción en la columna «Actividades».`,
          ),
        );
      return;
    }
    this.updateAxis(row);
    this.readActivity(row, description);
  }

  private readActivity(row: number, description: string): void {
    const { view, columns } = this;
    const axis = this.currentAxis;
    const axisCell = view.address(row, columns.axisNumber ?? columns.axisName ?? columns.activity);
    if (!axis) {
      if (!this.axisBroken)
        this.issues.push(
          issue(
            'error',
            'activity.no_axis',
            axisCell,
            `La actividad de la fila ${view.sheetRow(row)} no pertenece a ningún eje. Escriba el número del eje en ${axisCell} (o en la primera fila de su grupo).`,
          ),
        );
      return;
    }
    const position = (this.positionInAxis.get(axis.number) ?? 0) + 1;
    this.positionInAxis.set(axis.number, position);

    const months: Month[] = [];
    const statuses: SheetActivity['statuses'] = {};
    const evidence: SheetActivity['evidence'] = {};
    const monthCells = {} as Record<Month, string>;
    for (const [month, col] of this.monthCols) {
      monthCells[month] = view.address(row, col);
      const cell = classifyMonthCell(view.value(row, col));
      if (cell.kind === 'empty') continue;
      months.push(month);
      if (cell.kind === 'status' && cell.status !== 'pendiente') statuses[month] = cell.status;
      if (cell.kind === 'unknown')
        this.issues.push(
          issue(
            'error',
            'month.unknown_text',
            view.address(row, col),
            `«${cell.text}» no es una marca ni un estatus. Deje una marca (✓, x, •) o elija un estatus: Pendiente, En proceso, Realizada, Reprogramada, No realizada o Cancelada.`,
          ),
        );
      const link = view.hyperlink(row, col);
      if (link) evidence[month] = link;
    }
    months.sort((a, b) => a - b);

    const id = this.activityId(row, axis.number, position);
    const activity: SheetActivity = {
      id: id.value,
      idFromSheet: id.fromSheet,
      axis: axis.number,
      axisName: axis.name,
      description,
      months,
      statuses,
      evidence,
      row: view.sheetRow(row),
      cells: {
        axis: axisCell,
        description: view.address(row, columns.activity),
        months: monthCells,
        ...(columns.id !== undefined ? { id: view.address(row, columns.id) } : {}),
        ...(columns.period !== undefined ? { period: view.address(row, columns.period) } : {}),
      },
    };
    const period = columns.period !== undefined ? view.text(row, columns.period) : '';
    if (period) activity.period = period;
    const responsible =
      columns.responsible !== undefined ? view.text(row, columns.responsible) : '';
    if (responsible) activity.responsibleArea = responsible;
    this.activities.push(activity);
  }

  private activityId(
    row: number,
    axis: number,
    position: number,
  ): { value: string; fromSheet: boolean } {
    const { view, columns } = this;
    const derived = { value: `${axis}.${position}`, fromSheet: false };
    if (columns.id === undefined) return derived;
    const text = view.text(row, columns.id);
    if (text === '') return derived;
    const cell = view.address(row, columns.id);
    if (!activityIdSchema.safeParse(text).success) {
      this.issues.push(
        issue(
          'error',
          'activity.invalid_id',
          cell,
          `«${text}» no es un ID de actividad. Use «eje.número» (p. ej. «${derived.value}») o deje la celda vacía para que el complemento lo asigne.`,
        ),
      );
      return derived;
    }
    if (!text.startsWith(`${axis}.`))
      this.issues.push(
        issue(
          'error',
          'activity.id_axis_mismatch',
          cell,
          `El ID «${text}» no corresponde al eje ${axis} de esta fila. Un ID empieza con el número de su eje: corrija el ID o el eje.`,
        ),
      );
    return { value: text, fromSheet: true };
  }

  /** Axis number and name hold for the rows below them until the next axis starts. */
  private updateAxis(row: number): void {
    const { view, columns } = this;
    const numberText = columns.axisNumber !== undefined ? view.text(row, columns.axisNumber) : '';
    const nameText = columns.axisName !== undefined ? view.text(row, columns.axisName) : '';
    const startsHere = (col: number | undefined) =>
      col !== undefined && view.text(row, col) !== '' && !view.isMergeContinuation(row, col);

    if (columns.axisNumber === undefined) {
      // Without a number column, each new axis name starts the next axis, in order.
      if (nameText && nameText !== this.currentAxis?.name && startsHere(columns.axisName))
        this.startAxis(
          (this.currentAxis?.number ?? 0) + 1,
          nameText,
          view.address(row, columns.axisName as number),
        );
      return;
    }
    if (!numberText) {
      if (
        nameText &&
        this.currentAxis &&
        startsHere(columns.axisName) &&
        nameText !== this.currentAxis.name
      )
        this.issues.push(
          issue(
            'warning',
            'axis.missing_number',
            view.address(row, columns.axisName as number),
            `El eje «${nameText}» no tiene número en ${view.address(row, columns.axisNumber)}; sus actividades se contaron en el eje ${this.currentAxis.number}. Escriba su número.`,
          ),
        );
      return;
    }
    const number = parseAxisNumber(numberText);
    const cell = view.address(row, columns.axisNumber);
    if (number === undefined) {
      this.issues.push(
        issue(
          'error',
          'axis.invalid_number',
          cell,
          `«${numberText}» no es un número de eje. Escriba el número del eje (1, 2, 3 …); las actividades de este grupo no se leyeron.`,
        ),
      );
      this.currentAxis = undefined;
      this.axisBroken = true;
      return;
    }
    if (this.currentAxis?.number === number && (!nameText || nameText === this.currentAxis.name))
      return;
    this.startAxis(
      number,
      nameText || (this.axes.find((a) => a.number === number)?.name ?? ''),
      cell,
    );
  }

  private startAxis(number: number, name: string, cell: string): void {
    this.axisBroken = false;
    this.currentAxis = { number, name, cell };
    this.axes.push(this.currentAxis);
  }

  private isRepeatedHeader(row: number): boolean {
    const { view, columns } = this;
    if (isMonthHeaderRow(view, row)) return true;
    if (labelOf(view.text(row, columns.activity)) === 'activity') return true;
    if (view.text(row, columns.activity) !== '') return false;
    // Title and trimester rows: only header words, and trimester numbers over the months.
    let trimester = 0;
    for (let col = 0; col < view.colCount; col++) {
      const text = view.text(row, col);
      if (text === '') continue;
      const isMonthCol = [...columns.months.values()].includes(col);
      if (isMonthCol && /^[1-4]$/.test(text) && Number(text) >= trimester) {
        trimester = Number(text);
        continue;
      }
      if (labelOf(text) === undefined && !HEADER_WORDS.test(fold(text))) return false;
    }
    return true;
  }

  private isAxisHeading(row: number): boolean {
    const { view, columns } = this;
    const numberText = columns.axisNumber !== undefined ? view.text(row, columns.axisNumber) : '';
    if (numberText !== '') return parseAxisNumber(numberText) !== undefined;
    return columns.axisName !== undefined && view.text(row, columns.axisName) !== '';
  }

  private strayText(row: number): { cell: string; text: string } | undefined {
    const { view } = this;
    for (let col = 0; col < view.colCount; col++) {
      if (view.isMergeContinuation(row, col)) continue;
      const text = view.text(row, col);
      if (text)
        return {
          cell: view.address(row, col),
          text: text.length > 60 ? `${text.slice(0, 57)}…` : text,
        };
    }
    return undefined;
  }
}

/**
 * In a sheet with an ID column, a row without an ID is a new activity: it takes the next number
 * free in its axis (not its position, which would collide with the ids of the rows below it).
 */
function numberNewActivities(activities: SheetActivity[]): void {
  const highest = new Map<number, number>();
  for (const a of activities) {
    const [axis, index] = a.id.split('.').map(Number) as [number, number];
    if (a.idFromSheet) highest.set(axis, Math.max(highest.get(axis) ?? 0, index));
  }
  for (const a of activities) {
    if (a.idFromSheet) continue;
    const next = (highest.get(a.axis) ?? 0) + 1;
    highest.set(a.axis, next);
    a.id = `${a.axis}.${next}`;
  }
}

export function parseAxisNumber(text: string): number | undefined {
  const match = /^(?:eje\s*)?(\d{1,2})\.?$/i.exec(text.trim());
  const n = match ? Number(match[1]) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}
