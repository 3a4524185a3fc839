import { ExcelJS, addCalendarSheet, readWorkbookFile } from '../../../backend/xlsx/workbook';
import { generateCalendar, rescheduleSession } from '../../../shared/calendar/calendar';
import { layoutCalendarSheet, readCalendarSheet } from '../../../shared/calendar/sheet';
import { cellText } from '../../../shared/text';
import { tempDir } from '../../helpers/files';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const cal2021 = () =>
  generateCalendar({ year: 2021, weekday: 4, week: 'last', overrides: { '1': 21, '12': 16 } });

async function roundTrip(calendar = cal2021()) {
  const workbook = new ExcelJS.Workbook();
  addCalendarSheet(workbook, layoutCalendarSheet(calendar, { commission: 'CVOE' }));
  const file = tmp.path(`cal-${Math.random()}.xlsx`);
  await workbook.xlsx.writeFile(file);
  const [sheet] = await readWorkbookFile(file);
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.readFile(file);
  return { sheet: sheet!, pageSetup: loaded.worksheets[0]!.pageSetup };
}

describe('the calendar sheet (.xlsx)', () => {
  it('reads back with the source document’s rows: Mes, Día, Tipo de reunión', async () => {
    const { sheet } = await roundTrip();
    expect(sheet.name).toBe('Calendario de sesiones');
    expect(cellText(sheet.values[0]?.[0])).toBe('CALENDARIO ANUAL DE SESIONES DE LA CVOE');
    expect(cellText(sheet.values[1]?.[0])).toBe('Calendario de Sesiones Ordinarias 2021');
    expect(readCalendarSheet(sheet)?.map((r) => `${r.month}|${r.day}|${r.label}`)).toEqual([
      '1|21|1ª. Ordinaria',
      '2|25|2ª. Ordinaria',
      '3|25|3ª. Ordinaria',
      '4|29|4ª. Ordinaria',
      '5|27|5ª. Ordinaria',
      '6|24|6ª. Ordinaria',
      '7|29|7ª. Ordinaria',
      '8|26|8ª. Ordinaria',
      '9|30|9ª. Ordinaria',
      '10|28|10ª. Ordinaria',
      '11|25|11ª. Ordinaria',
      '12|16|12ª. Ordinaria',
    ]);
  });

  it('ends with the indicative-calendar note and prints on one page', async () => {
    const { sheet, pageSetup } = await roundTrip();
    const texts = sheet.values.map((row) => cellText(row?.[0]));
    const nota = texts.indexOf('Nota:');
    expect(nota).toBeGreaterThan(15);
    expect(texts[nota + 1]).toMatch(
      /^El calendario de sesiones es de carácter indicativo, más no limitativo/,
    );
    expect(pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
  });

  it('marks a rescheduled session and explains the change under the note', async () => {
    const moved = rescheduleSession(cal2021(), {
      number: 9,
      date: '2021-09-23',
      reason: 'Informe al Consejo',
      by: 'ana',
      at: '2021-09-01T10:00:00Z',
    });
    const { sheet } = await roundTrip(moved);
    expect(readCalendarSheet(sheet)?.find((r) => r.month === 9)).toMatchObject({
      day: 23,
      label: '9ª. Ordinaria (reprogramada)',
    });
    expect(
      sheet.values
        .map((row) => cellText(row?.[0]))
        .some((t) =>
          t.startsWith(
            '9ª. Ordinaria: Reprogramada del 30 de septiembre de 2021 al 23 de septiembre de 2021: Informe al Consejo',
          ),
        ),
    ).toBe(true);
  });
});
