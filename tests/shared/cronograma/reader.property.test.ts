import fc from 'fast-check';
import { layoutCronograma } from '../../../shared/cronograma/layout';
import { readCronograma } from '../../../shared/cronograma/reader';
import { validateCronograma } from '../../../shared/cronograma/validate';
import { plan, planView, sheetGrid } from '../../helpers/arbitraries';

describe('reader properties', () => {
  it('never throws on any grid: it either reads it or says why not', () => {
    fc.assert(
      fc.property(sheetGrid, fc.constantFrom(undefined, '2021-06-15'), (grid, today) => {
        const result = readCronograma(grid);
        if (result.ok) {
          const issues = validateCronograma(result.cronograma, { today, year: 2021 });
          for (const i of issues) expect(i.cell).toMatch(/^[A-Z]+\d+$/);
        } else expect(result.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads back the plan a cronograma was written from, whatever the layout options', () => {
    fc.assert(
      fc.property(
        plan,
        fc.record({
          idColumn: fc.boolean(),
          periodColumn: fc.boolean(),
          repeatHeaderEvery: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
          marks: fc.array(fc.constantFrom('✓', '•', '>', 'x', 'X', '*', '、', 'V', '∠', 1), {
            minLength: 1,
            maxLength: 4,
          }),
        }),
        (p, options) => {
          const layout = layoutCronograma(p, options as never);
          const result = readCronograma(layout);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const read = result.cronograma.activities.map(
            ({ id, axis, axisName, description, months, statuses }) => ({
              id,
              axis,
              axisName,
              description,
              months,
              statuses,
            }),
          );
          expect(read).toEqual(planView(p));
          expect(
            validateCronograma(result.cronograma).filter((i) => i.severity === 'error'),
          ).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
