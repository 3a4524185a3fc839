import fc from 'fast-check';
import { thousands } from '../../shared/text';

describe('thousands', () => {
  it('writes whole numbers as es-MX does, without ICU', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(thousands(n)).toBe(n.toLocaleString('es-MX'));
      }),
    );
    expect(thousands(4_194_304)).toBe('4,194,304');
    expect(thousands(999)).toBe('999');
  });
});
