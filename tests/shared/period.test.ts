import fc from 'fast-check';
import { Month } from '../../shared/months';
import { formatPeriod, parsePeriod, sameMonths } from '../../shared/period';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('declared periods', () => {
  it.each([
    ['Enero-diciembre', range(1, 12)],
    ['Junio- noviembre', range(6, 11)],
    ['Agosto – diciembre', range(8, 12)],
    ['De febrero a noviembre', range(2, 11)],
    ['Julio-Sept', range(7, 9)],
    ['Marzo', [3]],
    ['Enero, abril y julio', [1, 4, 7]],
    ['Todo el año', range(1, 12)],
  ])('reads «%s»', (text, months) => {
    expect(parsePeriod(text)).toEqual(months);
  });

  it.each(['', 'Diciembre-enero', 'Primer trimestre', 'Enero-Teb', '2021'])(
    'refuses «%s» instead of guessing',
    (text) => {
      expect(parsePeriod(text)).toBeUndefined();
    },
  );

  it('formats any set of months as text that reads back to the same months', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1 }), (months) => {
        const text = formatPeriod(months as Month[]);
        expect(sameMonths(parsePeriod(text) ?? [], months as Month[])).toBe(true);
      }),
    );
  });
});
