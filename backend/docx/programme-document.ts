/**
 * The programme's Word document, *Programa Anual de Trabajo y Calendario de Sesiones*, as the
 * commission approves it, written from what the store keeps: a cover with the approving and
 * ratifying agreements and the commission's members, the contents, I and II (where kept), III the
 * legal basis, IV (where kept), V the general objective, VI the specific objectives with their
 * strategic lines, VII the actions to
 * supervise by axis («Acciones a supervisar | Periodo de Ejecución»), VIII the cronograma on
 * landscape pages (axis cells merged, a trimester band, a mark under each planned month) and the
 * session calendar with its note; page numbers in the footer. The narrative sections (I
 * introduction, II background, IV directives) are written with their emphasis and lists where the
 * programme keeps them. Spanish throughout; the `docx` library writes the package.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { spanishDate } from '../../shared/calendar/dates';
import { MONTHS, monthAbbreviation, monthName } from '../../shared/months';
import type { ProgrammeDetails, RichBlock } from '../../shared/schemas';
import { agreementTaken, statusOf } from '../../shared/lifecycle';
import {
  AXIS_FILL,
  BORDERS,
  DOCUMENT_STYLES,
  FONT,
  HEADER_FILL,
  LANDSCAPE,
  PORTRAIT,
  cell,
  headerRow,
  pageNumbers,
  paragraph,
  text,
} from './docx-parts';

/** An activity as the document shows it. */
export interface DocumentActivity {
  id: string;
  axis: number;
  description: string;
  period?: string;
  months: readonly number[];
}

/** A session of the calendar table. */
export interface DocumentSession {
  number: number;
  date: string;
  type: string;
}

export interface ProgrammeDocumentInput {
  details: ProgrammeDetails;
  activities: readonly DocumentActivity[];
  sessions: readonly DocumentSession[];
}

/** The narrative sections, written where the programme keeps their text. */
export const NARRATIVE_SECTIONS = {
  introduction: 'I. INTRODUCCIÓN',
  background: 'II. ANTECEDENTES',
  directives: 'IV. DIRECTRICES',
} as const;

/** The sections every document has, as numbered in the commission's documents. */
export const DOCUMENT_SECTIONS = {
  legalBasis: 'III. FUNDAMENTO LEGAL',
  generalObjective: 'V. OBJETIVO GENERAL',
  objectives: 'VI. OBJETIVOS ESPECÍFICOS Y LÍNEAS ESTRATÉGICAS',
  functions: 'VII. FUNCIONES DE LA COMISIÓN POR EJE DE ACCIÓN',
  cronograma: 'VIII. CRONOGRAMA DE ACTIVIDADES',
  calendar: 'CALENDARIO DE SESIONES',
} as const;

export const VII_HEADERS = ['Acciones a supervisar', 'Periodo de Ejecución'] as const;
export const CALENDAR_HEADERS = ['Mes', 'Día', 'Tipo de reunión'] as const;
/** The mark under each planned month of the cronograma. */
export const MARK = 'X';

const MARK_FILL = 'B4A7D6';

const heading = (value: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    children: [text(value, { bold: true, size: 24 })],
    spacing: { before: 240, after: 160 },
  });

const table = (rows: TableRow[], columnWidths?: number[]) =>
  new Table({
    rows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    ...(columnWidths ? { columnWidths } : {}),
  });

/** Where the programme stands in its year, under its agreements. */
function statusLine(details: ProgrammeDetails): string {
  const status = statusOf(details);
  if (status === 'borrador')
    return `Estado: Borrador, para someterse a la aprobación de la Comisión en septiembre de ${details.year - 1}.`;
  if (status === 'aprobado')
    return `Estado: Aprobado, pendiente de ratificarse en enero de ${details.year}.`;
  const baseline = details.lifecycle?.baseline;
  return `Estado: Ratificado${baseline ? `; línea base del ${spanishDate(baseline.date)}` : ''}.`;
}

