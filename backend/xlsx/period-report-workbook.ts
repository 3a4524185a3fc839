/**
 * The periodic report to the Consejo General (*informe trimestral o anual*) as a workbook: sheet
 * «Informe» with the title, whether it is a preview («PRELIMINAR») or frozen, the programme's
 * status and agreements, the totals and one row per activity month in the period by axis (the
 * activity's ID, description and area merged over its months), each axis's totals; sheet
 * «Cambios» with the changes to the plan since the baseline; sheet «Sesiones» with the period's
 * sessions. A4 landscape, fitted to the page's width, the table's header repeated on every page.
 * What people wrote (notes, evidence, descriptions, names) is written as plain text cells: exceljs
 * stores a string as a string, so a note such as «=1+1» is never a formula.
 */
import { spanishDate } from '../../shared/calendar/dates';
import { varianceText } from '../../shared/lifecycle';
import { monthName } from '../../shared/months';
import type { PeriodReport } from '../../shared/report/period-report';
import {
  ACTIVITY_HEADERS,
  NO_SESSIONS,
  OVERDUE,
  PRELIMINARY,
  PRELIMINARY_NOTE,
  SESSION_HEADERS,
  agreementText,
  capitalised,
  frozenText,
  periodText,
  programmeStatusText,
  reportTitle,
  sessionState,
  sessionsByDate,
  totalsText,
} from '../../shared/report/report-texts';
import type { ReportTotals } from '../../shared/report/session-report';
import { STATUS_LABELS } from '../../shared/status';
import {
  BORDER,
  DEFAULT_ROW_HEIGHT,
  HEADER_FILL,
  PrintLayoutOptions,
  fitRowsToText,
  font,
  printEstimate,
  printLayout,
} from './print';
import { AXIS_FILL, statusFill, styleCells, styleHeader } from './report-workbook';
import { ExcelJS } from './workbook';

export const PERIOD_SHEETS = { report: 'Informe', changes: 'Cambios', sessions: 'Sesiones' };
export const PERIOD_COLUMNS = ['Eje', ...ACTIVITY_HEADERS] as const;
export const NO_CHANGES = 'Sin cambios respecto de la línea base';
export const NO_BASELINE = 'Sin línea base: el programa no está ratificado';

const PRELIMINARY_COLOUR = { argb: 'FFC00000' };

/** Eje, ID, Actividad, Área, Mes, Estatus, Nota, Evidencia (column units). */
const WIDTHS = [5, 6, 38, 13, 11, 13, 30, 24];

/**
 * The rows to keep on one page: an axis where it fits on one; else its heading with its first
 * activity and its totals with its last (each activity's months are kept together by their
 * merged cells). A group inside a longer one that cannot be kept whole is not kept either, so an
 * axis taller than a page is never given as one group.
 */
function keptTogether(
  sheet: ExcelJS.Worksheet,
  options: PrintLayoutOptions,
  axes: readonly { top: number; activities: [number, number][]; bottom: number }[],
): [number, number][] {
  fitRowsToText(sheet, options);
  const estimate = printEstimate(sheet, options);
  const scale = Math.max(estimate.scale.libreoffice, estimate.scale.excel);
  const [first, last] = options.repeatRows ?? [1, 0];
  const height = (top: number, bottom: number) => {
    let sum = 0;
    for (let r = top; r <= bottom; r++) sum += sheet.getRow(r).height ?? DEFAULT_ROW_HEIGHT;
    return sum * scale;
  };
  const room = estimate.page.height - height(first, last);
  return axes.flatMap(({ top, activities, bottom }): [number, number][] => {
    const firstActivity = activities[0];
    const lastActivity = activities.at(-1);
    if (height(top, bottom) <= room || !firstActivity || !lastActivity || activities.length === 1)
      return [[top, bottom]];
    return [
      [top, firstActivity[1]],
      [lastActivity[0], bottom],
    ];
  });
}

/** The title rows every sheet starts with. */
function titleRows(sheet: ExcelJS.Worksheet, report: PeriodReport): void {
  sheet.addRow([reportTitle(report)]).font = font({
    bold: true,
    size: 13,
  });
  sheet.addRow([`${capitalised(report.label)} · ${report.commission} · ${report.title}`]).font =
    font({ bold: true });
  if (report.frozen === null) {
    sheet.addRow([`${PRELIMINARY}. ${PRELIMINARY_NOTE}`]).font = font({
      bold: true,
      color: PRELIMINARY_COLOUR,
    });
  } else {
    sheet.addRow([frozenText(report.frozen)]).font = font();
  }
}

