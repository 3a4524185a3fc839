import { classifyMonthCell } from '../../../shared/cronograma/marks';

describe('month cells', () => {
  it.each([
    '✓',
    '✔',
    '•',
    'x',
    'X',
    '>',
    '<',
    ',',
    '~',
    '*',
    '、',
    '\\',
    'V',
    'y',
    '∠',
    'Sí',
    'ok',
    '1',
  ])('«%s» is a planned mark', (glyph) => {
    expect(classifyMonthCell(glyph)).toEqual({ kind: 'mark' });
  });

  it('a number or TRUE is a planned mark; 0, FALSE and blanks are not planned', () => {
    expect(classifyMonthCell(1)).toEqual({ kind: 'mark' });
    expect(classifyMonthCell(true)).toEqual({ kind: 'mark' });
    for (const empty of [0, false, '', '   ', null, undefined])
      expect(classifyMonthCell(empty)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['Realizada', 'realizada'],
    ['realizado', 'realizada'],
    ['EN PROCESO', 'en_proceso'],
    ['No realizada', 'no_realizada'],
    ['✓ Reprogramada', 'reprogramada'],
    ['Cancelada', 'cancelada'],
    ['Pendiente', 'pendiente'],
  ])('«%s» is the status %s', (text, status) => {
    expect(classifyMonthCell(text)).toEqual({ kind: 'status', status });
  });

  it('other text is reported as unknown, not taken as a mark', () => {
    expect(classifyMonthCell('ver nota')).toEqual({ kind: 'unknown', text: 'ver nota' });
  });
});
