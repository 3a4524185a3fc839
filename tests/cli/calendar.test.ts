import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { readWorkbookFile } from '../../backend/xlsx/workbook';
import { readCalendarSheet } from '../../shared/calendar/sheet';
import { loadSeedProgramme } from '../../seeds';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const SOURCE_2021 = [
  '--year',
  '2021',
  '--weekday',
  'thursday',
  '--week',
  'last',
  '--date',
  '1=21',
  '--date',
  '12=16',
];

describe('pat calendar', () => {
  it('prints the source document’s 12 sessions as JSON', () => {
    const run = pat(['calendar', ...SOURCE_2021, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sessions: loadSeedProgramme().sessions.map(({ number, date, type, label }) => ({
        number,
        date,
        type,
        label,
      })),
    });
    expect(run.stderr).toBe('');
  });

  it('accepts Spanish weekday and week names', () => {
    const run = pat([
      'calendar',
      '--year',
      '2021',
      '--weekday',
      'jueves',
      '--week',
      'última',
      '--date',
      '1=21',
      '--date',
      '12=16',
    ]);
    expect(JSON.parse(run.stdout).sessions[8].date).toBe('2021-09-30');
  });

  it('writes an .xlsx that reads back with the same rows', async () => {
    const out = tmp.path('calendario.xlsx');
    const run = pat(['calendar', ...SOURCE_2021, '--format', 'xlsx', '--out', out]);
    expect(run.code).toBe(0);
    const rows = readCalendarSheet((await readWorkbookFile(out))[0]!);
    expect(
      rows?.map(
        (r) => `2021-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
      ),
    ).toEqual(loadSeedProgramme().sessions.map((s) => s.date));
  });

  it('writes an .ics that parses', () => {
    const out = tmp.path('calendario.ics');
    expect(pat(['calendar', ...SOURCE_2021, '--format', 'ics', '--out', out]).code).toBe(0);
    const root = new ICAL.Component(ICAL.parse(readFileSync(out, 'utf8')));
    expect(root.getAllSubcomponents('vevent')).toHaveLength(12);
    expect(root.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });

  it('prints CSV and says on stderr when a session had to move off a rest day', () => {
    const run = pat(['calendar', '--year', '2021', '--week', '3', '--format', 'csv']);
    expect(run.code).toBe(0);
    // With the byte-order mark every CSV we write carries, so Excel reads the accents.
    expect(run.stdout.split('\r\n')[0]).toBe(
      '\uFEFFNúmero,Tipo,Fecha,Mes,Día,Tipo de reunión,Estatus,Nota',
    );
    expect(run.stderr).toMatch(
      /9ª\. Ordinaria: El 16 de septiembre de 2021 es día inhábil \(Día de la Independencia/,
    );
  });

  it.each([
    [['--year', '21'], /--year espera un año/],
    [['--year', '2021', '--weekday', 'juernes'], /--weekday espera un día de la semana/],
    [['--year', '2021', '--week', '5'], /--week espera last/],
    [['--year', '2021', '--date', '13=1'], /--date espera MES=DÍA/],
    [['--year', '2021', '--date', '2=30'], /Febrero de 2021 no tiene día 30/],
    [['--year', '2021', '--format', 'pdf'], /--format espera json, csv, xlsx o ics/],
    [['--year', '2021', '--format', 'xlsx'], /--format xlsx necesita --out/],
    [['--weekday', 'jueves'], /falta la opción obligatoria «--year <año>»/],
  ])('exits 2 and shows the right form for %j', (args, message) => {
    const run = pat(['calendar', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expectNoStackTrace(run);
  });

  it('shows the right form with the message', () => {
    expect(pat(['calendar', '--year', 'x']).stderr).toContain(
      'Forma: pat calendar --year 2021 --weekday jueves --week last --date 1=21 --date 12=16 --format json',
    );
  });
});
