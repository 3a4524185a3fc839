import { Month, monthName } from '../months';
import { isActivityId } from '../activity-id';
import type { ValidationIssue } from '../schemas';
import { Status } from '../status';
import { parsePeriod } from '../period';
import { fold } from '../text';
import { parseAxisBanner, parseAxisNumber, parseAxisTitle } from './axis-text';
import { GridView, SheetGrid } from './grid';
import {
  CronogramaColumns,
  HeaderFound,
  SUMMARY_START,
  findHeader,
  isMonthHeaderRow,
  labelOf,
  splitLabelOf,
} from './header';
import { MonthCell, classifyMonthCell } from './marks';
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
  /** Planned months: every month cell with a mark (a value, or a fill that stands out). */
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

/** Where the sheet says which axis a row belongs to. */
export type AxisSource = 'column' | 'banner' | 'id';

export interface SheetAxis {
  number: number;
  name: string;
  /** Address of the axis number (or name, or banner) cell where the axis starts. */
  cell: string;
  source: AxisSource;
  /** 1-based sheet row where the axis starts (its banner, or its first activity). */
  row: number;
}

export interface CronogramaRead {
  sheet: string;
  year?: number;
  /** 1-based sheet row of the month names. */
  headerRow: number;
  columns: CronogramaColumns;
  axes: SheetAxis[];
  activities: SheetActivity[];
  /** Activities the sheet marks as retired (struck through, or «(retirada)» after the ID): not in the plan. */
  retired: SheetActivity[];
  /** 1-based sheet row of a summary table where reading stopped, when there is one. */
  stoppedAt?: number;
  /** What the sheet could not be read as: each with its cell. */
  issues: ValidationIssue[];
}

export type ReadResult =
  { ok: true; cronograma: CronogramaRead } | { ok: false; sheet: string; message: string };

/** What follows an activity's ID in the sheet once the plan has retired it. */
export const RETIRED_SUFFIX = '(retirada)';
const RETIRED_ID = /^(.*?)\s*\(retirad[ao]\)$/i;

/**
 * Reads a cronograma as staff keep it: header anywhere in the first rows (month names, dates
 * shown as months, or numbers under a «Meses» band), columns in any order, axes as columns, as
 * banner rows or as the prefix of the activity number, title and section banners, header blocks
 * repeated where a printed page began, blank rows, any glyph or a fill as a mark, extra columns,
 * a summary table below (where reading stops). Never throws on cell content: what it cannot read
 * becomes an issue with its cell.
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
  const reader = new RowReader(view, header);
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
  let stoppedAt: number | undefined;
  for (let row = header.monthRow + 1; row < view.rowCount; row++) {
    if (reader.readRow(row) === 'stop') {
      stoppedAt = view.sheetRow(row);
      break;
    }
  }
  reader.reportUnreadMarks();
  if (header.columns.id !== undefined) numberNewActivities(reader.activities);
  if (header.monthKind === 'periods' && reader.activities.length > 0)
    reader.issues.push(
      issue(
        'warning',
        'sheet.months_from_periods',
        view.address(header.monthRow, header.columns.period!),
        `La hoja «${grid.name}» no tiene columnas de meses: los meses de cada actividad se tomaron de su periodo de ejecución, y no hay dónde registrar estatus. Para darles seguimiento mes a mes, use la plantilla del complemento.`,
      ),
    );
  // Headers and nothing under them: never "no errors" — sent as a plan, it would retire everything.
  if (reader.activities.length === 0 && reader.retired.length === 0)
    reader.issues.push(
      issue(
        'error',
        'sheet.no_activities',
        view.address(Math.min(header.monthRow + 1, view.rowCount), header.columns.activity),
        'La hoja tiene los encabezados del cronograma pero ninguna actividad debajo. Escriba las actividades (una por fila, con sus meses marcados) o valide la hoja que las tiene.',
      ),
    );
  return {
    ok: true,
    cronograma: {
      sheet: grid.name,
      year: header.year,
      headerRow: view.sheetRow(header.monthRow),
      columns: header.columns,
      axes: reader.axes,
      activities: reader.activities,
      retired: reader.retired,
      ...(stoppedAt !== undefined ? { stoppedAt } : {}),
      issues: reader.issues,
    },
  };
}

/** Header words that may repeat where a printed page began. */
const HEADER_WORDS =
  /^(trimestres?|cronograma( de actividades)?|ano \d{4}|\d{4}|tabla resumen.*|meses( del ano)?|((primer|segundo|tercer|cuarto|1er|2do|3er|4to|[1-4]o|[1-4]|i|ii|iii|iv)\.?\s*)?(trimestre|semestre|cuatrimestre|bimestre)s?(\s*([1-4]|i|ii|iii|iv))?)$/;
