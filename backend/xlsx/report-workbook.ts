/**
 * The session report (*informe de seguimiento*) as a workbook for the record: one printed page
 * per axis (a page break after each), the column headers repeated on every page, A4 landscape.
 */
import { sessionName } from '../../shared/calendar/calendar';
import { spanishDate } from '../../shared/calendar/dates';
import { monthAbbreviation, monthName } from '../../shared/months';
import { ReportTotals, SessionReport } from '../../shared/report/session-report';
import { STATUS_LABELS, Status } from '../../shared/status';
import { BORDER, HEADER_FILL, font, printLayout } from './print';
import { ExcelJS } from './workbook';

/** A solid fill of an ARGB colour. */
export const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});
export const AXIS_FILL = solid('FFEDE7F6');
/** The pane's status colours, so the report reads like the sheet. */
const STATUS_FILL: Partial<Record<Status | 'vencido', string>> = {
  en_proceso: 'FFFFF2CC',
  realizada: 'FFC6EFCE',
  reprogramada: 'FFDDEBF7',
  no_realizada: 'FFF4CCCC',
  cancelada: 'FFD9D9D9',
  vencido: 'FFF8B4B4',
};

/** A month's status colour, as the pane draws it (none for a month pending in time). */
export function statusFill(month: { status: Status; overdue: boolean }): ExcelJS.Fill | undefined {
  const argb = STATUS_FILL[month.overdue ? 'vencido' : month.status];
  return argb ? solid(argb) : undefined;
}

/** A table's row: plain text, bordered, wrapped, each column aligned as `alignment` says. */
export function styleCells(
  row: ReturnType<ExcelJS.Worksheet['addRow']>,
  alignment: (col: number) => ExcelJS.Cell['alignment'],
): void {
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.font = font();
    cell.border = BORDER;
    cell.alignment = { wrapText: true, ...alignment(col) };
  });
}

/** A header row: bold, lilac, bordered, centred. */
export function styleHeader(row: ReturnType<ExcelJS.Worksheet['addRow']>): void {
  row.eachCell((cell) => {
    cell.font = font({ bold: true });
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
}

const TOTAL_COLUMNS: [keyof ReportTotals, string][] = [
  ['planned', 'Planeados'],
  ['done', 'Realizados'],
  ['inProgress', 'En proceso'],
  ['overdue', 'Vencidos'],
  ['rescheduled', 'Reprogramados'],
];

export function addSessionReportSheet(
  workbook: ExcelJS.Workbook,
  report: SessionReport,
  options: { commission: string },
): ExcelJS.Worksheet {
  const months = Array.from({ length: report.throughMonth }, (_, i) => i + 1);
  const columns = [
    'ID',
    'Actividad',
    ...months.map(monthAbbreviation),
    ...TOTAL_COLUMNS.map(([, l]) => l),
    'Notas y evidencia',
  ];
  const sheet = workbook.addWorksheet('Informe de seguimiento', {
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  // ID, description, months, totals, notes: the description and the notes share what is left of the page.
  sheet.columns = columns.map((_, c) => ({
    width:
      c === 0 ? 6 : c === 1 ? 44 : c < 2 + months.length ? 11 : c === columns.length - 1 ? 30 : 10,
  }));
  const title = sheet.addRow([
    `Informe de seguimiento del Programa Anual de Trabajo ${report.year} (${options.commission})`,
  ]);
  title.font = font({ bold: true, size: 13 });
  sheet.addRow([
    `${sessionName(report.session)} del ${spanishDate(report.session.date)}: actividades planeadas de enero a ${monthName(report.throughMonth).toLowerCase()}.`,
  ]);
  sheet.addRow([
    `Total: ${report.totals.planned} meses planeados · ${report.totals.done} realizados · ${report.totals.inProgress} en proceso · ${report.totals.overdue} vencidos · ${report.totals.rescheduled} reprogramados.`,
  ]);
  styleHeader(sheet.addRow(columns));
  const breaksBefore: number[] = [];
  report.axes.forEach((axis, i) => {
    const axisRow = sheet.addRow([`Eje ${axis.number}`, axis.name]);
    // One printed page per axis.
    if (i > 0) breaksBefore.push(axisRow.number);
    axisRow.font = font({ bold: true });
    axisRow.eachCell({ includeEmpty: true }, (cell) => (cell.fill = AXIS_FILL));
    for (const a of axis.activities) {
      const byMonth = new Map(a.months.map((m) => [m.month, m]));
      const notes = a.months
        .flatMap((m) => [
          ...(m.note ? [`${monthAbbreviation(m.month)}: ${m.note}`] : []),
          ...(m.evidence ? [`${monthAbbreviation(m.month)}: ${m.evidence}`] : []),
        ])
        .join('\n');
      const row = sheet.addRow([
        a.id,
        a.description,
        ...months.map((m) => {
          const month = byMonth.get(m);
          return month ? (month.overdue ? 'Vencido' : STATUS_LABELS[month.status]) : '';
        }),
        ...TOTAL_COLUMNS.map(([k]) => a.totals[k]),
        notes,
      ]);
      styleCells(row, (col) => ({
        vertical: 'top',
        horizontal: col === 2 || col === columns.length ? 'left' : 'center',
      }));
      // Each month's cell (January's the third) in its status's colour.
      for (const month of a.months) {
        const fill = statusFill(month);
        if (fill) row.getCell(month.month + 2).fill = fill;
      }
    }
    const totals = sheet.addRow([
      '',
      `Total del eje ${axis.number}`,
      ...months.map(() => ''),
      ...TOTAL_COLUMNS.map(([k]) => axis.totals[k]),
      '',
    ]);
    totals.font = font({ bold: true });
    totals.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  });
  printLayout(sheet, {
    orientation: 'landscape',
    repeatRows: [4, 4],
    breaksBefore,
    overflow: 'shrink',
  });
  return sheet;
}

export function sessionReportWorkbook(
  report: SessionReport,
  options: { commission: string },
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma';
  addSessionReportSheet(workbook, report, options);
  return workbook;
}

/** The progress of every axis to a date: one row per axis, totals last (the export's summary sheet). */
export function addSummarySheet(
  workbook: ExcelJS.Workbook,
  progress: Pick<SessionReport, 'axes' | 'totals'>,
  options: { title: string },
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Resumen por eje');
  const columns: [keyof ReportTotals, string][] = [
    ...TOTAL_COLUMNS,
    ['notDone', 'No realizados'],
    ['cancelled', 'Cancelados'],
    ['pending', 'Pendientes'],
  ];
  sheet.columns = [{ width: 8 }, { width: 48 }, ...columns.map(() => ({ width: 15 }))];
  sheet.addRow([options.title]).font = font({ bold: true, size: 13 });
  const header = sheet.addRow(['Eje', 'Nombre', ...columns.map(([, l]) => l)]);
  const rows = [
    header,
    ...progress.axes.map((a) =>
      sheet.addRow([a.number, a.name, ...columns.map(([k]) => a.totals[k])]),
    ),
  ];
  const total = sheet.addRow(['', 'Total', ...columns.map(([k]) => progress.totals[k])]);
  for (const row of [...rows, total])
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font({ bold: row === header || row === total });
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: col === 2 ? 'left' : 'center',
      };
      if (row === header) cell.fill = HEADER_FILL;
    });
  printLayout(sheet, { orientation: 'landscape', repeatRows: [2, 2], overflow: 'shrink' });
  return sheet;
}
