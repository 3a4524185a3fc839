import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { generateCalendar, rescheduleSession, addSession } from '../../../shared/calendar/calendar';
import { calendarCsv, calendarIcs, calendarJson } from '../../../shared/calendar/formats';
import { loadSeedProgramme } from '../../../seeds';

const cal2021 = () =>
  generateCalendar({ year: 2021, weekday: 4, week: 'last', overrides: { '1': 21, '12': 16 } });
const who = { by: 'ana.lopez@iecm.mx', at: '2021-09-01T10:00:00-05:00' };

interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  startUtc: string;
  tzid: string;
}

/** Parses an .ics with ical.js, resolving TZIDs through the file's own VTIMEZONE. */
function parseIcs(text: string): ParsedEvent[] {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  try {
    return root.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        sequence: event.sequence,
        summary: event.summary,
        startUtc: event.startDate.toJSDate().toISOString(),
        tzid: String(component.getFirstProperty('dtstart')?.getParameter('tzid')),
      };
    });
  } finally {
    ICAL.TimezoneService.reset();
  }
}

describe('calendar formats', () => {
  it('JSON is exactly the design contract', () => {
    expect(calendarJson(cal2021())).toEqual({
      sessions: loadSeedProgramme().sessions.map(({ number, date, type, label }) => ({
        number,
        date,
        type,
        label,
      })),
    });
  });

  it('CSV reads back with the same sessions, notes quoted', () => {
    const rows = parseCsv(calendarCsv(cal2021()), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      Número: '1',
      Tipo: 'ordinaria',
      Fecha: '2021-01-21',
      Mes: 'Enero',
      Día: '21',
      'Tipo de reunión': '1ª. Ordinaria',
    });
    expect(rows[0]!.Nota).toContain('28 de enero de 2021');
    expect(rows.map((r) => r.Fecha)).toEqual(cal2021().sessions.map((s) => s.date));
  });

  it('iCalendar: one event per session, in Mexico City time, daylight saving in April–October 2021', () => {
    const events = parseIcs(calendarIcs(cal2021(), { commission: 'CVOE', time: '11:00' }));
    expect(events).toHaveLength(12);
    expect(events.every((e) => e.tzid === 'America/Mexico_City')).toBe(true);
    expect(events[0]).toMatchObject({
      summary: '1ª. Sesión Ordinaria de la CVOE',
      startUtc: '2021-01-21T17:00:00.000Z',
      sequence: 0,
    });
    expect(events[3]!.startUtc).toBe('2021-04-29T16:00:00.000Z'); // UTC−5
    expect(events[9]!.startUtc).toBe('2021-10-28T16:00:00.000Z'); // still UTC−5 until 31 October
    expect(events[10]!.startUtc).toBe('2021-11-25T17:00:00.000Z'); // UTC−6
  });

  it('iCalendar: after 2022 Mexico City has no daylight saving', () => {
    const events = parseIcs(
      calendarIcs(generateCalendar({ year: 2025, weekday: 4, week: 'last' }), {
        commission: 'CVOE',
        time: '10:30',
      }),
    );
    expect(events.map((e) => e.startUtc.slice(11, 16))).toEqual(new Array(12).fill('16:30'));
  });

  it('iCalendar: UIDs stay the same when the calendar is regenerated; a rescheduled session keeps its UID with a higher SEQUENCE', () => {
    const first = parseIcs(calendarIcs(cal2021(), { commission: 'CVOE' }));
    const again = parseIcs(calendarIcs(cal2021(), { commission: 'CVOE' }));
    expect(calendarIcs(cal2021(), { commission: 'CVOE' })).toBe(
      calendarIcs(cal2021(), { commission: 'CVOE' }),
    );
    expect(again.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(new Set(first.map((e) => e.uid)).size).toBe(12);
    const moved = parseIcs(
      calendarIcs(
        rescheduleSession(cal2021(), { number: 9, date: '2021-09-23', reason: 'Informe', ...who }),
        { commission: 'CVOE' },
      ),
    );
    const ninth = moved.find((e) => e.uid === first[8]!.uid)!;
    expect(ninth).toMatchObject({ sequence: 1, startUtc: '2021-09-23T16:00:00.000Z' });
  });

  it('iCalendar: extraordinary sessions get their own UIDs and titles', () => {
    const cal = addSession(cal2021(), {
      date: '2021-03-10',
      type: 'extraordinaria',
      reason: 'Convenio',
      ...who,
    });
    const events = parseIcs(calendarIcs(cal, { commission: 'CVOE' }));
    expect(events.find((e) => e.summary === '1ª. Sesión Extraordinaria de la CVOE')?.uid).toBe(
      'cvoe-2021-extraordinaria-01@pat-cronograma.iecm.mx',
    );
  });

  it('iCalendar output is valid RFC 5545 where ical-generator is not: DTSTAMP in UTC, CRLF lines', () => {
    const text = calendarIcs(cal2021(), { commission: 'CVOE' });
    expect(text.match(/^DTSTAMP:.*$/gm)?.every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});
