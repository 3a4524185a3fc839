import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ROOT, expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { seedLayout, seedProgramme, writeGrids, writeSeedWorkbook } from '../helpers/workbooks';

const tmp = tempDir();
const seed = tmp.path('cvoe-2021.xlsx');
const damaged = tmp.path('damaged.xlsx');

beforeAll(async () => {
  await writeSeedWorkbook(seed);
  const layout = seedLayout();
  const row = layout.activityRows[1]!;
  layout.values[row]![6] = 'ver oficio';
  layout.values[layout.activityRows[3]!]![2] = null;
  await writeGrids(damaged, layout);
});
afterAll(() => tmp.cleanup());

describe('pat validate', () => {
  it('reports the seed workbook as 26 activities in 6 axes, no error, exit 0', () => {
    const run = pat(['validate', seed, '--today', '2021-01-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('26 actividades en 6 ejes · 0 errores · 1 aviso\n');
    expect(run.stdout).toContain(
      '1 periodo que no coincide con las marcas [period.mismatch]: D34\n' +
        '  La actividad 6.1 declara el periodo «Enero-octubre»',
    );
    expect(run.stdout).not.toContain('Errores');
  });

  it('groups the warnings by kind: a heading with the count, the cells, one example', () => {
    const run = pat(['validate', seed, '--today', '2026-11-25']);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('26 actividades en 6 ejes · 0 errores · 27 avisos');
    const json = JSON.parse(pat(['validate', seed, '--json', '--today', '2026-11-25']).stdout);
    const overdueCells: string[] = json.issues
      .filter((i: { code: string }) => i.code === 'month.overdue')
      .map((i: { cell: string }) => i.cell);
    expect(overdueCells).toHaveLength(26);
    // The heading, then every cell once, in sheet order, wrapped within 80 columns.
    const heading = '26 actividades con meses vencidos sin estatus [month.overdue]:';
    const start = out.indexOf(heading);
    expect(start).toBeGreaterThan(out.indexOf('1 periodo que no coincide con las marcas'));
    const block = out.slice(start).split('\n\n')[0]!.split('\n');
    const example = block.pop()!;
    expect(block.every((line) => line.length <= 80)).toBe(true);
    expect(block.length).toBeGreaterThan(1);
    expect(
      block
        .join(' ')
        .slice(heading.length)
        .split(',')
        .map((c) => c.trim()),
    ).toEqual(overdueCells);
    expect(example).toMatch(
      new RegExp(
        `^  Por ejemplo, ${overdueCells[0]}: La actividad 1\\.1 sigue pendiente en .*Registre su estatus`,
      ),
    );
    // Each overdue message is said once, not 26 times.
    expect(out.match(/sigue pendiente/g)).toHaveLength(1);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      'Sin errores: el cronograma se puede sincronizar.',
    );
  });

  it('prints the JSON contract with --json', () => {
    const run = pat(['validate', seed, '--json', '--today', '2021-01-01']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['activities', 'issues']);
    expect(out.activities).toHaveLength(26);
    expect(out.activities[0]).toEqual({
      id: '1.1',
      axis: 1,
      description:
        'El seguimiento de los compromisos contenidos en el Convenio General INE-IECM y los anexos técnico y financiero.',
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      // The seed workbook states no status: only bare marks (issue 19 added the field).
      statuses: {},
      row: 6,
    });
    expect(out.issues).toEqual([
      {
        severity: 'warning',
        code: 'period.mismatch',
        cell: 'D34',
        message: expect.stringContaining('6.1'),
      },
    ]);
  });

  it('warns of overdue months against today in Mexico City', () => {
    const out = JSON.parse(pat(['validate', seed, '--json', '--today', '2021-03-02']).stdout);
    const overdue = out.issues.filter((i: { code: string }) => i.code === 'month.overdue');
    const withJanOrFeb = seedProgramme.activities.filter((a) => a.months.some((m) => m <= 2));
    expect(overdue.map((i: { message: string }) => i.message.split(' ')[2])).toEqual(
      withJanOrFeb.map((a) => a.id),
    );
  });

  it('exits 1 with every error and its cell when the sheet has errors', () => {
    const run = pat(['validate', damaged]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/G7\s+ERROR\s+«ver oficio» no es una marca/);
    expect(run.stdout).toMatch(
      /C9\s+ERROR\s+La fila 9 tiene meses marcados pero no tiene actividad/,
    );
    // Errors come first, one per line, in sheet order, before any warning.
    const lines = run.stdout.split('\n');
    expect(lines.findIndex((l) => l.startsWith('Errores (impiden sincronizar)'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('G7')),
    );
    expect(lines.findIndex((l) => l.startsWith('G7'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('C9')),
    );
    const warnings = lines.findIndex((l) => l.startsWith('Avisos'));
    if (warnings !== -1)
      expect(warnings).toBeGreaterThan(lines.findIndex((l) => l.startsWith('C9')));
    expect(run.stdout).toContain('Corrija los errores antes de sincronizar.');
  });

  it.each([
    ['a missing file', () => [tmp.path('nope.xlsx')], /No existe el archivo/],
    ['a file that is not a workbook', () => [notAWorkbook()], /no es un libro de Excel/],
    [
      'a workbook without a cronograma',
      () => [noCronograma()],
      /No se encontró un cronograma|no parece un cronograma/,
    ],
    [
      'a sheet name that does not exist',
      () => [seed, '--sheet', 'Hoja9'],
      /no tiene una hoja «Hoja9»/,
    ],
    ['no file at all', () => [], /falta el argumento «archivo»/],
    ['an unknown option', () => [seed, '--frob'], /opción desconocida «--frob»/],
    ['a malformed --today', () => [seed, '--today', 'mañana'], /--today espera una fecha/],
  ])('exits 2 with a clear message for %s', (_name, args, message) => {
    const run = pat(['validate', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expectNoStackTrace(run);
  });

  it('shows its help in Spanish and exits 0', () => {
    const run = pat(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Uso: pat \[opciones\] \[comando\]/);
    expect(run.stdout).toContain('Comandos:');
    expect(run.stdout).not.toMatch(/options|command\b/);
    expect(run.stdout).toMatch(/validate \[opciones\] <archivo>/);
    const calendar = pat(['calendar', '--help']);
    expect(calendar.stdout).toContain('(por omisión: "thursday")');
    expect(calendar.stdout).toContain('muestra esta ayuda');
  });

  it('answers an unknown command with the likely one and every command there is', () => {
    const run = pat(['reporte']);
    expect(run.code).toBe(2);
    const listed = /Comandos: (.+)\./.exec(run.stderr)?.[1]?.split(', ');
    // Every command the help lists, from the help itself.
    const help = pat(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) /gm)]
      .map((m) => m[1])
      .filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(listed).toEqual(commands);
    expect(run.stderr).toContain('pat: comando desconocido «reporte». ¿Quiso decir «report»?');
  });

  it('runs as `npx pat` from the repository root', () => {
    const run = spawnSync(
      'npx',
      ['--no-install', 'pat', 'validate', seed, '--today', '2021-01-01'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60000 },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('26 actividades en 6 ejes');
  });
});

function notAWorkbook(): string {
  const file = tmp.path('texto.xlsx');
  writeFileSync(file, 'hola');
  return file;
}

let empty: string | undefined;
function noCronograma(): string {
  return (empty ??= tmp.path('sin-cronograma.xlsx'));
}
beforeAll(async () => {
  await writeGrids(
    noCronograma(),
    { name: 'Notas', values: [['Nada que ver']] },
    { name: 'Otra', values: [['Ene', 'Feb']] },
  );
});