function cover(input: ProgrammeDocumentInput): Paragraph[] {
  const { details } = input;
  const { approval, ratification } = details.agreements;
  const agreement = (verb: string, a: typeof approval) =>
    agreementTaken(a)
      ? [
          paragraph(
            `${verb} mediante el acuerdo ${a.id} del ${spanishDate(a.date)} (${a.session}).`,
            {
              align: AlignmentType.CENTER,
            },
          ),
        ]
      : [];
  return [
    paragraph(details.institute.name, { bold: true, size: 28, align: AlignmentType.CENTER }),
    paragraph(details.commission.name, {
      bold: true,
      size: 26,
      align: AlignmentType.CENTER,
      after: 600,
    }),
    paragraph(details.title, { bold: true, size: 32, align: AlignmentType.CENTER, after: 600 }),
    ...agreement('Aprobado', approval),
    ...agreement('Ratificado', ratification),
    paragraph(statusLine(details), { align: AlignmentType.CENTER }),
    paragraph('Integrantes de la Comisión', { bold: true, align: AlignmentType.CENTER }),
    ...details.commission.members.map((m) =>
      paragraph(`${m.name}, ${m.role}`, { align: AlignmentType.CENTER, after: 40 }),
    ),
    paragraph(`Área ejecutora: ${details.executingArea.name} (${details.executingArea.acronym}).`, {
      align: AlignmentType.CENTER,
    }),
  ];
}

/** The sections the document has, in order: I and II where kept, III, IV where kept, V… */
function sectionTitles(details: ProgrammeDetails): string[] {
  const has = (key: keyof typeof NARRATIVE_SECTIONS) => Boolean(details.narrative?.[key]);
  const { legalBasis, ...rest } = DOCUMENT_SECTIONS;
  return [
    ...(has('introduction') ? [NARRATIVE_SECTIONS.introduction] : []),
    ...(has('background') ? [NARRATIVE_SECTIONS.background] : []),
    legalBasis,
    ...(has('directives') ? [NARRATIVE_SECTIONS.directives] : []),
    ...Object.values(rest),
  ];
}

function contents(details: ProgrammeDetails): Paragraph[] {
  return [
    heading('ÍNDICE'),
    ...sectionTitles(details).map((title) => paragraph(title, { after: 60 })),
  ];
}

/** A narrative section as kept: paragraphs with their emphasis, lists as bulleted paragraphs. */
function richText(title: string, blocks: readonly RichBlock[] | undefined): Paragraph[] {
  if (!blocks) return [];
  const runs = (items: readonly { text: string; bold?: boolean; italic?: boolean }[]) =>
    items.map(
      (r) =>
        new TextRun({
          text: r.text,
          font: FONT,
          size: 22,
          bold: r.bold ?? false,
          italics: r.italic ?? false,
        }),
    );
  return [
    heading(title),
    ...blocks.flatMap((block) =>
      block.kind === 'paragraph'
        ? [
            new Paragraph({
              children: runs(block.runs),
              alignment: AlignmentType.JUSTIFIED,
              spacing: { after: 120 },
            }),
          ]
        : block.items.map(
            (item) =>
              new Paragraph({
                children: runs(item),
                bullet: { level: 0 },
                alignment: AlignmentType.JUSTIFIED,
                spacing: { after: 80 },
              }),
          ),
    ),
  ];
}

function objectives(details: ProgrammeDetails): Paragraph[] {
  return details.objectives.flatMap((objective) => [
    paragraph(`${objective.number}. ${objective.text}`, { bold: true }),
    ...objective.strategicLines.map(
      (line) =>
        new Paragraph({
          children: [text(`${line.id}. `, { bold: true }), text(line.text)],
          alignment: AlignmentType.JUSTIFIED,
          indent: { left: 567 },
          spacing: { after: 80 },
        }),
    ),
  ]);
}

/** VII: per axis, a table of its actions and their periods. */
function functionsByAxis(input: ProgrammeDocumentInput): (Paragraph | Table)[] {
  return input.details.axes.flatMap((axis) => {
    const actions = input.activities.filter((a) => a.axis === axis.number);
    return [
      paragraph(`Eje ${axis.number}. ${axis.name}`, { bold: true, align: AlignmentType.LEFT }),
      table(
        [
          headerRow(VII_HEADERS),
          ...actions.map(
            (a) =>
              new TableRow({
                cantSplit: true,
                children: [cell(`${a.id} ${a.description}`), cell(a.period ?? '')],
              }),
          ),
        ],
        [6838, 2800],
      ),
      paragraph('', { after: 120 }),
    ];
  });
}

const TRIMESTERS = [
  'Primer trimestre',
  'Segundo trimestre',
  'Tercer trimestre',
  'Cuarto trimestre',
];