function addReportSheet(workbook: ExcelJS.Workbook, report: PeriodReport): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(PERIOD_SHEETS.report);
  sheet.columns = WIDTHS.map((width) => ({ width }));
  titleRows(sheet, report);
  const plain = [
    programmeStatusText(report),
    ...report.agreements.map(agreementText),
    report.baseline
      ? `Línea base: el plan ratificado mediante el acuerdo ${report.baseline.agreement} del ${spanishDate(report.baseline.date)} (los cambios, en la hoja «${PERIOD_SHEETS.changes}»).`
      : `${NO_BASELINE}: no se informan cambios respecto de ella.`,
    periodText(report),
    `Meses de actividad del periodo: ${totalsText(report.totals)}.`,
  ];
  for (const line of plain) sheet.addRow([line]).font = font();
  const header = sheet.addRow([...PERIOD_COLUMNS]);
  styleHeader(header);
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  /** Each axis's rows: its heading, each activity's months, its totals. */
  const axes: { top: number; activities: [number, number][]; bottom: number }[] = [];
  /** A bold band over the table's width: an axis's heading, a total. */
  const band = (values: (string | number)[], fill: ExcelJS.Fill) => {
    const row = sheet.addRow(values);
    sheet.mergeCells(row.number, 2, row.number, PERIOD_COLUMNS.length);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = font({ bold: true });
      cell.border = BORDER;
      cell.fill = fill;
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: 'left' };
    });
    return row;
  };
  const totalRow = (label: string, totals: ReportTotals, fill = AXIS_FILL) =>
    band(['', `${label}: ${totalsText(totals)}.`], fill);
  for (const axis of report.axes) {
    const axisRow = band([axis.number, `Eje ${axis.number}. ${axis.name}`], AXIS_FILL);
    axisRow.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
    const activities: [number, number][] = [];
    for (const a of axis.activities) {
      const first = sheet.rowCount + 1;
      for (const m of a.months) {
        const row = sheet.addRow([
          axis.number,
          a.id,
          a.description,
          a.responsibleArea,
          monthName(m.month),
          m.overdue ? OVERDUE : STATUS_LABELS[m.status],
          m.note ?? '',
          m.evidence ?? '',
        ]);
        styleCells(row, (col) => ({
          vertical: 'middle',
          horizontal: col === 3 || col >= 7 ? 'left' : 'center',
          ...(col === 3 ? { indent: 1 } : {}),
        }));
        const fill = statusFill(m);
        if (fill) row.getCell(6).fill = fill;
      }
      // The activity's ID, description and area once, over its months.
      const last = sheet.rowCount;
      if (last > first) for (const c of [2, 3, 4]) sheet.mergeCells(first, c, last, c);
      activities.push([first, last]);
    }
    const totals = totalRow(`Total del eje ${axis.number}`, axis.totals);
    axes.push({ top: axisRow.number, activities, bottom: totals.number });
  }
  totalRow('Total del periodo', report.totals, HEADER_FILL);
  const page: PrintLayoutOptions = {
    orientation: 'landscape',
    repeatRows: [header.number, header.number],
    overflow: 'shrink',
  };
  printLayout(sheet, { ...page, keepTogether: keptTogether(sheet, page, axes) });
  return sheet;
}

function addChangesSheet(workbook: ExcelJS.Workbook, report: PeriodReport): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(PERIOD_SHEETS.changes);
  sheet.columns = [{ width: 6 }, { width: 60 }, { width: 50 }];
  titleRows(sheet, report);
  const header = sheet.addRow(['ID', 'Actividad', 'Cambio']);
  styleHeader(header);
  const changes = report.axes.flatMap((axis) => axis.variance);
  const rows =
    report.baseline === null
      ? [sheet.addRow(['', NO_BASELINE])]
      : changes.length === 0
        ? [sheet.addRow(['', NO_CHANGES])]
        : changes.map((v) => sheet.addRow([v.activityId, v.description, varianceText(v)]));
  for (const row of rows) {
    if (report.baseline === null || changes.length === 0)
      sheet.mergeCells(row.number, 2, row.number, 3);
    styleCells(row, (col) => ({ vertical: 'top', horizontal: col === 1 ? 'center' : 'left' }));
  }
  printLayout(sheet, {
    orientation: 'landscape',
    repeatRows: [header.number, header.number],
    overflow: 'shrink',
  });
  return sheet;
}

function addSessionsSheet(workbook: ExcelJS.Workbook, report: PeriodReport): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(PERIOD_SHEETS.sessions);
  sheet.columns = [{ width: 24 }, { width: 28 }, { width: 16 }];
  sheet.addRow([`Sesiones del periodo: ${report.label} (${report.commission})`]).font = font({
    bold: true,
    size: 13,
  });
  const header = sheet.addRow([...SESSION_HEADERS]);
  styleHeader(header);
  const sessions = sessionsByDate(report);
  for (const s of sessions) {
    const row = sheet.addRow([s.label, spanishDate(s.date), sessionState(s)]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font();
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: col === 1 ? 'left' : 'center' };
    });
  }
  if (sessions.length === 0) sheet.addRow([NO_SESSIONS]).font = font();
  printLayout(sheet, {
    orientation: 'portrait',
    repeatRows: [header.number, header.number],
    horizontalCentered: true,
    overflow: 'shrink',
  });
  return sheet;
}

/** The report as a workbook: «Informe», «Cambios», «Sesiones». */
export function periodReportWorkbook(report: PeriodReport): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma';
  addReportSheet(workbook, report);
  addChangesSheet(workbook, report);
  addSessionsSheet(workbook, report);
  return workbook;
}
