/**
 * The periodic report to the Consejo General (*informe trimestral o anual*) as a Word document:
 * a portrait cover with the period, the commission and the programme, whether the report is a
 * preview («PRELIMINAR», also on every page's header) or frozen (when and by whom), the
 * programme's status and agreements, the date statuses are judged on and a summary of the
 * period's months; then, on landscape pages, per axis a table of its activities' months in the
 * period (ID, activity and area merged over the activity's months; month, status, note, evidence),
 * the axis's totals and its changes since the baseline; last, the period's sessions. Page numbers
 * in the footer. The look is the programme document's (Arial, lilac headers, grey borders, A4).
 */
import {
  AlignmentType,
  Document,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
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
  TOTAL_LABELS,
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
import { STATUS_LABELS, Status } from '../../shared/status';
import {
  A4,
  AXIS_FILL,
  BORDERS,
  CellOptions,
  DOCUMENT_STYLES,
  LANDSCAPE,
  MARGIN,
  PORTRAIT,
  cell as docxCell,
  headerRow,
  pageNumbers,
  paragraph,
  text,
} from './docx-parts';

/** The columns of each axis's table. */
export const PERIOD_ACTIVITY_HEADERS = ACTIVITY_HEADERS;
export const PERIOD_SESSION_HEADERS = SESSION_HEADERS;
export { OVERDUE, PRELIMINARY, PRELIMINARY_NOTE, totalsText };

/** The status colours of the pane and of the session report's workbook. */
const STATUS_FILL: Partial<Record<Status | 'vencido', string>> = {
  en_proceso: 'FFF2CC',
  realizada: 'C6EFCE',
  reprogramada: 'DDEBF7',
  no_realizada: 'F4CCCC',
  cancelada: 'D9D9D9',
  vencido: 'F8B4B4',
};
const PRELIMINARY_COLOUR = 'C00000';
/** The text width of a portrait and of a landscape page. */
const PORTRAIT_WIDTH = A4.width - 2 * MARGIN; // 9,638
const LANDSCAPE_WIDTH = A4.height - 2 * MARGIN; // 14,570
/**
 * The activity table on a landscape page: a short ID, the description and the note widest, the
 * evidence (often a link) wide enough for a path, the month and the status as wide as
 * «Septiembre» and «Reprogramada» at 9 pt (cell margins included).
 */
const ACTIVITY_WIDTHS = [700, 3800, 1500, 1350, 1650, 3270, 2300];
const SMALL = 18; // 9 pt

/** A heading kept on the page of what follows it. */
const heading = (value: string, level: 1 | 2 = 1) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [text(value, { bold: true, size: level === 1 ? 24 : 22 })],
    spacing: { before: level === 1 ? 240 : 200, after: 120 },
    keepNext: true,
    keepLines: true,
  });

/** A cell: a note's lines as paragraphs. */
const cell = (value: string, options: CellOptions = {}) =>
  docxCell(value, { lines: true, ...options });

/** A table of fixed column widths (a long link wraps in its cell rather than widen it). */
const table = (rows: TableRow[], columnWidths: readonly number[]) =>
  new Table({
    rows,
    width: { size: columnWidths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    columnWidths: [...columnWidths],
  });

/** A description as the start of a sentence: «… de México: Movida…», not «… de México.: …». */
const withoutFinalStop = (value: string) => value.trim().replace(/\.+$/, '');

function preliminary(): Paragraph[] {
  return [
    paragraph(PRELIMINARY, {
      bold: true,
      size: 32,
      colour: PRELIMINARY_COLOUR,
      align: AlignmentType.CENTER,
      after: 60,
    }),
    paragraph(PRELIMINARY_NOTE, {
      bold: true,
      colour: PRELIMINARY_COLOUR,
      align: AlignmentType.CENTER,
      after: 240,
    }),
  ];
}

/** The summary of the period's months: each total and its share of those programmed. */
function summary(report: PeriodReport): (Paragraph | Table)[] {
  const widths = [PORTRAIT_WIDTH - 5000, 2500, 2500];
  const planned = report.totals.planned;
  const share = (n: number) => (planned > 0 ? `${Math.round((n / planned) * 100)} %` : '—');
  return [
    heading('Resumen del periodo'),
    paragraph(
      'Meses de actividad programados en el periodo y su estatus (un mes cerrado sin avance informado está vencido).',
      { keepNext: true },
    ),
    table(
      [
        headerRow(['Concepto', 'Meses', '% de lo programado'], { widths, cantSplit: true }),
        ...TOTAL_LABELS.map(
          ([key, label]) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(label, { width: widths[0]!, bold: key === 'planned' }),
                cell(String(report.totals[key]), {
                  width: widths[1]!,
                  align: AlignmentType.CENTER,
                  bold: key === 'planned',
                }),
                cell(share(report.totals[key]), {
                  width: widths[2]!,
                  align: AlignmentType.CENTER,
                  bold: key === 'planned',
                }),
              ],
            }),
        ),
      ],
      widths,
    ),
  ];
}

