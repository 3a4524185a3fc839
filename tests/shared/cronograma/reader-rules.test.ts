/**
 * The reader's judgement calls, one per test: where a banner ends and an activity begins, what a
 * fill means, where reading stops. (Whole layouts through real .xlsx files: tests/backend/xlsx.)
 */
import { CellStyle, CellValue } from '../../../shared/cronograma/grid';
import { readCronograma } from '../../../shared/cronograma/reader';
import { MONTH_HEADER, grid, marks, read } from '../../helpers/grid';

const codes = (issues: { code: string; cell: string }[]) =>
  issues.map((i) => `${i.code}@${i.cell}`);
const summary = (g: Parameters<typeof read>[0]) =>
  read(g).activities.map((a) => `${a.id} ${a.axis}:${a.axisName} ${a.months.join(',')}`);

const WIDE = ['Actividades', ...MONTH_HEADER];
/** A row of styles: the given fill on the given grid columns. */
const fills = (width: number, cols: number[], fill: string): (CellStyle | null)[] =>
  Array.from({ length: width }, (_, c) => (cols.includes(c) ? { fill } : null));

describe('banners', () => {
  it('skips a title merged over the whole width, activity column included, wherever it repeats', () => {
    const g = grid(
      [
        ['No.', 'Ejes de acción', 'Actividades', ...MONTH_HEADER],
        [1, 'Uno', 'a', ...marks([1])],
        ['CRONOGRAMA DE ACTIVIDADES 2021'],
        [null, null, 'b', ...marks([2])],
      ],
      ['A3:O3'],
    );
    expect(summary(g)).toEqual(['1.1 1:Uno 1', '1.2 1:Uno 2']);
    expect(read(g).issues).toEqual([]);
  });

  it('reads «EJE 2.», «Eje 2:», «2.» and «II.» banners as the axis of the activities below', () => {
    for (const banner of [
      'EJE 2. Educación cívica',
      'Eje 2: Educación cívica',
      '2. Educación cívica',
      'II. Educación cívica',
    ]) {
      const g = grid(
        [WIDE, ['EJE 1. Vinculación'], ['a', ...marks([1])], [banner], ['b', ...marks([3])]],
        ['A2:M2'],
      );
      expect(summary(g)).toEqual(['1.1 1:Vinculación 1', '2.1 2:Educación cívica 3']);
    }
  });

  it('reads a lone description without marks as an activity with no months, not as a banner', () => {
    const g = grid([WIDE, ['EJE 1. Uno'], ['Difundir materiales']]);
    const r = read(g);
    expect(r.activities.map((a) => a.description)).toEqual(['Difundir materiales']);
  });

  it('treats a row with a description and colour-filled months as an activity, not a banner', () => {
    const values: CellValue[][] = [WIDE, ['EJE 1. Uno'], ['Pintada']];
    const styles = [[], [], fills(13, [2, 3], '#92D050')];
    expect(summary(grid(values, [], { styles }))).toEqual(['1.1 1:Uno 2,3']);
  });
});

describe('fills as marks', () => {
  it('reads a fill of its own as a mark, but not a whole row striped with the description', () => {
    const values: CellValue[][] = [WIDE, ['EJE 1. Uno'], ['a'], ['b'], ['c', '✓']];
    const styles = [
      [],
      [],
      fills(13, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '#EEEEEE'), // a zebra stripe
      fills(13, [5, 6], '#FF0000'),
      fills(13, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '#EEEEEE'),
    ];
    const r = read(grid(values, [], { styles }));
    expect(r.activities.map((a) => `${a.description}:${a.months.join(',')}`)).toEqual([
      'a:',
      'b:5,6',
      'c:1',
    ]);
  });

  it('does not take a shading of the whole month block for marks', () => {
    const values: CellValue[][] = [WIDE, ['EJE 1. Uno'], ['a', '✓'], ['b', null, 'x']];
    const styles = [
      [],
      [],
      fills(13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '#DDEBF7'),
      fills(13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '#DDEBF7'),
    ];
    expect(summary(grid(values, [], { styles }))).toEqual(['1.1 1:Uno 1', '1.2 1:Uno 2']);
  });

  it('takes fills as the marks where nothing is written, even when every activity runs all year', () => {
    // A status word in one of them does not make the bars a background.
    const values: CellValue[][] = [WIDE, ['EJE 1. Uno'], ['a'], ['b', 'Realizada']];
    const styles = [
      [],
      [],
      fills(13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '#92D050'),
      fills(13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], '#92D050'),
    ];
    expect(summary(grid(values, [], { styles }))).toEqual([
      '1.1 1:Uno 1,2,3,4,5,6,7,8,9,10,11,12',
      '1.2 1:Uno 1,2,3,4,5,6,7,8,9,10,11',
    ]);
    // A fill-only sheet with nothing written at all reads the same.
    values[3] = ['b'];
    expect(summary(grid(values, [], { styles }))).toHaveLength(2);
  });

  it('says, with the cell, when fills could not be read where they may be the only marks', () => {
    const g = grid([WIDE, ['EJE 1. Uno'], ['a', '✓'], ['b']], [], {
      stylesUnreadableFrom: { row: 0, reason: 'prueba' },
    });
    expect(codes(read(g).issues)).toEqual(['month.fill_unreadable@B4']);
  });
});

