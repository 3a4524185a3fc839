import { validateCronograma } from '../../../shared/cronograma/validate';
import { HEADER, grid, marks, read } from '../../helpers/grid';
import { CellValue } from '../../../shared/cronograma/grid';

const check = (rows: CellValue[][], context = {}, merges: string[] = [], extra = {}) =>
  validateCronograma(read(grid([HEADER, ...rows], merges, extra)), context);
const codes = (issues: { code: string; cell: string }[]) =>
  issues.map((i) => `${i.code}@${i.cell}`);

describe('validation rules', () => {
  it('a well-formed sheet has no issue', () => {
    expect(
      check([
        [1, 'Uno', 'a', ...marks([1, 2])],
        [2, 'Dos', 'b', ...marks([3])],
      ]),
    ).toEqual([]);
  });

  it("a text past the contract's maximum is an error at its cell, saying the maximum", () => {
    const issues = check([
      [1, 'E'.repeat(301), 'a', ...marks([1])],
      [2, 'Dos', 'b'.repeat(4001), ...marks([3])],
      [2, 'Dos', 'c'.repeat(4000), ...marks([4])],
    ]);
    // The axis's cell, where the reader found the axis starting.
    expect(codes(issues)).toEqual(['text.too_long@A2', 'text.too_long@C3']);
    expect(issues[1]?.message).toBe(
      'La descripción de la actividad 2.1 tiene 4,001 caracteres; el máximo es 4,000. Acórtelo.',
    );
  });

  it('a gap in axis numbering is an error at the axis after the gap', () => {
    const issues = check([
      [1, 'Uno', 'a', ...marks([1])],
      [3, 'Tres', 'b', ...marks([1])],
    ]);
    expect(codes(issues)).toEqual(['axis.gap@A3']);
    expect(issues[0]?.message).toContain('Falta el eje 2');
  });

  it('numbering that does not start at 1 is a gap', () => {
    expect(codes(check([[2, 'Dos', 'a', ...marks([1])]]))).toEqual(['axis.gap@A2']);
  });

  it('an axis outside the programme is an error', () => {
    const issues = check(
      [
        [1, 'Uno', 'a', ...marks([1])],
        [2, 'Dos', 'b', ...marks([1])],
      ],
      { knownAxes: [{ number: 1, name: 'Uno' }] },
    );
    expect(codes(issues)).toEqual(['axis.unknown@A3']);
  });

  it('one number used for two different axes is an error; a split axis a warning', () => {
    expect(
      codes(
        check([
          [1, 'Uno', 'a', ...marks([1])],
          [2, 'Dos', 'b', ...marks([1])],
          [1, 'Otro', 'c', ...marks([1])],
        ]),
      ),
    ).toEqual(['axis.duplicate_number@A4']);
    expect(
      codes(
        check([
          [1, 'Uno', 'a', ...marks([1])],
          [2, 'Dos', 'b', ...marks([1])],
          [1, 'Uno', 'c', ...marks([1])],
        ]),
      ),
    ).toEqual(['axis.split@A4']);
  });

  it('an axis without a name is a warning', () => {
    expect(codes(check([[1, null, 'a', ...marks([1])]]))).toEqual(['axis.missing_name@A2']);
  });

  it('marks without a description are an error at the description cell', () => {
    expect(
      codes(
        check([
          [1, 'Uno', 'a', ...marks([1])],
          [null, null, null, ...marks([2])],
        ]),
      ),
    ).toEqual(['activity.missing_description@C3']);
  });

  it('an activity with no planned month is an error that names the month cells', () => {
    const issues = check([[1, 'Uno', 'a', ...marks([])]]);
    expect(codes(issues)).toEqual(['activity.no_months@C2']);
    expect(issues[0]?.message).toContain('D2:O2');
  });

  it('a repeated id is an error at the second id cell', () => {
    const rows: CellValue[][] = [
      ['ID', ...HEADER],
      ['1.1', 1, 'Uno', 'a', ...marks([1])],
      ['1.1', null, null, 'b', ...marks([1])],
    ];
    expect(codes(validateCronograma(read(grid(rows))))).toEqual(['activity.duplicate_id@A3']);
  });

  it('a description repeated within an axis is an error; across axes it is fine', () => {
    expect(
      codes(
        check([
          [1, 'Uno', 'Igual', ...marks([1])],
          [null, null, 'igual ', ...marks([2])],
        ]),
      ),
    ).toEqual(['activity.duplicate_description@C3']);
    expect(
      check([
        [1, 'Uno', 'Igual', ...marks([1])],
        [2, 'Dos', 'Igual', ...marks([2])],
      ]),
    ).toEqual([]);
  });

  it('a declared period that disagrees with the marks is a warning naming both', () => {
    const rows: CellValue[][] = [
      ['No.', 'Ejes de acción', 'Actividades', 'Periodo de ejecución', ...HEADER.slice(3)],
      [6, 'Seis', 'a', 'Enero-octubre', ...marks([2, 3, 4, 5, 6, 7, 8, 9, 10])],
      [null, null, 'b', 'Trimestre uno', ...marks([1])],
    ];
    const issues = validateCronograma(read(grid(rows)));
    expect(codes(issues)).toEqual(['axis.gap@A2', 'period.mismatch@D2', 'period.unreadable@D3']);
    expect(issues[1]?.message).toMatch(/«Enero-octubre».*febrero-octubre \(9 meses\)/);
  });

  it('a status in a month outside the agreed plan is an error at that cell', () => {
    const issues = check([[1, 'Uno', 'a', 'Realizada', 'En proceso']], {
      plannedMonths: new Map([['1.1', [1]]]),
    });
    expect(codes(issues)).toEqual(['month.status_not_planned@E2']);
  });

  it('realizada without evidence after the month closed is a warning; with a hyperlink it is not', () => {
    const rows: CellValue[][] = [[1, 'Uno', 'a', 'Realizada', 'Realizada']];
    const context = { today: '2021-03-01', year: 2021 };
    expect(codes(check(rows, context))).toEqual([
      'status.realizada_without_evidence@D2',
      'status.realizada_without_evidence@E2',
    ]);
    expect(
      codes(
        check(rows, context, [], { hyperlinks: { D2: 'https://x.mx/e', E2: 'https://x.mx/f' } }),
      ),
    ).toEqual([]);
    expect(codes(check(rows, { today: '2021-02-28', year: 2021 }))).toEqual([
      'status.realizada_without_evidence@D2',
    ]);
  });

  it('closed months still pending are one overdue warning per activity, at the first of them', () => {
    const issues = check([[1, 'Uno', 'a', '✓', 'x', 'En proceso', '•']], {
      today: '2021-04-10',
      year: 2021,
    });
    expect(codes(issues)).toEqual(['month.overdue@D2']);
    expect(issues[0]?.message).toContain('Ene, Feb de 2021');
  });

  it('skips the rules that need a date when there is no date or no year', () => {
    expect(check([[1, 'Uno', 'a', '✓']], { year: 2021 })).toEqual([]);
    expect(check([[1, 'Uno', 'a', '✓']], { today: '2030-01-01' })).toEqual([]);
  });

  it('lists errors before warnings, each group in sheet order', () => {
    const issues = check([
      [1, null, 'a', ...marks([1])],
      [null, null, 'b', ...marks([])],
      [3, 'Tres', 'c', 'raro'],
    ]);
    expect(issues.map((i) => i.severity)).toEqual(['error', 'error', 'error', 'warning']);
    expect(codes(issues)).toEqual([
      'activity.no_months@C3',
      'axis.gap@A4',
      'month.unknown_text@D4',
      'axis.missing_name@A2',
    ]);
  });
});