function cover(report: PeriodReport): (Paragraph | Table)[] {
  const { varianceTotals: v } = report;
  const changes = (
    [
      [v.monthsMoved, 'mes movido', 'meses movidos'],
      [v.monthsAdded, 'mes agregado', 'meses agregados'],
      [v.monthsDropped, 'mes retirado', 'meses retirados'],
      [v.activitiesAdded, 'actividad agregada', 'actividades agregadas'],
      [v.activitiesDropped, 'actividad retirada', 'actividades retiradas'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return [
    paragraph(reportTitle(report), {
      bold: true,
      size: 28,
      align: AlignmentType.CENTER,
      after: 120,
    }),
    paragraph(capitalised(report.label), {
      bold: true,
      size: 26,
      align: AlignmentType.CENTER,
      after: 240,
    }),
    paragraph(report.commission, { bold: true, size: 24, align: AlignmentType.CENTER, after: 60 }),
    paragraph(report.title, { align: AlignmentType.CENTER, after: 360 }),
    ...(report.frozen === null
      ? preliminary()
      : [paragraph(frozenText(report.frozen), { align: AlignmentType.CENTER, after: 240 })]),
    paragraph(programmeStatusText(report), { after: 60 }),
    ...report.agreements.map((a) => paragraph(agreementText(a), { after: 60 })),
    paragraph(
      report.baseline
        ? `Línea base: el plan ratificado mediante el acuerdo ${report.baseline.agreement} del ${spanishDate(report.baseline.date)}. ${changes.length ? `Cambios que tocan el periodo: ${changes.join(', ')}.` : 'Sin cambios que toquen el periodo.'}`
        : 'Sin línea base: el programa aún no ha sido ratificado, por lo que no se informan cambios respecto de ella.',
      { after: 60 },
    ),
    paragraph(periodText(report)),
    ...summary(report),
  ];
}

/** One axis: its heading, its activities' months, its totals, its changes since the baseline. */
function axisSection(axis: PeriodReport['axes'][number]): (Paragraph | Table)[] {
  const w = ACTIVITY_WIDTHS;
  const rows = axis.activities.flatMap((a) =>
    a.months.map((m, i) => {
      const last = i === a.months.length - 1;
      const status = m.overdue ? OVERDUE : STATUS_LABELS[m.status];
      const fill = STATUS_FILL[m.overdue ? 'vencido' : m.status];
      return new TableRow({
        cantSplit: true,
        // An activity's months on one page.
        keepNext: !last,
        children: [
          ...(i === 0
            ? [
                cell(a.id, {
                  size: SMALL,
                  width: w[0]!,
                  align: AlignmentType.CENTER,
                  rowSpan: a.months.length,
                }),
                cell(a.description, { size: SMALL, width: w[1]!, rowSpan: a.months.length }),
                cell(a.responsibleArea, {
                  size: SMALL,
                  width: w[2]!,
                  align: AlignmentType.CENTER,
                  rowSpan: a.months.length,
                }),
              ]
            : []),
          cell(monthName(m.month), { size: SMALL, width: w[3]!, align: AlignmentType.CENTER }),
          cell(status, {
            size: SMALL,
            width: w[4]!,
            align: AlignmentType.CENTER,
            ...(fill ? { fill } : {}),
          }),
          cell(m.note ?? '', { size: SMALL, width: w[5]! }),
          cell(m.evidence ?? '', { size: SMALL, width: w[6]!, link: true }),
        ],
      });
    }),
  );
  const totals = new TableRow({
    cantSplit: true,
    children: [
      cell(`Total del eje ${axis.number}: ${totalsText(axis.totals)}.`, {
        bold: true,
        size: SMALL,
        fill: AXIS_FILL,
        columnSpan: w.length,
        width: LANDSCAPE_WIDTH,
      }),
    ],
  });
  return [
    heading(`Eje ${axis.number}. ${axis.name}`),
    ...(axis.activities.length
      ? [
          table(
            [
              headerRow(PERIOD_ACTIVITY_HEADERS, { widths: w, size: SMALL, cantSplit: true }),
              ...rows,
              totals,
            ],
            w,
          ),
        ]
      : [paragraph('Sin actividades programadas en el periodo.')]),
    ...(axis.variance.length
      ? [
          heading('Cambios respecto de la línea base', 2),
          ...axis.variance.map(
            (v, i) =>
              new Paragraph({
                children: [
                  text(`${v.activityId} `, { bold: true }),
                  text(`${withoutFinalStop(v.description)}: `),
                  text(varianceText(v)),
                ],
                alignment: AlignmentType.LEFT,
                indent: { left: 284 },
                spacing: { after: 60 },
                keepNext: i < axis.variance.length - 1,
              }),
          ),
        ]
      : []),
  ];
}

function sessions(report: PeriodReport): (Paragraph | Table)[] {
  const widths = [4570, 6000, 4000];
  return [
    heading('Sesiones del periodo'),
    ...(report.sessions.length
      ? [
          table(
            [
              headerRow(PERIOD_SESSION_HEADERS, { widths, cantSplit: true }),
              ...sessionsByDate(report).map(
                (s) =>
                  new TableRow({
                    cantSplit: true,
                    children: [
                      cell(s.label, { width: widths[0]! }),
                      cell(spanishDate(s.date), {
                        width: widths[1]!,
                        align: AlignmentType.CENTER,
                      }),
                      cell(sessionState(s), {
                        width: widths[2]!,
                        align: AlignmentType.CENTER,
                      }),
                    ],
                  }),
              ),
            ],
            widths,
          ),
        ]
      : [paragraph(NO_SESSIONS)]),
    ...(report.baseline === null
      ? [
          paragraph(''),
          paragraph(
            'El programa aún no tiene línea base: no ha sido ratificado, por lo que este informe no compara el plan con el ratificado.',
          ),
        ]
      : []),
  ];
}

/** On every page of a preview: it is not the report as it will be kept. */
const preliminaryHeader = (report: PeriodReport) =>
  new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          text(`${PRELIMINARY} · ${report.commission} · ${report.label}`, {
            bold: true,
            size: 18,
            colour: PRELIMINARY_COLOUR,
          }),
        ],
      }),
    ],
  });

/** The report as a Word document, ready for `Packer`. */
export function periodReportDocument(report: PeriodReport): Document {
  const pages = {
    footers: { default: pageNumbers() },
    ...(report.frozen === null ? { headers: { default: preliminaryHeader(report) } } : {}),
  };
  return new Document({
    creator: report.commission,
    title: `${reportTitle(report)}: ${report.label}`,
    description: `${report.commission} ${report.period}${report.frozen === null ? ` (${PRELIMINARY.toLowerCase()})` : ''}`,
    styles: DOCUMENT_STYLES,
    sections: [
      { properties: PORTRAIT, ...pages, children: cover(report) },
      {
        properties: LANDSCAPE,
        ...pages,
        children: [
          ...(report.axes.length
            ? report.axes.flatMap(axisSection)
            : [paragraph('Ninguna actividad tiene meses programados en el periodo.')]),
          ...sessions(report),
        ],
      },
    ],
  });
}

/** The report as the bytes of a .docx file. */
export function periodReportDocx(report: PeriodReport): Promise<Buffer> {
  return Packer.toBuffer(periodReportDocument(report));
}