/** VIII: axis cells merged down their activities, a trimester band over the months, marks. */
function cronograma(input: ProgrammeDocumentInput): Table {
  const small = 16;
  const band = new TableRow({
    tableHeader: true,
    children: [
      cell('Eje', {
        bold: true,
        fill: HEADER_FILL,
        rowSpan: 2,
        size: small,
        align: AlignmentType.CENTER,
      }),
      cell('No.', {
        bold: true,
        fill: HEADER_FILL,
        rowSpan: 2,
        size: small,
        align: AlignmentType.CENTER,
      }),
      cell('Actividad', {
        bold: true,
        fill: HEADER_FILL,
        rowSpan: 2,
        size: small,
        align: AlignmentType.CENTER,
      }),
      ...TRIMESTERS.map((t) =>
        cell(t, {
          bold: true,
          fill: HEADER_FILL,
          columnSpan: 3,
          size: small,
          align: AlignmentType.CENTER,
        }),
      ),
    ],
  });
  const months = new TableRow({
    tableHeader: true,
    children: MONTHS.map((m) =>
      cell(monthAbbreviation(m), {
        bold: true,
        fill: HEADER_FILL,
        size: small,
        align: AlignmentType.CENTER,
      }),
    ),
  });
  const rows = input.details.axes.flatMap((axis) => {
    const actions = input.activities.filter((a) => a.axis === axis.number);
    return actions.map(
      (a, i) =>
        new TableRow({
          cantSplit: true,
          children: [
            ...(i === 0
              ? [
                  cell(`${axis.number}. ${axis.name}`, {
                    fill: AXIS_FILL,
                    rowSpan: actions.length,
                    size: small,
                  }),
                ]
              : []),
            cell(a.id, { size: small, align: AlignmentType.CENTER }),
            cell(a.description, { size: small }),
            ...MONTHS.map((m) =>
              a.months.includes(m)
                ? cell(MARK, { fill: MARK_FILL, size: small, align: AlignmentType.CENTER })
                : cell('', { size: small }),
            ),
          ],
        }),
    );
  });
  // Landscape A4 less its margins (14,570 twentieths of a point): the axis, the number, the
  // activity and twelve months wide enough for «Ago» at 8 pt.
  return table([band, months, ...rows], [1900, 600, 4390, ...MONTHS.map(() => 640)]);
}

function calendar(input: ProgrammeDocumentInput): (Paragraph | Table)[] {
  const sessions = [...input.sessions].sort((a, b) => a.date.localeCompare(b.date));
  return [
    table(
      [
        headerRow(CALENDAR_HEADERS),
        ...sessions.map(
          (s) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(monthName(Number(s.date.slice(5, 7)))),
                cell(String(Number(s.date.slice(8, 10))), { align: AlignmentType.CENTER }),
                cell(`${s.number}ª. sesión ${s.type}`),
              ],
            }),
        ),
      ],
      [3200, 1600, 4838],
    ),
    ...(input.details.calendarNote ? [paragraph(''), paragraph(input.details.calendarNote)] : []),
  ];
}

/** The document, ready for `Packer`. */
export function programmeDocument(input: ProgrammeDocumentInput): Document {
  const { details } = input;
  const footers = { default: pageNumbers() };
  return new Document({
    creator: details.executingArea.acronym,
    title: details.title,
    description: `${details.commission.acronym} ${details.year}`,
    styles: DOCUMENT_STYLES,
    sections: [
      { properties: PORTRAIT, footers, children: cover(input) },
      {
        properties: PORTRAIT,
        footers,
        children: [
          ...contents(details),
          ...richText(NARRATIVE_SECTIONS.introduction, details.narrative?.introduction),
          ...richText(NARRATIVE_SECTIONS.background, details.narrative?.background),
          heading(DOCUMENT_SECTIONS.legalBasis),
          paragraph(details.legalBasis),
          ...richText(NARRATIVE_SECTIONS.directives, details.narrative?.directives),
          heading(DOCUMENT_SECTIONS.generalObjective),
          paragraph(details.generalObjective),
          heading(DOCUMENT_SECTIONS.objectives),
          ...objectives(details),
          heading(DOCUMENT_SECTIONS.functions),
          ...functionsByAxis(input),
        ],
      },
      {
        properties: LANDSCAPE,
        footers,
        children: [heading(DOCUMENT_SECTIONS.cronograma), cronograma(input)],
      },
      {
        properties: PORTRAIT,
        footers,
        children: [heading(DOCUMENT_SECTIONS.calendar), ...calendar(input)],
      },
    ],
  });
}

/** The document as the bytes of a .docx file. */
export function programmeDocx(input: ProgrammeDocumentInput): Promise<Buffer> {
  return Packer.toBuffer(programmeDocument(input));
}
