import fc from 'fast-check';
import { isIsoDate } from '../../../shared/calendar/dates';
import { isoDateSchema } from '../../../shared/schemas';

describe('isIsoDate', () => {
  it('accepts exactly the dates the contract accepts', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
          fc
            .date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          fc.string(),
        ),
        (text) => {
          expect(isIsoDate(text)).toBe(isoDateSchema.safeParse(text).success);
        },
      ),
      { numRuns: 2000 },
    );
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
  });
});