const SUBTOTAL = /^subtotal\b/;
const NO_FILL = new Set(['#FFFFFF']);
/** A fill on nearly every month cell is the sheet's background, not a mark. */
const BACKGROUND_SHARE = 0.95;

class RowReader {
  readonly axes: SheetAxis[] = [];
  readonly activities: SheetActivity[] = [];
  readonly retired: SheetActivity[] = [];
  readonly issues: ValidationIssue[] = [];
  /** Grid rows of the activities read (retired ones too). */
  private readonly activityRows: number[] = [];
  private currentAxis?: SheetAxis;
  private axisBroken = false;
  private readonly positionInAxis = new Map<number, number>();
  private readonly monthCols: [Month, number][];
  private readonly monthColSet: Set<number>;
  /** Extra columns (Total, Observaciones): never a mark, never what makes a row count. */
  private readonly ignored: Set<number>;
  private readonly columns: CronogramaColumns;
  private readonly backgroundFills: Set<string>;

  constructor(
    private readonly view: GridView,
    private readonly header: HeaderFound,
  ) {
    this.columns = header.columns;
    this.monthCols = [...this.columns.months];
    this.monthColSet = new Set(this.columns.months.values());
    this.ignored = new Set(this.columns.extra);
    this.backgroundFills = this.blockBackground();
  }

