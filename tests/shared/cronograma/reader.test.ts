import { readCronograma } from '../../../shared/cronograma/reader';
import { HEADER, MONTH_HEADER, grid, marks, read } from '../../helpers/grid';

const codes = (issues: { code: string; cell: string }[]) =>
  issues.map((i) => `${i.code}@${i.cell}`);

describe('reading the cronograma as staff keep it', () => {
  it('finds the header below title rows, with trimesters above the months', () => {
    const g = grid([
      ['CRONOGRAMA DE ACTIVIDADES'],
      [null, null, null, 'AÑO 2021'],
      ['No.', 'Ejes de acción', 'Actividades', 'TRIMESTRES'],
      [null, null, null, 1, null, null, 2, null, null, 3, null, null, 4],
      [null, null, null, ...MONTH_HEADER],
      [1, 'Eje uno', 'Primera actividad', ...marks([1, 2, 3])],
    ]);
    const r = read(g);
    expect(r.headerRow).toBe(5);
    expect(r.year).toBe(2021);
    expect(r.activities).toEqual([
      expect.objectContaining({
        id: '1.1',
        axis: 1,
        axisName: 'Eje uno',
        description: 'Primera actividad',
        months: [1, 2, 3],
        row: 6,
      }),
    ]);
    expect(r.activities[0]?.cells).toMatchObject({
      axis: 'A6',
      description: 'C6',
      months: { 1: 'D6', 12: 'O6' },
    });
    expect(r.issues).toEqual([]);
  });

  it('takes columns in any order, months included', () => {
    const months = [...MONTH_HEADER].reverse();
    const g = grid([
      ['Actividades', ...months, 'Ejes de acción', 'No.'],
      ['Difundir materiales', ...marks([12, 11]).reverse(), 'Difusión', 2],
      ['Otra', ...marks([1]).reverse(), null, null],
    ]);
    const r = read(g);
    expect(r.activities.map((a) => [a.id, a.months])).toEqual([
      ['2.1', [11, 12]],
      ['2.2', [1]],
    ]);
    expect(r.activities[1]?.cells.months[1]).toBe('M3');
  });

  it('reads axis number and name merged down their activities', () => {
    const g = grid(
      [
        HEADER,
        [1, 'Eje uno', 'a', ...marks([1])],
        [null, null, 'b', ...marks([2])],
        [2, 'Eje dos', 'c', ...marks([3])],
      ],
      ['A2:A3', 'B2:B3'],
    );
    expect(read(g).activities.map((a) => `${a.id} ${a.axisName}`)).toEqual([
      '1.1 Eje uno',
      '1.2 Eje uno',
      '2.1 Eje dos',
    ]);
  });

  it('reads axis cells written only on the first row of their group, across blank rows', () => {
    const g = grid([
      HEADER,
      [1, 'Eje uno', 'a', ...marks([1])],
      [],
      [null, null, 'b', ...marks([2])],
      [null, null, null],
      [2, 'Eje dos', 'c', ...marks([3])],
    ]);
    expect(read(g).activities.map((a) => `${a.id}@${a.row}`)).toEqual(['1.1@2', '1.2@4', '2.1@6']);
  });

  it('skips header blocks repeated where a printed page began, keeping the axis going', () => {
    const g = grid([
      ['CRONOGRAMA DE ACTIVIDADES'],
      HEADER,
      [1, 'Eje uno', 'a', ...marks([1])],
      ['CRONOGRAMA DE ACTIVIDADES'],
      [null, null, null, 'AÑO 2021'],
      ['No.', 'Ejes de acción', 'Actividades', 'TRIMESTRES'],
      [null, null, null, 1, null, null, 2, null, null, 3, null, null, 4],
      [null, null, null, ...MONTH_HEADER.map((m) => (m === 'Feb' ? 'Teb' : m))],
      [null, null, 'b', ...marks([2])],
    ]);
    const r = read(g);
    expect(r.activities.map((a) => `${a.id}@${a.row}`)).toEqual(['1.1@3', '1.2@9']);
    expect(r.issues).toEqual([]);
  });

  it('reads a description merged over two rows as one activity', () => {
    const g = grid(
      [HEADER, [1, 'Eje', 'larga', ...marks([1])], [null, null, null, ...marks([1])]],
      ['C2:C3', 'D2:D3'],
    );
    expect(read(g).activities).toHaveLength(1);
  });

  it('reports the cell of month text that is neither a mark nor a status, and still counts the month', () => {
    const g = grid([HEADER, [1, 'Eje', 'a', '✓', 'ver nota', 'Realizada']]);
    const r = read(g);
    expect(codes(r.issues)).toEqual(['month.unknown_text@E2']);
    expect(r.issues[0]?.message).toContain('«ver nota»');
    expect(r.activities[0]).toMatchObject({ months: [1, 2, 3], statuses: { 3: 'realizada' } });
  });

  it('reports an activity that has no axis, at the axis cell, instead of guessing one', () => {
    const g = grid([
      HEADER,
      [null, null, 'huérfana', ...marks([1])],
      [1, 'Eje', 'b', ...marks([1])],
    ]);
    const r = read(g);
    expect(codes(r.issues)).toEqual(['activity.no_axis@A2']);
    expect(r.activities.map((a) => a.id)).toEqual(['1.1']);
  });

  it('reports an axis number it cannot read and does not invent the group', () => {
    const g = grid([
      HEADER,
      ['uno', 'Eje', 'a', ...marks([1])],
      [null, null, 'b', ...marks([1])],
      [2, 'Dos', 'c', ...marks([1])],
    ]);
    const r = read(g);
    expect(codes(r.issues)).toEqual(['axis.invalid_number@A2']);
    expect(r.activities.map((a) => a.id)).toEqual(['2.1']);
  });

  it('warns about text in a row that has neither activity nor months', () => {
    const g = grid([HEADER, [1, 'Eje', 'a', ...marks([1])], [], ['Nota: indicativo']]);
    const r = read(g);
    expect(codes(r.issues)).toEqual(['row.ignored@A4']);
    expect(r.activities).toHaveLength(1);
    const g2 = grid([
      HEADER,
      [1, 'Eje', 'a', ...marks([1])],
      [
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        'suelto',
      ],
    ]);
    expect(codes(read(g2).issues)).toEqual(['row.ignored@P3']);
  });

  it('takes stable ids from an ID column and reports bad ones at their cell', () => {
    const g = grid([
      ['ID', ...HEADER],
      ['1.7', 1, 'Eje', 'a', ...marks([1])],
      ['1-2', null, null, 'b', ...marks([1])],
      ['2.1', null, null, 'c', ...marks([1])],
      [null, null, null, 'd', ...marks([1])],
    ]);
    const r = read(g);
    expect(r.activities.map((a) => `${a.id}:${a.idFromSheet}`)).toEqual([
      '1.7:true',
      '1.8:false',
      '2.1:true',
      '1.9:false',
    ]);
    expect(codes(r.issues)).toEqual(['activity.invalid_id@A3', 'activity.id_axis_mismatch@A4']);
  });

  it('gives a row inserted without an ID the next free number of its axis, leaving the others their ids', () => {
    const g = grid([
      ['ID', ...HEADER],
      ['1.1', 1, 'Eje', 'a', ...marks([1])],
      [null, null, null, 'nueva', ...marks([2])],
      ['1.2', null, null, 'b', ...marks([1])],
      ['1.3', null, null, 'c', ...marks([1])],
      ['2.1', 2, 'Dos', 'd', ...marks([1])],
    ]);
    expect(read(g).activities.map((a) => `${a.id} ${a.description}`)).toEqual([
      '1.1 a',
      '1.4 nueva',
      '1.2 b',
      '1.3 c',
      '2.1 d',
    ]);
  });

  it('reads statuses and hyperlinked evidence from month cells', () => {
    const g = grid([HEADER, [1, 'Eje', 'a', 'Realizada', '✓', 'En proceso']], [], {
      hyperlinks: { D2: 'https://iecm.mx/evidencia' },
    });
    const [a] = read(g).activities;
    expect(a).toMatchObject({
      months: [1, 2, 3],
      statuses: { 1: 'realizada', 3: 'en_proceso' },
      evidence: { 1: 'https://iecm.mx/evidencia' },
    });
  });

  it('gives sheet addresses when the grid does not start at A1', () => {
    const g = grid([HEADER, [1, 'Eje', 'a', 'rara']], [], { origin: { row: 4, col: 1 } });
    const r = read(g);
    expect(r.headerRow).toBe(5);
    expect(r.activities[0]?.cells.description).toBe('D6');
    expect(codes(r.issues)).toEqual(['month.unknown_text@E6']);
  });

  it('says why a sheet is not a cronograma instead of throwing', () => {
    expect(readCronograma(grid([['Portada'], ['Algo']]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('no parece un cronograma'),
    });
    expect(readCronograma(grid([['No.', ...MONTH_HEADER]]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('«Actividades»'),
    });
    expect(readCronograma(grid([]))).toMatchObject({ ok: false });
  });

  it('reports a month named twice in the header', () => {
    const g = grid([
      [...HEADER, 'Ene'],
      [1, 'Eje', 'a', ...marks([1])],
    ]);
    expect(codes(read(g).issues)).toEqual(['header.duplicate_month@P1']);
  });

  it('starts an axis from a row that holds only the axis', () => {
    const g = grid([
      HEADER,
      [1, 'Uno'],
      [null, null, 'a', ...marks([1])],
      [2, 'Dos'],
      [null, null, 'b', ...marks([1])],
    ]);
    expect(read(g).activities.map((a) => `${a.id} ${a.axisName}`)).toEqual(['1.1 Uno', '2.1 Dos']);
  });

  it('numbers axes by their names, in order, when there is no number column', () => {
    const g = grid([
      ['Ejes de acción', 'Actividades', ...MONTH_HEADER],
      ['Uno', 'a', ...marks([1])],
      [null, 'b', ...marks([1])],
      ['Dos', 'c', ...marks([1])],
    ]);
    expect(read(g).activities.map((a) => a.id)).toEqual(['1.1', '1.2', '2.1']);
  });
});
