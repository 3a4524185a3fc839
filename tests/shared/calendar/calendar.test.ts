import {
  addSession,
  generateCalendar,
  legalCheckpoints,
  rescheduleSession,
  validateCalendar,
  CalendarError,
} from '../../../shared/calendar/calendar';
import { nthWeekday } from '../../../shared/calendar/dates';
import { parseWeekOfMonth, parseWeekday } from '../../../shared/calendar/weekdays';
import { loadSeedProgramme } from '../../../seeds';

const THURSDAY = 4;
const cal2021 = () =>
  generateCalendar({
    year: 2021,
    weekday: THURSDAY,
    week: 'last',
    overrides: { '1': 21, '12': 16 },
  });
const who = { by: 'ana.lopez@iecm.mx', at: '2021-09-01T10:00:00-05:00' };

describe('session calendar', () => {
  it('reproduces the source document’s 2021 calendar from Thursday / last week / 1=21, 12=16', () => {
    const seed = loadSeedProgramme().sessions;
    expect(
      cal2021().sessions.map(({ number, date, type, label }) => ({ number, date, type, label })),
    ).toEqual(seed.map(({ number, date, type, label }) => ({ number, date, type, label })));
  });

  it('records that January and December come from overrides, with the rule date', () => {
    const s = cal2021().sessions;
    expect(s[0]).toMatchObject({ origin: 'override', ruleDate: '2021-01-28', monthName: 'Enero' });
    expect(s[11]).toMatchObject({ origin: 'override', ruleDate: '2021-12-30' });
    expect(s.slice(1, 11).every((x) => x.origin === 'rule')).toBe(true);
  });

  it('finds the n-th and the last weekday of a month', () => {
    expect(nthWeekday(2021, 9, THURSDAY, 3)).toBe('2021-09-16');
    expect(nthWeekday(2021, 9, THURSDAY, 'last')).toBe('2021-09-30');
    expect(nthWeekday(2021, 2, 1, 1)).toBe('2021-02-01');
  });

  it('moves a session off a statutory rest day one week earlier by default, and says why', () => {
    const s = generateCalendar({ year: 2021, weekday: THURSDAY, week: 3 }).sessions[8]!;
    expect(s).toMatchObject({ date: '2021-09-09', origin: 'moved', ruleDate: '2021-09-16' });
    expect(s.note).toContain('Día de la Independencia');
    expect(s.note).toContain('una semana antes');
  });

  it('follows the stated policy when moving', () => {
    const at = (policy: 'next-week' | 'previous-working-day' | 'next-working-day') =>
      generateCalendar({ year: 2021, weekday: THURSDAY, week: 3, policy }).sessions[8]!.date;
    expect(at('next-week')).toBe('2021-09-23');
    expect(at('previous-working-day')).toBe('2021-09-15');
    expect(at('next-working-day')).toBe('2021-09-17');
  });

  it('moves a session that falls at the start of the month later when earlier would leave the month', () => {
    // First Monday of February is the Constitution day: one week earlier is January.
    const s = generateCalendar({ year: 2021, weekday: 1, week: 1 }).sessions[1]!;
    expect(s).toMatchObject({ ruleDate: '2021-02-01', date: '2021-02-08', origin: 'moved' });
    expect(s.note).toContain('una semana después');
  });

  it('moves off the institution’s own non-working days too (vacations)', () => {
    const nonWorkingDays = [
      '2021-07-19',
      '2021-07-20',
      '2021-07-21',
      '2021-07-22',
      '2021-07-23',
      '2021-07-26',
      '2021-07-27',
      '2021-07-28',
      '2021-07-29',
      '2021-07-30',
    ].map((date) => ({ date, reason: 'periodo vacacional de verano' }));
    const s = generateCalendar({ year: 2021, weekday: THURSDAY, week: 'last', nonWorkingDays })
      .sessions[6]!;
    expect(s).toMatchObject({ ruleDate: '2021-07-29', date: '2021-07-15', origin: 'moved' });
    expect(s.note).toContain('periodo vacacional de verano');
  });

  it('keeps an explicit date even on a rest day, and says so', () => {
    const s = generateCalendar({ year: 2004, weekday: THURSDAY, week: 1, overrides: { '2': 5 } })
      .sessions[1]!;
    expect(s).toMatchObject({ date: '2004-02-05', origin: 'override', ruleDate: '2004-02-05' });
    expect(s.note).toContain('es día inhábil (Día de la Constitución, 5 de febrero)');
  });

  it('refuses an override for a day the month does not have', () => {
    expect(() =>
      generateCalendar({ year: 2021, weekday: THURSDAY, week: 'last', overrides: { '2': 30 } }),
    ).toThrow(CalendarError);
  });

  it('adds an extraordinary session numbered within its type, and records it', () => {
    const cal = addSession(
      addSession(cal2021(), {
        date: '2021-03-10',
        type: 'extraordinaria',
        reason: 'Convenio urgente',
        ...who,
      }),
      {
        date: '2021-06-02',
        type: 'extraordinaria',
        reason: 'Informe',
        ...who,
      },
    );
    expect(cal.sessions.filter((s) => s.type === 'extraordinaria').map((s) => s.label)).toEqual([
      '1ª. Extraordinaria',
      '2ª. Extraordinaria',
    ]);
    expect(cal.sessions.map((s) => s.date)).toEqual([...cal.sessions.map((s) => s.date)].sort());
    expect(cal.changes).toEqual([
      expect.objectContaining({
        kind: 'agregada',
        type: 'extraordinaria',
        number: 1,
        to: '2021-03-10',
      }),
      expect.objectContaining({ kind: 'agregada', number: 2, to: '2021-06-02' }),
    ]);
  });

  it('reschedules an ordinary session keeping its number, records who, when and why, and bumps its sequence', () => {
    const cal = rescheduleSession(cal2021(), {
      number: 9,
      date: '2021-09-23',
      reason: 'Coincide con el informe del Consejo General',
      ...who,
    });
    const s = cal.sessions.find((x) => x.number === 9 && x.type === 'ordinaria')!;
    expect(s).toMatchObject({
      date: '2021-09-23',
      label: '9ª. Ordinaria',
      status: 'reprogramada',
      sequence: 1,
    });
    expect(cal.changes).toEqual([
      {
        kind: 'reprogramada',
        type: 'ordinaria',
        number: 9,
        from: '2021-09-30',
        to: '2021-09-23',
        reason: 'Coincide con el informe del Consejo General',
        ...who,
      },
    ]);
    const again = rescheduleSession(cal, {
      number: 9,
      date: '2021-09-28',
      reason: 'Otra vez',
      ...who,
    });
    expect(again.sessions.find((x) => x.number === 9)!.sequence).toBe(2);
    expect(again.changes).toHaveLength(2);
  });

  it('refuses to reschedule a session that does not exist, to another year, or without a reason', () => {
    expect(() =>
      rescheduleSession(cal2021(), { number: 13, date: '2021-09-23', reason: 'x', ...who }),
    ).toThrow(/No existe la sesión 13ª. Ordinaria/);
    expect(() =>
      rescheduleSession(cal2021(), { number: 1, date: '2022-01-20', reason: 'x', ...who }),
    ).toThrow(/no es del año 2021/);
    expect(() =>
      rescheduleSession(cal2021(), { number: 1, date: '2021-01-20', reason: ' ', ...who }),
    ).toThrow(/motivo/);
  });

  it('names the sessions expected to ratify this year’s programme and approve next year’s (art. 57)', () => {
    const { ratification, approval } = legalCheckpoints(cal2021());
    expect(ratification?.label).toBe('1ª. Ordinaria');
    expect(approval).toMatchObject({ label: '9ª. Ordinaria', date: '2021-09-30' });
    expect(validateCalendar(cal2021())).toEqual([]);
  });

  it('warns when a year has no session in January or September', () => {
    const noJanuary = rescheduleSession(cal2021(), {
      number: 1,
      date: '2021-02-04',
      reason: 'Sin quórum',
      ...who,
    });
    const noSeptember = rescheduleSession(noJanuary, {
      number: 9,
      date: '2021-10-07',
      reason: 'Sin quórum',
      ...who,
    });
    expect(validateCalendar(noSeptember).map((i) => i.code)).toEqual([
      'calendar.no_ratification_session',
      'calendar.no_approval_session',
    ]);
    expect(validateCalendar(noSeptember)[1]?.message).toContain('programa 2022');
  });

  it('warns when a rescheduled session lands on a rest day', () => {
    const cal = rescheduleSession(cal2021(), {
      number: 9,
      date: '2021-09-16',
      reason: 'x',
      ...who,
    });
    expect(validateCalendar(cal).map((i) => i.code)).toEqual(['calendar.session_on_rest_day']);
  });

  it('reads weekdays and weeks in English or Spanish', () => {
    expect(
      ['thursday', 'Thursday', 'jueves', 'Jueves', 'jue', 'thu', '4'].map(parseWeekday),
    ).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(parseWeekday('miercoles')).toBe(3);
    expect(parseWeekday('juernes')).toBeUndefined();
    expect(['last', 'última', 'ultima', '1', '4'].map(parseWeekOfMonth)).toEqual([
      'last',
      'last',
      'last',
      1,
      4,
    ]);
    expect(parseWeekOfMonth('5')).toBeUndefined();
  });
});
