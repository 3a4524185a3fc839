import { ExcelJS, addCalendarSheet, addCronogramaSheet } from './workbook';
import { font, printLayout } from './print';
import { generateCalendar } from '../../shared/calendar/calendar';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { Programme } from '../../shared/schemas';
import { CronogramaLayout, layoutCronograma } from '../../shared/cronograma/layout';
import { Month } from '../../shared/months';

/** The glyphs the source document's check marks came out as: staff sheets are that varied. */
export const SOURCE_MARKS = [
  '>',
  '•',
  '✓',
  '<',
  ',',
  '~',
  '*',
  '、',
  '\\',
  'V',
  'y',
  '∠',
  'x',
  '✔',
];

export function programmeLayout(
  programme: Programme,
  options: { repeatHeaderEvery?: number } = {},
): CronogramaLayout {
  return layoutCronograma(
    {
      year: programme.year,
      axes: programme.axes,
      activities: programme.activities.map((a) => ({ ...a, months: a.months as Month[] })),
    },
    {
      sheetName: `Cronograma ${programme.year}`,
      marks: SOURCE_MARKS,
      periodColumn: true,
      repeatHeaderEvery: options.repeatHeaderEvery,
    },
  );
}

/**
 * The staff-style workbook of a programme: a cover sheet first (so the cronograma must be
 * found by its content), then the cronograma in the layout of section VIII, with the header
 * block repeated where each printed page of the source document began, then the session calendar.
 */
export function programmeWorkbook(programme: Programme): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PAT Cronograma';
  addCoverSheet(workbook, programme);
  addCronogramaSheet(workbook, programmeLayout(programme, { repeatHeaderEvery: 8 }));
  const calendar = generateCalendar({ year: programme.year, ...programme.calendarRule });
  addCalendarSheet(
    workbook,
    layoutCalendarSheet(calendar, {
      commission: programme.commission.acronym,
      note: programme.calendarNote,
    }),
  );
  return workbook;
}

/** The cover: the programme's title and its record, one A4 portrait page. */
function addCoverSheet(workbook: ExcelJS.Workbook, programme: Programme): ExcelJS.Worksheet {
  const cover = workbook.addWorksheet('Portada');
  cover.getColumn(1).width = 60;
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [programme.title, { bold: true, size: 18 }],
    [`${programme.institute.name} (${programme.institute.acronym})`, { size: 14 }],
    [
      `Aprobado: acuerdo ${programme.agreements.approval.id} (${programme.agreements.approval.session})`,
      {},
    ],
    [
      `Ratificado: acuerdo ${programme.agreements.ratification.id} (${programme.agreements.ratification.session})`,
      {},
    ],
    [`Área ejecutora: ${programme.executingArea.name} (${programme.executingArea.acronym})`, {}],
  ];
  lines.forEach(([text, style], i) => {
    // A blank row between the heading and the record.
    const cell = cover.getCell(i < 2 ? i + 1 : i + 2, 1);
    cell.value = text;
    cell.font = font(style);
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: i < 2 ? 'center' : 'left' };
  });
  printLayout(cover, { orientation: 'portrait', flexibleColumns: [1], fitToHeight: 1 });
  return cover;
}
