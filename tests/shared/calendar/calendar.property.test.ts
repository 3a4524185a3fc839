import fc from 'fast-check';
import { MOVE_POLICIES, generateCalendar } from '../../../shared/calendar/calendar';
import { isoDate, monthOf, nthWeekday, weekdayOf } from '../../../shared/calendar/dates';
import { statutoryRestDays } from '../../../shared/calendar/holidays';

const rule = fc
  .record({
    year: fc.integer({ min: 2000, max: 2100 }),
    weekday: fc.integer({ min: 1, max: 5 }),
    week: fc.constantFrom<1 | 2 | 3 | 4 | 'last'>(1, 2, 3, 4, 'last'),
    policy: fc.constantFrom(...MOVE_POLICIES),
    overrides: fc.dictionary(
      fc.integer({ min: 1, max: 12 }).map(String),
      fc.integer({ min: 1, max: 28 }),
      { maxKeys: 3 },
    ),
    vacationDays: fc.array(
      fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
      { maxLength: 6 },
    ),
  })
  .map((r) => ({
    ...r,
    nonWorkingDays: r.vacationDays.map(({ month, day }) => ({
      date: isoDate(r.year, month, day),
      reason: 'vacaciones',
    })),
  }));

describe('calendar properties', () => {
  it('any year 2000–2100 and any rule: 12 ordinary sessions, one a month, increasing, on the rule or recorded as moved', () => {
    fc.assert(
      fc.property(rule, (r) => {
        const { sessions } = generateCalendar(r);
        const restDays = new Set([
          ...statutoryRestDays(r.year).map((d) => d.date),
          ...r.nonWorkingDays.map((d) => d.date),
        ]);
        expect(sessions).toHaveLength(12);
        expect(sessions.map((s) => monthOf(s.date))).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        ]);
        for (let i = 1; i < 12; i++) expect(sessions[i]!.date > sessions[i - 1]!.date).toBe(true);
        sessions.forEach((s, i) => {
          expect(s.type).toBe('ordinaria');
          expect(s.label).toBe(`${i + 1}ª. Ordinaria`);
          const ruleDate = nthWeekday(r.year, i + 1, r.weekday, r.week);
          if (s.origin === 'rule') {
            expect(s.date).toBe(ruleDate);
            expect(weekdayOf(s.date)).toBe(r.weekday);
          } else {
            expect(s.ruleDate).toBe(ruleDate);
            expect(s.note).toBeTruthy();
          }
          if (s.origin === 'override')
            expect(Number(s.date.slice(8))).toBe(r.overrides[String(i + 1)]);
          if (s.origin !== 'override') expect(restDays.has(s.date)).toBe(false);
          if (s.origin === 'moved') expect(restDays.has(ruleDate)).toBe(true);
          if (s.origin === 'moved' && r.policy.endsWith('week'))
            expect(weekdayOf(s.date)).toBe(r.weekday);
        });
      }),
      { numRuns: 500 },
    );
  });
});
