import { monthRuns } from '../../addin/src/sheet-ranges';
import { HEADER, MONTH_HEADER, grid, marks, read } from '../helpers/grid';

describe('status drop-down ranges', () => {
  it('are runs of adjacent planned month cells', () => {
    const r = read(grid([HEADER, [1, 'Eje', 'a', ...marks([1, 2, 3, 6, 12])]]));
    expect(monthRuns(r.activities[0]!)).toEqual(['D2:F2', 'I2', 'O2']);
  });

  it('follow the columns, not the month order, when the months are reordered', () => {
    const months = [...MONTH_HEADER].reverse();
    const r = read(
      grid([
        ['Actividades', ...months, 'No.'],
        ['a', ...marks([12, 11, 1]).reverse(), 1],
      ]),
    );
    // Dic, Nov in B:C; Ene in M.
    expect(monthRuns(r.activities[0]!)).toEqual(['B2:C2', 'M2']);
  });
});
