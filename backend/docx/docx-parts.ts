/**
 * What the Word documents (the programme's and the periodic report's) are made of, so they look
 * alike: Arial runs and paragraphs, table cells (a web address written as a link), lilac header
 * rows, grey borders, A4 pages portrait and landscape with 2 cm margins, «Página N de M» in the
 * footer.
 */
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  Footer,
  ITableCellOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  ParagraphChild,
  ShadingType,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

export const FONT = 'Arial';
/** The lilac of the programme's tables (as the workbooks draw their headers). */
export const HEADER_FILL = 'D9D2E9';
export const AXIS_FILL = 'EDE7F6';
/** A4 in twentieths of a point. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1134; // 2 cm

/** The document's default run: Arial 11 pt. */
export const DOCUMENT_STYLES = { default: { document: { run: { font: FONT, size: 22 } } } };

const margin = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
/** A section's page: A4 portrait or landscape, 2 cm margins. */
export const PORTRAIT = { page: { size: A4, margin } };
export const LANDSCAPE = {
  page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin },
};

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export const text = (
  value: string,
  options: { bold?: boolean; size?: number; colour?: string } = {},
) =>
  new TextRun({
    text: value,
    font: FONT,
    size: options.size ?? 22,
    bold: options.bold ?? false,
    ...(options.colour ? { color: options.colour } : {}),
  });

export const paragraph = (
  value: string,
  options: {
    bold?: boolean;
    size?: number;
    colour?: string;
    align?: Align;
    after?: number;
    /** Kept on the page of the paragraph that follows it. */
    keepNext?: boolean;
  } = {},
) =>
  new Paragraph({
    children: [text(value, options)],
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: options.after ?? 120 },
    ...(options.keepNext ? { keepNext: true } : {}),
  });

export type CellOptions = {
  bold?: boolean;
  fill?: string;
  size?: number;
  align?: Align;
  /** Twentieths of a point (the columns it spans). */
  width?: number;
  /** Written as a link when it is a web address. */
  link?: boolean;
  /** One paragraph per line of the text (notes may hold line breaks); else the text as one run. */
  lines?: boolean;
} & Pick<ITableCellOptions, 'columnSpan' | 'rowSpan'>;

export function cell(value: string, options: CellOptions = {}): TableCell {
  const { bold, fill, size, align, width, link, lines, ...span } = options;
  const points = size ?? 20;
  const alignment = align ?? AlignmentType.LEFT;
  const children =
    link && isWebAddress(value)
      ? [new Paragraph({ children: [linkTo(value, points)], alignment })]
      : (lines ? value.split(/\r\n|\r|\n/) : [value]).map(
          (line) =>
            new Paragraph({
              children: [text(line, { bold: bold ?? false, size: points })],
              alignment,
            }),
        );
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

/** A table's header row, repeated on every page: bold, centred, lilac. */
export const headerRow = (
  labels: readonly string[],
  options: {
    /** Each column's width (twentieths of a point). */
    widths?: readonly number[];
    size?: number;
    /** Never split over two pages. */
    cantSplit?: boolean;
  } = {},
) =>
  new TableRow({
    tableHeader: true,
    ...(options.cantSplit ? { cantSplit: true } : {}),
    children: labels.map((label, i) =>
      cell(label, {
        bold: true,
        fill: HEADER_FILL,
        align: AlignmentType.CENTER,
        ...(options.widths?.[i] ? { width: options.widths[i] } : {}),
        ...(options.size ? { size: options.size } : {}),
      }),
    ),
  });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '7F7F7F' };
/** A table's borders: thin grey lines, outside and in. */
export const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** «Página N de M», centred. */
export const pageNumbers = () =>
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
