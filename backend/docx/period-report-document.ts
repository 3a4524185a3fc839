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
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ITableCellOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { daysInMonth, dateInMexicoCity, isIsoDate, spanishDate } from '../../shared/calendar/dates';
import { PROGRAMME_STATUS_TEXT, varianceText } from '../../shared/lifecycle';
import { monthName } from '../../shared/months';
import type { PeriodReport } from '../../shared/report/period-report';
import type { ReportTotals } from '../../shared/report/session-report';
import { STATUS_LABELS, Status } from '../../shared/status';

/** The columns of each axis's table. */
export const PERIOD_ACTIVITY_HEADERS = [
  'ID',
  'Actividad',
  'Área responsable',
  'Mes',
  'Estatus',
  'Nota',
  'Evidencia',
] as const;
export const PERIOD_SESSION_HEADERS = ['Sesión', 'Fecha', 'Estado'] as const;
/** The line that marks a report that is not frozen. */
export const PRELIMINARY = 'PRELIMINAR';
export const PRELIMINARY_NOTE = 'Informe preliminar: cambia con cada edición hasta que se congele.';
/** What an overdue month (closed, nothing reported) shows as its status. */
export const OVERDUE = 'Vencida';

/** The summary's rows: each total and its label. */
const TOTALS: [keyof ReportTotals, string][] = [
  ['planned', 'Programados'],
  ['done', 'Realizados'],
  ['inProgress', 'En proceso'],
  ['overdue', 'Vencidos'],
  ['rescheduled', 'Reprogramados'],
  ['notDone', 'No realizados'],
  ['cancelled', 'Cancelados'],
  ['pending', 'Pendientes'],
];

const FONT = 'Arial';
/** The lilac of the programme's tables (as the workbooks draw their headers). */
const HEADER_FILL = 'D9D2E9';
const AXIS_FILL = 'EDE7F6';
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
/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
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

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

const text = (value: string, options: { bold?: boolean; size?: number; colour?: string } = {}) =>
  new TextRun({
    text: value,
    font: FONT,
    size: options.size ?? 22,
    bold: options.bold ?? false,
    ...(options.colour ? { color: options.colour } : {}),
  });

const paragraph = (
  value: string,
  options: {
    bold?: boolean;
    size?: number;
    colour?: string;
    align?: Align;
    after?: number;
    keepNext?: boolean;
  } = {},
) =>
  new Paragraph({
    children: [text(value, options)],
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: options.after ?? 120 },
    keepNext: options.keepNext ?? false,
  });

/** A heading kept on the page of what follows it. */
const heading = (value: string, level: 1 | 2 = 1) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [text(value, { bold: true, size: level === 1 ? 24 : 22 })],
    spacing: { before: level === 1 ? 240 : 200, after: 120 },
    keepNext: true,
    keepLines: true,
  });

/** A cell's paragraphs: one per line of the text (notes may hold line breaks). */
function cellParagraphs(value: string, size: number, bold: boolean, align: Align): Paragraph[] {
  return value.split(/\r\n|\r|\n/).map(
    (line) =>
      new Paragraph({
        children: [text(line, { bold, size })],
        alignment: align,
      }),
  );
}

function cell(
  value: string,
  options: {
    bold?: boolean;
    fill?: string;
    size?: number;
    align?: Align;
    /** Twentieths of a point (the columns it spans). */
    width?: number;
    /** Written as a link when it is a web address. */
    link?: boolean;
  } & Pick<ITableCellOptions, 'columnSpan' | 'rowSpan'> = {},
): TableCell {
  const { bold, fill, size, align, width, link, ...span } = options;
  const points = size ?? 20;
  const children =
    link && isWebAddress(value)
      ? [
          new Paragraph({
            children: [linkTo(value, points)],
            alignment: align ?? AlignmentType.LEFT,
          }),
        ]
      : cellParagraphs(value, points, bold ?? false, align ?? AlignmentType.LEFT);
  return new TableCell({
    ...span,
    ...(width ? { width: { size: width, type: WidthType.DXA } } : {}),
    verticalAlign: VerticalAlign.CENTER,
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    children,
  });
}

const isWebAddress = (value: string) => /^https?:\/\/\S+$/i.test(value.trim());

const linkTo = (address: string, size: number): ParagraphChild =>
  new ExternalHyperlink({
    link: address.trim(),
    children: [
      new TextRun({
        text: address.trim(),
        font: FONT,
        size,
        color: '1155CC',
        underline: {},
      }),
    ],
  });

const headerRow = (labels: readonly string[], widths: readonly number[], size?: number) =>
  new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: labels.map((label, i) =>
      cell(label, {
        bold: true,
        fill: HEADER_FILL,
        align: AlignmentType.CENTER,
        ...(widths[i] ? { width: widths[i] } : {}),
        ...(size ? { size } : {}),
      }),
    ),
  });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '7F7F7F' };
