import { MONTHS, monthAbbreviation, monthName, parseMonth } from '../../shared/months';

describe('Spanish months', () => {
  it.each([
    ['Enero', 1],
    ['enero', 1],
    ['ENE', 1],
    ['Ene.', 1],
    ['Feb', 2],
    ['Septiembre', 9],
    ['Sept', 9],
    ['Set', 9],
    ['Sep.', 9],
    ['setiembre', 9],
    ['Díc', 12],
    [' Diciembre ', 12],
  ])('reads «%s» as month %d', (text, month) => {
    expect(parseMonth(text)).toBe(month);
  });

  it.each(['', 'Teb', 'Enerooo', '2021', 'Trimestres', 'Actividades'])(
    'does not read «%s» as a month',
    (text) => {
      expect(parseMonth(text)).toBeUndefined();
    },
  );

  it('names and abbreviates every month so that both read back', () => {
    for (const m of MONTHS) {
      expect(parseMonth(monthName(m))).toBe(m);
      expect(parseMonth(monthAbbreviation(m))).toBe(m);
    }
  });
});
