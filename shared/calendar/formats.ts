/** The calendar in the formats people open it in: JSON (the CLI contract), CSV and iCalendar. */
import { spreadsheetCsv } from '../csv';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { SessionCalendar } from './calendar';
import { dayOf } from './dates';
import { vtimezone } from './vtimezone';

export const MEXICO_CITY = 'America/Mexico_City';

/** `{"sessions":[{"number","date","type","label"}]}`: exactly the design's contract. */
export function calendarJson(calendar: SessionCalendar) {
  return {
    sessions: calendar.sessions.map(({ number, date, type, label }) => ({
      number,
      date,
      type,
      label,
    })),
  };
}

export function calendarCsv(calendar: SessionCalendar): string {
  return spreadsheetCsv(
    calendar.sessions.map((s) => [
      s.number,
      s.type,
      s.date,
      s.monthName,
      dayOf(s.date),
      s.label,
      s.status,
      s.note ?? '',
    ]),
    ['Número', 'Tipo', 'Fecha', 'Mes', 'Día', 'Tipo de reunión', 'Estatus', 'Nota'],
  );
}

export interface IcsOptions {
  /** Commission acronym for titles and UIDs, e.g. "CVOE". */
  commission: string;
  /** Local start time "HH:MM" in Mexico City. */
  time?: string;
  durationMinutes?: number;
  /** Domain part of the UIDs; stays the same so regenerated calendars update, not duplicate. */
  uidDomain?: string;
}

/** Stable across regenerations: the same session of the same commission and year keeps its UID. */
export function sessionUid(
  commission: string,
  year: number,
  type: string,
  number: number,
  domain = 'pat-cronograma.iecm.mx',
): string {
  return `${commission.toLowerCase()}-${year}-${type}-${String(number).padStart(2, '0')}@${domain}`;
}

export function calendarIcs(calendar: SessionCalendar, options: IcsOptions): string {
  const [hour, minute] = (options.time ?? '11:00').split(':').map(Number) as [number, number];
  const cal = ical({
    name: `Sesiones ${options.commission} ${calendar.year}`,
    prodId: { company: 'IECM', product: 'PAT Cronograma', language: 'ES' },
    timezone: {
      name: MEXICO_CITY,
      generator: () => vtimezone(MEXICO_CITY, calendar.year, calendar.year),
    },
  });
  for (const s of calendar.sessions) {
    const start = DateTime.fromISO(s.date, { zone: MEXICO_CITY }).set({ hour, minute });
    cal.createEvent({
      id: sessionUid(options.commission, calendar.year, s.type, s.number, options.uidDomain),
      sequence: s.sequence,
      start,
      end: start.plus({ minutes: options.durationMinutes ?? 120 }),
      timezone: MEXICO_CITY,
      summary: `${s.label.replace(/ (\S+)$/, ' Sesión $1')} de la ${options.commission}`,
      description: [`${s.label} ${calendar.year} de la ${options.commission}.`, s.note]
        .filter(Boolean)
        .join('\n'),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 wants DTSTAMP in UTC; ical-generator writes it in the calendar's zone. A fixed stamp
  // (the start of the calendar's year) keeps regenerated files identical: SEQUENCE tells changes.
  const stamp = `DTSTAMP:${calendar.year - 1}1231T000000Z`;
  return cal.toString().replace(/^DTSTAMP:.*$/gm, stamp);
}