const borders = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** A table of fixed column widths (a long link wraps in its cell rather than widen it). */
const table = (rows: TableRow[], columnWidths: readonly number[]) =>
  new Table({
    rows,
    width: { size: columnWidths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders,
    columnWidths: [...columnWidths],
  });

/** «9 programados · 3 realizados · …», every total. */
export function totalsText(totals: ReportTotals): string {
  return TOTALS.map(([key, label]) => `${totals[key]} ${label.toLowerCase()}`).join(' · ');
}

/** A description as the start of a sentence: «… de México: Movida…», not «… de México.: …». */
const withoutFinalStop = (value: string) => value.trim().replace(/\.+$/, '');

const capitalised = (value: string) => `${value.charAt(0).toUpperCase()}${value.slice(1)}`;

/** The day an instant (or a date) falls on in Mexico City, in Spanish. */
function spanishDay(instant: string): string {
  if (isIsoDate(instant)) return spanishDate(instant);
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : spanishDate(dateInMexicoCity(date));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** «del 1 de abril de 2021 al 30 de junio de 2021». */
function periodDates(report: PeriodReport): string {
  const first = `${report.year}-${pad(report.firstMonth)}-01`;
  const last = `${report.year}-${pad(report.lastMonth)}-${pad(daysInMonth(report.year, report.lastMonth))}`;
  return `del ${spanishDate(first)} al ${spanishDate(last)}`;
}

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

function agreementLine(agreement: PeriodReport['agreements'][number]): string {
  const verb = agreement.kind === 'aprobación' ? 'Aprobado' : 'Ratificado';
  return `${verb} mediante el acuerdo ${agreement.id} del ${spanishDate(agreement.date)} (${agreement.session}).`;
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
        headerRow(['Concepto', 'Meses', '% de lo programado'], widths),
        ...TOTALS.map(
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
    paragraph(`Informe de avance del Programa Anual de Trabajo ${report.year}`, {
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
      : [
          paragraph(
            `Congelado el ${spanishDay(report.frozen.at)} por ${report.frozen.by}: no cambia con las ediciones posteriores.`,
            { align: AlignmentType.CENTER, after: 240 },
          ),
        ]),
    paragraph(`Estado del programa: ${PROGRAMME_STATUS_TEXT[report.status]}.`, { after: 60 }),
    ...report.agreements.map((a) => paragraph(agreementLine(a), { after: 60 })),
    paragraph(
      report.baseline
        ? `Línea base: el plan ratificado mediante el acuerdo ${report.baseline.agreement} del ${spanishDate(report.baseline.date)}. ${changes.length ? `Cambios que tocan el periodo: ${changes.join(', ')}.` : 'Sin cambios que toquen el periodo.'}`
        : 'Sin línea base: el programa aún no ha sido ratificado, por lo que no se informan cambios respecto de ella.',
      { after: 60 },
    ),
    paragraph(
      `Periodo que se informa: ${report.label}, ${periodDates(report)}. Estado al ${spanishDate(report.asOf)}.`,
    ),
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
      ? [table([headerRow(PERIOD_ACTIVITY_HEADERS, w, SMALL), ...rows, totals], w)]
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
              headerRow(PERIOD_SESSION_HEADERS, widths),
              ...[...report.sessions]
                .sort((a, b) => a.date.localeCompare(b.date))
                .map(
                  (s) =>
                    new TableRow({
                      cantSplit: true,
                      children: [
                        cell(s.label, { width: widths[0]! }),
                        cell(spanishDate(s.date), {
                          width: widths[1]!,
                          align: AlignmentType.CENTER,
                        }),
                        cell(s.held ? 'Celebrada' : 'Programada', {
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
      : [paragraph('La comisión no tiene sesiones en el periodo.')]),
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

const pageNumbers = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['Página ', PageNumber.CURRENT, ' de ', PageNumber.TOTAL_PAGES],
            font: FONT,
            size: 18,
          }),
        ],
      }),
    ],
  });

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

const margin = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
const portrait = { page: { size: A4, margin } };
const landscape = { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin } };

/** The report as a Word document, ready for `Packer`. */
export function periodReportDocument(report: PeriodReport): Document {
  const pages = {
    footers: { default: pageNumbers() },
    ...(report.frozen === null ? { headers: { default: preliminaryHeader(report) } } : {}),
  };
  return new Document({
    creator: report.commission,
    title: `Informe de avance del Programa Anual de Trabajo ${report.year}: ${report.label}`,
    description: `${report.commission} ${report.period}${report.frozen === null ? ` (${PRELIMINARY.toLowerCase()})` : ''}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      { properties: portrait, ...pages, children: cover(report) },
      {
        properties: landscape,
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