describe('month headers', () => {
  it('reads dates formatted as months (serials with a date format, or dates) and takes their year', () => {
    const serials = Array.from({ length: 12 }, (_, i) => 43466 + Math.round(i * 30.5)); // 2019
    const g = grid([['Actividades', ...serials], ['EJE 1. Uno'], ['a', ...marks([1, 12])]], [], {
      numberFormats: [[undefined, ...serials.map(() => 'mmm-yy')]],
    });
    const r = read(g);
    expect(r.year).toBe(2019);
    expect(summary(g)).toEqual(['1.1 1:Uno 1,12']);
    const dates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2020, i, 1)));
    expect(read(grid([['Actividades', ...dates], ['EJE 1. Uno'], ['a', ...marks([3])]])).year).toBe(
      2020,
    );
  });

  it('does not take numbers for months without a «Meses» band above them', () => {
    const numbers = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(
      readCronograma(
        grid([
          ['Actividades', ...numbers],
          ['a', 1],
        ]),
      ).ok,
    ).toBe(false);
    const r = read(
      grid([[null, 'MESES'], ['Actividades', ...numbers], ['EJE 1. Uno'], ['a', 1, 1]]),
    );
    expect(r.activities[0]?.months).toEqual([1, 2]);
  });

  it('never takes an activity row whose month cells hold dates for a repeated header', () => {
    const dates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2021, i, 15)));
    const g = grid([WIDE, ['EJE 1. Uno'], ['Fechado', ...dates]]);
    expect(summary(g)).toEqual(['1.1 1:Uno 1,2,3,4,5,6,7,8,9,10,11,12']);
  });
});

describe('number columns', () => {
  it('takes a «No.» column of 2.3-style numbers as the activity id, and the axis from its prefix', () => {
    const g = grid([
      ['No.', 'Actividades', ...MONTH_HEADER],
      ['1.1', 'a', ...marks([1])],
      ['1.2', 'b', ...marks([2])],
      ['2.1', 'c', ...marks([3])],
    ]);
    expect(summary(g)).toEqual(['1.1 1: 1', '1.2 1: 2', '2.1 2: 3']);
  });

  it('checks an activity number against the banner axis above it', () => {
    const g = grid([
      ['Clave', 'Actividades', ...MONTH_HEADER],
      ['EJE 1. Uno'],
      ['2.1', 'a', ...marks([1])],
    ]);
    expect(codes(read(g).issues)).toEqual(['activity.id_axis_mismatch@A3']);
  });
});

describe('where reading ends', () => {
  it('stops at a totals row below the activities and says so at its cell', () => {
    const g = grid([
      ['No.', 'Ejes de acción', 'Actividades', ...MONTH_HEADER],
      [1, 'Uno', 'a', ...marks([1])],
      [null, 'Total', null, 1, 0, 0],
      [2, 'Dos', 'never read', ...marks([1])],
    ]);
    const r = read(g);
    expect(r.activities.map((a) => a.description)).toEqual(['a']);
    expect(r.stoppedAt).toBe(3);
    expect(codes(r.issues)).toEqual(['read.summary_stop@B3']);
  });

  it('skips subtotal rows and reads on', () => {
    const g = grid([
      ['No.', 'Ejes de acción', 'Actividades', ...MONTH_HEADER],
      [1, 'Uno', 'a', ...marks([1])],
      [null, 'Subtotal eje 1', null, 1],
      [2, 'Dos', 'b', ...marks([1])],
    ]);
    expect(summary(g)).toEqual(['1.1 1:Uno 1', '2.1 2:Dos 1']);
  });
});

describe('retired activities', () => {
  it('leaves out of the plan an activity struck through or marked «(retirada)» after its ID', () => {
    const g = grid(
      [
        ['ID', 'Actividades', ...MONTH_HEADER],
        ['EJE 1. Uno'],
        ['1.1', 'a', ...marks([1])],
        ['1.2 (retirada)', 'b', ...marks([2])],
        ['1.3', 'c', ...marks([3])],
      ],
      [],
      { styles: [[], [], [], [], [null, { strike: true }]] },
    );
    const r = read(g);
    expect(r.activities.map((a) => a.id)).toEqual(['1.1']);
    expect(r.retired.map((a) => a.id)).toEqual(['1.2', '1.3']);
    expect(r.issues).toEqual([]);
  });
});
