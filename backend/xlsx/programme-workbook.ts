import { ExcelJS, addCalendarSheet, addCronogramaSheet } from './workbook';
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
  const cover = workbook.addWorksheet('Portada');
  cover.getColumn(1).width = 110;
  [
    programme.title,
    `${programme.institute.name} (${programme.institute.acronym})`,
    `Aprobado: acuerdo ${programme.agreements.approval.id} (${programme.agreements.approval.session})`,
    `Ratificado: acuerdo ${programme.agreements.ratification.id} (${programme.agreements.ratification.session})`,
    `Área ejecutora: ${programme.executingArea.name} (${programme.executingArea.acronym})`,
  ].forEach((line, i) => (cover.getCell(i + 1, 1).value = line));
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