  /** Reads one row below the header; 'stop' where a summary table begins. */
  readRow(row: number): 'stop' | void {
    const { view, columns } = this;
    const all = view.textsInRow(row);
    if (all.length === 0) return;
    // A description merged over several rows is one activity; the rows below its top belong to it.
    if (
      view.isMergeContinuation(row, columns.activity) &&
      view.merge(row, columns.activity)?.left === columns.activity
    )
      return;
    if (this.isRepeatedHeader(row)) return;
    const first = fold(all[0]!.text);
    if (this.activities.length > 0 && SUMMARY_START.test(first) && !this.hasWrittenMarks(row)) {
      const cell = view.address(row, all[0]!.col);
      this.issues.push(
        issue(
          'warning',
          'read.summary_stop',
          cell,
          `La lectura del cronograma terminó en la fila ${view.sheetRow(row)} («${all[0]!.text}»): lo que sigue se tomó como una tabla resumen. Si hay actividades debajo, súbalas por encima del resumen.`,
        ),
      );
      return 'stop';
    }
    if (SUBTOTAL.test(first) || this.isTitleRow(row)) return;
    if (all.length === 1 && this.readBanner(row, all[0]!)) return;
    // Only extra columns (a Total of 0, a note): nothing of the cronograma's.
    if (view.rowIsEmpty(row, this.ignored)) return;

    const description = view.text(row, columns.activity);
    const marks = this.monthCols.map(
      ([month, col]) => [month, col, this.markAt(row, col)] as const,
    );
    const marked = marks.filter(([, , cell]) => cell.kind !== 'empty');

    if (description === '' && marked.length === 0) {
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
    this.readActivity(row, description, marks);
  }

  /**
   * A row showing one text: an axis banner («EJE 2. Educación cívica», «II. …») starts its axis;
   * a title or section banner merged across the sheet is skipped. True when the row was a banner.
   */
  private readBanner(
    row: number,
    text: { col: number; text: string; merge?: { left: number; right: number } },
  ): boolean {
    const { columns } = this;
    const spans = text.merge !== undefined && text.merge.right > text.merge.left;
    // A lone axis cell is read by the axis columns' rules.
    if (!spans && (text.col === columns.axisNumber || text.col === columns.axisName)) return false;
    // Fills beside the text make it an activity marked by colour, not a banner.
    if (this.monthCols.some(([, col]) => this.isFillMark(row, col))) return false;
    const axis = parseAxisBanner(text.text);
    if (axis) {
      this.startAxis(axis.number, axis.name, this.view.address(row, text.col), 'banner', row);
      return true;
    }
    if (spans || HEADER_WORDS.test(fold(text.text))) return true;
    return false;
  }

  private readActivity(
    row: number,
    description: string,
    marks: (readonly [Month, number, MonthCell])[],
  ): void {
    const { view, columns } = this;
    const idText = columns.id !== undefined ? view.text(row, columns.id) : '';
    const retiredById = RETIRED_ID.exec(idText);
    const retired = retiredById !== null || view.style(row, columns.activity)?.strike === true;
    const ownId = retiredById ? retiredById[1]!.trim() : idText;
    const axis = this.axisOf(row, ownId);
    const axisCell = view.address(
      row,
      columns.axisNumber ?? columns.axisName ?? columns.id ?? columns.activity,
    );
    if (!axis) {
      if (!this.axisBroken && !retired)
        this.issues.push(
          issue(
            'error',
            'activity.no_axis',
            axisCell,
            columns.axisNumber === undefined && columns.axisName === undefined
              ? `La actividad de la fila ${view.sheetRow(row)} no pertenece a ningún eje. Escriba su número (p. ej. «2.4») en ${axisCell}, o una fila «EJE 2. Nombre del eje» sobre ella.`
              : `La actividad de la fila ${view.sheetRow(row)} no pertenece a ningún eje. Escriba el número del eje en ${axisCell} (o en la primera fila de su grupo).`,
          ),
        );
      return;
    }

    const months: Month[] = [];
    const statuses: SheetActivity['statuses'] = {};
    const evidence: SheetActivity['evidence'] = {};
    const monthCells = {} as Record<Month, string>;
    for (const [month, col, cell] of marks) {
      monthCells[month] = view.address(row, col);
      if (cell.kind === 'empty') continue;
      months.push(month);
      if (cell.kind === 'status' && cell.status !== 'pendiente') statuses[month] = cell.status;
      if (cell.kind === 'unknown' && !retired)
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
    this.readExecuted(row, months, statuses, retired);
    if (this.header.monthKind === 'periods') this.monthsFromPeriod(row, months, retired);
    months.sort((a, b) => a - b);
    const unreadable = view.stylesUnreadable(row);
    if (months.length === 0 && unreadable && !retired) {
      const cell = monthCells[this.monthCols[0]![0]];
      this.issues.push(
        issue(
          'warning',
          'month.fill_unreadable',
          cell,
          `No se pudieron leer los colores de relleno (${unreadable}). Si los meses de la actividad de la fila ${view.sheetRow(row)} están marcados solo con color, escriba una marca (✓) en cada mes planeado, o valide el archivo con «pat validate».`,
        ),
      );
    }

    const id = this.activityId(row, axis.number, ownId, !retired);
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
    (retired ? this.retired : this.activities).push(activity);
    this.activityRows.push(row);
  }

  /**
   * Columns the reader does not use that hold written marks (✓, x, a status) on activity rows:
   * never dropped silently — each is reported once, at its first mark.
   */
  reportUnreadMarks(): void {
    const { view, columns } = this;
    const used = new Set<number | undefined>([
      ...columns.months.values(),
      ...(columns.executed?.values() ?? []),
      ...columns.extra,
      columns.activity,
      columns.id,
      columns.axisNumber,
      columns.axisName,
      columns.period,
      columns.responsible,
    ]);
    for (let col = 0; col < view.colCount; col++) {
      if (used.has(col)) continue;
      const row = this.activityRows.find((r) => {
        if (view.isMergeContinuation(r, col)) return false;
        const value = view.value(r, col);
        return (
          typeof value === 'string' &&
          classifyMonthCell(value).kind !== 'unknown' &&
          classifyMonthCell(value).kind !== 'empty'
        );
      });
      if (row === undefined) continue;
      this.issues.push(
        issue(
          'warning',
          'column.unread_marks',
          view.address(row, col),
          `La columna de ${view.address(row, col)} tiene marcas que no se leyeron: no está bajo un mes ni tiene un encabezado que se conozca (Actividades, Periodo, Responsable, Total, Observaciones). Si son meses, escriba el nombre del mes en su encabezado; si no, bórrelas o póngale un encabezado.`,
        ),
      );
    }
  }

  /** A sheet without month columns: the activity's months are its period's. */
  private monthsFromPeriod(row: number, months: Month[], retired: boolean): void {
    const { view, columns } = this;
    const text = columns.period !== undefined ? view.text(row, columns.period) : '';
    const fromPeriod = text === '' ? undefined : parsePeriod(text);
    if (fromPeriod) months.push(...fromPeriod);
    else if (!retired)
      this.issues.push(
        issue(
          'error',
          'period.no_months',
          view.address(row, columns.period ?? columns.activity),
          text === ''
            ? `La actividad de la fila ${view.sheetRow(row)} no tiene periodo de ejecución, y la hoja no tiene columnas de meses. Escriba su periodo (p. ej. «Enero-diciembre», «Marzo y septiembre»).`
            : `No se entiende el periodo «${text}» de la fila ${view.sheetRow(row)}. Escríbalo con nombres de meses: «Enero-diciembre», «De marzo a junio», «Marzo y septiembre».`,
        ),
      );
  }

  /**
   * Months split into planned and executed columns: a mark in the executed one means done
   * (`realizada`; a status written there is that status), unless the planned cell already states a
   * status. Executed where nothing was planned is taken as planned too, and said.
   */
  private readExecuted(
    row: number,
    months: Month[],
    statuses: SheetActivity['statuses'],
    retired: boolean,
  ): void {
    const { view } = this;
    for (const [month, col] of this.columns.executed ?? []) {
      const cell = this.markAt(row, col);
      if (cell.kind === 'empty' || retired) continue;
      if (cell.kind === 'unknown') {
        this.issues.push(
          issue(
            'error',
            'month.unknown_text',
            view.address(row, col),
            `«${cell.text}» no es una marca ni un estatus. En la columna de lo ejecutado deje una marca (✓, x) si se realizó, o elija un estatus.`,
          ),
        );
        continue;
      }
      if (!months.includes(month)) {
        months.push(month);
        this.issues.push(
          issue(
            'warning',
            'month.executed_unplanned',
            view.address(row, col),
            `La actividad de la fila ${view.sheetRow(row)} está marcada como ejecutada en ${monthName(month).toLowerCase()} sin estar programada ese mes: se tomó como programada y realizada. Si no es así, borre la marca o márquela también como programada.`,
          ),
        );
      }
      const status = cell.kind === 'status' ? cell.status : 'realizada';
      if (statuses[month] === undefined && status !== 'pendiente') statuses[month] = status;
    }
  }

  /**
   * The axis of an activity row: from the axis columns or the banner above it; in a sheet that
   * has neither, from the prefix of its activity number (`2.3` is in axis 2).
   */
  private axisOf(row: number, idText: string): SheetAxis | undefined {
    const { columns } = this;
    const hasAxisColumns = columns.axisNumber !== undefined || columns.axisName !== undefined;
    const fromBanner = this.currentAxis?.source === 'banner';
    if (hasAxisColumns || fromBanner || columns.id === undefined) return this.currentAxis;
    if (!isActivityId(idText)) return undefined;
    const number = Number(idText.split('.')[0]);
    if (this.currentAxis?.number !== number)
      this.startAxis(number, '', this.view.address(row, columns.id), 'id', row);
    return this.currentAxis;
  }

  private activityId(
    row: number,
    axis: number,
    text: string,
    report: boolean,
  ): { value: string; fromSheet: boolean } {
    const { view, columns } = this;
    const position = (this.positionInAxis.get(axis) ?? 0) + 1;
    this.positionInAxis.set(axis, position);
    const derived = { value: `${axis}.${position}`, fromSheet: false };
    if (columns.id === undefined || text === '') return derived;
    const cell = view.address(row, columns.id);
    if (!isActivityId(text)) {
      if (report)
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
    if (!text.startsWith(`${axis}.`) && report)
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
      if (!nameText || !startsHere(columns.axisName)) return;
      // "2. Educación cívica" names its number; a bare name is the next axis, in order.
      const titled = parseAxisTitle(nameText);
      if (titled) {
        if (titled.number !== this.currentAxis?.number || titled.name !== this.currentAxis.name)
          this.startAxis(
            titled.number,
            titled.name,
            view.address(row, columns.axisName!),
            'column',
            row,
          );
      } else if (nameText !== this.currentAxis?.name)
        this.startAxis(
          (this.currentAxis?.number ?? 0) + 1,
          nameText,
          view.address(row, columns.axisName as number),
          'column',
          row,
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
    const titled = parseAxisTitle(numberText);
    const number = parseAxisNumber(numberText) ?? titled?.number;
    const name = nameText || titled?.name || '';
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
    if (this.currentAxis?.number === number && (!name || name === this.currentAxis.name)) return;
    this.startAxis(
      number,
      name || (this.axes.find((a) => a.number === number)?.name ?? ''),
      cell,
      'column',
      row,
    );
  }

  private startAxis(
    number: number,
    name: string,
    cell: string,
    source: AxisSource,
    row: number,
  ): void {
    this.axisBroken = false;
    this.currentAxis = { number, name, cell, source, row: this.view.sheetRow(row) };
    this.axes.push(this.currentAxis);
  }

  /** The month row or the label row of a header block repeated where a printed page began. */
  private isRepeatedHeader(row: number): boolean {
    const { view, columns } = this;
    const activityText = view.text(row, columns.activity);
    // A row with an activity in it is never a header, even with dates in its month cells.
    if (
      activityText !== '' &&
      labelOf(activityText) !== 'activity' &&
      !HEADER_WORDS.test(fold(activityText))
    )
      return false;
    return isMonthHeaderRow(view, row, this.header) || labelOf(activityText) === 'activity';
  }

  /** Title, band and trimester rows: only header words, and trimester numbers over the months. */
  private isTitleRow(row: number): boolean {
    const { view, columns } = this;
    const activityText = view.text(row, columns.activity);
    if (activityText !== '' && !HEADER_WORDS.test(fold(activityText))) return false;
    const texts = view.textsInRow(row, this.ignored);
    let trimester = 0;
    for (const { col, text } of texts) {
      if (this.monthColSet.has(col) && /^[1-4]$/.test(text) && Number(text) >= trimester) {
        trimester = Number(text);
        continue;
      }
      // The «P | E» labels under split months, where a printed page began again.
      if (this.header.splitRow !== undefined && splitLabelOf(text) !== undefined) continue;
      if (labelOf(text) === undefined && !HEADER_WORDS.test(fold(text))) return false;
    }
    return texts.length > 0;
  }

  private isAxisHeading(row: number): boolean {
    const { view, columns } = this;
    const numberText = columns.axisNumber !== undefined ? view.text(row, columns.axisNumber) : '';
    if (numberText !== '')
      return parseAxisNumber(numberText) !== undefined || parseAxisTitle(numberText) !== undefined;
    return columns.axisName !== undefined && view.text(row, columns.axisName) !== '';
  }

  /** What the month cell says: its value, or, when empty, a fill that stands out as a mark. */
  private markAt(row: number, col: number): MonthCell {
    const cell = classifyMonthCell(this.view.value(row, col));
    if (cell.kind !== 'empty') return cell;
    return this.isFillMark(row, col) ? { kind: 'mark' } : cell;
  }

  /**
   * A month cell filled with a colour of its own: not white, not the row's background (the fill
   * of its activity, ID or period cell: striped rows), not the month block's background.
   */
  private isFillMark(row: number, col: number): boolean {
    const { view, columns } = this;
    const fill = view.style(row, col)?.fill;
    if (!fill || NO_FILL.has(fill) || this.backgroundFills.has(fill)) return false;
    for (const c of [columns.activity, columns.id, columns.period, columns.responsible])
      if (c !== undefined && view.style(row, c)?.fill === fill) return false;
    return true;
  }

  /**
   * Colours on nearly every month cell of the rows that have any fill: the sheet's shading, not
   * marks — where the sheet marks months with written marks (✓, x … in most of those rows).
   * Where it does not, the fills are the marks, however many months they cover: a sheet of Gantt
   * bars whose activities all run the whole year, status words written in some of them.
   */
  private blockBackground(): Set<string> {
    const counts = new Map<string, number>();
    let cells = 0;
    let rows = 0;
    let written = 0;
    for (let r = this.header.monthRow + 1; r < this.view.rowCount; r++) {
      const rowFills = this.monthCols.map(([, col]) => this.view.style(r, col)?.fill);
      if (!rowFills.some(Boolean)) continue;
      cells += rowFills.length;
      for (const fill of rowFills) if (fill) counts.set(fill, (counts.get(fill) ?? 0) + 1);
      rows++;
      if (this.hasBareMarks(r)) written++;
    }
    if (written * 2 <= rows || cells < 2 * this.monthCols.length) return new Set();
    return new Set([...counts].filter(([, n]) => n >= cells * BACKGROUND_SHARE).map(([c]) => c));
  }

  /** Whether any month cell holds a mark written as such (✓, x, •…), not a status word or a sum. */
  private hasBareMarks(row: number): boolean {
    return this.monthCols.some(([, col]) => {
      const value = this.view.value(row, col);
      return typeof value !== 'number' && classifyMonthCell(value).kind === 'mark';
    });
  }

  /** Whether any month cell holds a written mark other than a number (a totals row holds sums). */
  private hasWrittenMarks(row: number): boolean {
    return this.monthCols.some(([, col]) => {
      // A title merged in from the left («RESUMEN» over several columns) is not a mark.
      const merge = this.view.merge(row, col);
      if (merge && !this.monthColSet.has(merge.left)) return false;
      const value = this.view.value(row, col);
      return typeof value !== 'number' && classifyMonthCell(value).kind !== 'empty';
    });
  }

  private strayText(row: number): { cell: string; text: string } | undefined {
    const first = this.view.textsInRow(row, this.ignored)[0];
    if (!first) return undefined;
    return {
      cell: this.view.address(row, first.col),
      text: first.text.length > 60 ? `${first.text.slice(0, 57)}…` : first.text,
    };
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
