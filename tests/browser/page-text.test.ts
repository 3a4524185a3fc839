/**
 * The pure text functions behind the pages' Spanish (no browser): the cronograma's summary of
 * planned months, the report's session choice, and the «modo local» line both pages show. The
 * pages themselves are checked in dashboard.test.ts and first-contact.test.ts.
 */
import { CellState, dayMonthText, monthCountsText } from '../../dashboard/src/format';
import { localModeText } from '../../shared/local-mode';

const counts = (entries: [CellState, number][]) => new Map(entries);

describe('the cronograma’s summary of planned months', () => {
  it('agrees with «meses»: masculine, plural but for one', () => {
    expect(
      monthCountsText(
        counts([
          ['realizada', 115],
          ['vencida', 76],
          ['pendiente', 1],
          ['en_proceso', 3],
          ['reprogramada', 2],
          ['no_realizada', 1],
          ['cancelada', 1],
        ]),
      ),
    ).toBe(
      '115 realizados, 3 en proceso, 1 pendiente, 76 vencidos, 2 reprogramados, 1 no realizado, 1 cancelado',
    );
    expect(
      monthCountsText(
        counts([
          ['realizada', 1],
          ['pendiente', 2],
          ['vencida', 1],
          ['no_realizada', 2],
          ['cancelada', 3],
          ['reprogramada', 1],
          ['en_proceso', 1],
        ]),
      ),
    ).toBe(
      '1 realizado, 1 en proceso, 2 pendientes, 1 vencido, 1 reprogramado, 2 no realizados, 3 cancelados',
    );
  });

  it('leaves out the states with no month, in the legend’s order whatever the map’s', () => {
    expect(
      monthCountsText(
        counts([
          ['vencida', 76],
          ['en_proceso', 0],
          ['realizada', 115],
        ]),
      ),
    ).toBe('115 realizados, 76 vencidos');
    expect(monthCountsText(counts([]))).toBe('');
  });
});

describe('the report’s session choice', () => {
  it('names the day and month of a session in Spanish, without the year, whatever the zone', () => {
    expect(dayMonthText('2021-08-26')).toBe('26 de agosto');
    expect(dayMonthText('2021-09-30')).toBe('30 de septiembre');
    expect(dayMonthText('2021-01-01')).toBe('1 de enero');
  });
});

describe('«modo local»', () => {
  it('says there is no sign-in and who the server takes the person for', () => {
    expect(localModeText({ name: 'dev@localhost', roles: ['editor', 'viewer', 'admin'] })).toBe(
      'Modo local: sin inicio de sesión; usted entra como dev@localhost (editor, viewer, admin).',
    );
    expect(localModeText({ name: 'dev@localhost', roles: [] })).toBe(
      'Modo local: sin inicio de sesión; usted entra como dev@localhost.',
    );
  });
});
