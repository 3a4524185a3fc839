/**
 * The "Calendario de sesiones" sheet in the source document's format: a title, `Mes | Día |
 * Tipo de reunión`, one row per session, and the indicative-calendar note at the end.
 * Pure layout (for exceljs and Office.js alike) and its reader.
 */
import { CellRange } from '../address';
import { Month, parseMonth } from '../months';
import { cellText, fold } from '../text';
import { CellValue, SheetGrid } from '../cronograma/grid';
import { SessionCalendar } from './calendar';
import { dayOf } from './dates';

export const DEFAULT_CALENDAR_NOTE =
  'El calendario de sesiones es de carácter indicativo, más no limitativo, por lo que la Presidencia podrá convocar a sesión en fecha distinta a la establecida, cuando no se pueda sesionar conforme a lo calendarizado.';

export interface CalendarSheetLayout extends SheetGrid {
  merges: CellRange[];
  titleRows: number[];
  headerRow: number;
  sessionRows: number[];
  noteRows: number[];
}

export function layoutCalendarSheet(
  calendar: SessionCalendar,
  options: { commission: string; note?: string; sheetName?: string },
): CalendarSheetLayout {
  const onlyOrdinary = calendar.sessions.every((s) => s.type === 'ordinaria');
  const values: CellValue[][] = [
    [`CALENDARIO ANUAL DE SESIONES DE LA ${options.commission}`],
    [`Calendario de Sesiones ${onlyOrdinary ? 'Ordinarias ' : ''}${calendar.year}`],
    [],
    ['Mes', 'Día', 'Tipo de reunión'],
  ];
  const sessionRows: number[] = [];
  for (const s of calendar.sessions) {
    sessionRows.push(values.length);
    values.push([
      s.monthName,
      dayOf(s.date),
      s.status === 'reprogramada' ? `${s.label} (reprogramada)` : s.label,
    ]);
  }
  const noteRows: number[] = [];
  values.push([]);
  noteRows.push(values.length);
  values.push(['Nota:']);
  noteRows.push(values.length);
  values.push([options.note ?? DEFAULT_CALENDAR_NOTE]);
  for (const s of calendar.sessions.filter(
    (x) => x.note && (x.status === 'reprogramada' || x.origin === 'moved'),
  )) {
    noteRows.push(values.length);
    values.push([`${s.label}: ${s.note}`]);
  }
  const merges: CellRange[] = [0, 1, ...noteRows].map((r) => ({
    top: r,
    left: 0,
    bottom: r,
    right: 2,
  }));
  return {
    name: options.sheetName ?? 'Calendario de sesiones',
    values,
    merges,
    titleRows: [0, 1],
    headerRow: 3,
    sessionRows,
    noteRows,
  };
}

export interface CalendarSheetRow {
  month: Month;
  day: number;
  label: string;
  row: number;
}

/** Reads the session rows back from a calendar sheet (the header `Mes | Día | Tipo de reunión` anywhere). */
export function readCalendarSheet(grid: SheetGrid): CalendarSheetRow[] | undefined {
  const header = grid.values.findIndex(
    (row) => fold(cellText(row?.[0])) === 'mes' && fold(cellText(row?.[1])) === 'dia',
  );
  if (header < 0) return undefined;
  const rows: CalendarSheetRow[] = [];
  for (let r = header + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const month = parseMonth(cellText(row[0]));
    const day = Number(cellText(row[1]));
    if (month === undefined || !Number.isInteger(day) || day < 1) break;
    rows.push({ month, day, label: cellText(row[2]), row: r + 1 });
  }
  return rows;
}
