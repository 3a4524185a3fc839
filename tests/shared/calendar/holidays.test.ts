import Holidays from 'date-holidays';
import { statutoryRestDays } from '../../../shared/calendar/holidays';

const dates = (year: number) => statutoryRestDays(year).map((d) => d.date);

describe('statutory rest days (LFT art. 74)', () => {
  it('lists the seven yearly rest days of 2021', () => {
    expect(dates(2021)).toEqual([
      '2021-01-01',
      '2021-02-01',
      '2021-03-15',
      '2021-05-01',
      '2021-09-16',
      '2021-11-15',
      '2021-12-25',
    ]);
  });

  it('adds 1 October in years of the transfer of federal executive power from 2024, and 1 December before', () => {
    expect(dates(2024)).toContain('2024-10-01');
    expect(dates(2030)).toContain('2030-10-01');
    expect(dates(2018)).toContain('2018-12-01');
    expect(dates(2024)).not.toContain('2024-12-01');
    for (const year of [2019, 2020, 2021, 2022, 2023, 2025, 2026])
      expect(dates(year)).toHaveLength(7);
  });

  it('agrees with date-holidays (country MX, public days) on every other rest day from 2000 to 2100', () => {
    const hd = new Holidays('MX');
    for (let year = 2000; year <= 2100; year++) {
      const theirs = hd
        .getHolidays(year)
        .filter((h) => h.type === 'public' && !/Transmisi/i.test(h.name))
        .map((h) => h.date.slice(0, 10));
      const ours = statutoryRestDays(year)
        .filter((d) => !d.reason.startsWith('Transmisión'))
        .map((d) => d.date);
      expect([year, ours]).toEqual([year, [...new Set(theirs)].sort()]);
    }
  });
});
