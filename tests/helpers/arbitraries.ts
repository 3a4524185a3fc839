import fc from 'fast-check';
import { CellRange } from '../../shared/address';
import { CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { Plan } from '../../shared/cronograma/layout';
import { labelOf } from '../../shared/cronograma/header';
import { MONTH_ABBREVIATIONS, parseMonth } from '../../shared/months';
import { HEADER } from './grid';
import { Month } from '../../shared/months';
import { STATUSES } from '../../shared/status';
import { fold } from '../../shared/text';

/** Cell values of every kind a sheet can hold, biased toward the words a cronograma uses. */
export const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...MONTH_ABBREVIATIONS, 'Sept'),
  fc.constantFrom(
    'No.',
    'Ejes de acción',
    'Actividades',
    'ID',
    'Periodo',
    'TRIMESTRES',
    'AÑO 2021',
    'Eje 2',
    '1.1',
    '3.x',
  ),
  fc.constantFrom('✓', '•', '>', 'x', 'Realizada', 'En proceso', 'ver nota', '', '  '),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -3, max: 30 }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
);

export const sheetGrid: fc.Arbitrary<SheetGrid> = fc
  .record({
    rows: fc.integer({ min: 0, max: 14 }),
    cols: fc.integer({ min: 0, max: 18 }),
  })
  .chain(({ rows, cols }) =>
    fc.record({
      values: fc.array(fc.array(cellValue, { maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
      merges: fc.array(
        fc
          .tuple(fc.nat(Math.max(rows - 1, 0)), fc.nat(Math.max(cols - 1, 0)), fc.nat(3), fc.nat(3))
          .map(([top, left, h, w]): CellRange => ({ top, left, bottom: top + h, right: left + w })),
        { maxLength: 4 },
      ),
      headerAt: fc.option(fc.nat(Math.max(rows - 1, 0))),
      origin: fc.option(fc.record({ row: fc.nat(5), col: fc.nat(5) }), { nil: undefined }),
    }),
  )
  .map(({ values, merges, headerAt, origin }) => {
    // Half the grids get a real header so the reader goes past the header search.
    if (headerAt !== null) values[headerAt] = HEADER;
    return { name: 'Aleatoria', values, merges, origin };
  });

const word = fc.stringMatching(/^[A-Za-zÁÉÍÓÚáéíóúñÑ]{2,10}$/);
/** Free text that a person would write as an activity or axis name (never a header word). */
export const description = fc
  .array(word, { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '))
  .filter(
    (text) =>
      labelOf(text) === undefined &&
      parseMonth(text) === undefined &&
      !/^(trimestres?|cronograma|ano)/i.test(text),
  );

const monthSet = fc
  .uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 })
  .map((ms) => ms.sort((a, b) => a - b) as Month[]);

export const plan: fc.Arbitrary<Plan> = fc
  .array(
    fc.record({
      name: description,
      activities: fc.uniqueArray(
        fc.record({
          description,
          months: monthSet,
          statusSeed: fc.array(fc.constantFrom(...STATUSES), { maxLength: 12 }),
        }),
        { minLength: 1, maxLength: 6, selector: (a) => fold(a.description) },
      ),
    }),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((axes) => ({
    year: 2021,
    axes: axes.map((a, i) => ({ number: i + 1, name: a.name })),
    activities: axes.flatMap((a, i) =>
      a.activities.map((act, j) => ({
        id: `${i + 1}.${j + 1}`,
        axis: i + 1,
        description: act.description,
        months: act.months,
        statuses: Object.fromEntries(
          act.months.map((m, k) => [m, act.statusSeed[k] ?? 'pendiente']),
        ),
      })),
    ),
  }));

/** What a plan says, in the shape the reader gives back (a pending month is a bare mark). */
export function planView(p: Plan) {
  return p.activities.map((a) => ({
    id: a.id,
    axis: a.axis,
    axisName: p.axes.find((x) => x.number === a.axis)?.name,
    description: a.description,
    months: [...a.months],
    statuses: Object.fromEntries(
      Object.entries(a.statuses ?? {}).filter(([, s]) => s !== 'pendiente'),
    ),
  }));
}
