import {
  TITLED_WARNING_CODES,
  groupIssues,
  issueDetail,
  warningGroupTitle,
} from '../../../shared/cronograma/issue-groups';
import { issue } from '../../../shared/cronograma/issues';
import { validateCronograma } from '../../../shared/cronograma/validate';
import { validationIssueSchema } from '../../../shared/schemas';
import { read } from '../../helpers/grid';
import { seedLayout } from '../../helpers/workbooks';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const warning = (code: string, cell: string, message = `Aviso en ${cell}. Corríjalo.`) =>
  issue('warning', code, cell, message);
const error = (code: string, cell: string) => issue('error', code, cell, `Error en ${cell}.`);

describe('warning group titles', () => {
  it.each([
    [
      'read.summary_stop',
      '1 tabla resumen que detuvo la lectura',
      '2 tablas resumen que detuvieron la lectura',
    ],
    ['row.ignored', '1 fila ignorada', '3 filas ignoradas'],
    [
      'month.fill_unreadable',
      '1 fila con colores de relleno que no se pudieron leer',
      '2 filas con colores de relleno que no se pudieron leer',
    ],
    ['axis.missing_number', '1 eje sin número', '2 ejes sin número'],
    ['axis.missing_name', '1 eje sin nombre', '2 ejes sin nombre'],
    ['axis.split', '1 eje repetido fuera de su bloque', '2 ejes repetidos fuera de su bloque'],
    ['period.unreadable', '1 periodo que no se entiende', '2 periodos que no se entienden'],
    [
      'period.mismatch',
      '1 periodo que no coincide con las marcas',
      '2 periodos que no coinciden con las marcas',
    ],
    [
      'status.realizada_without_evidence',
      '1 mes realizado sin evidencia',
      '2 meses realizados sin evidencia',
    ],
    [
      'month.overdue',
      '1 actividad con meses vencidos sin estatus',
      '26 actividades con meses vencidos sin estatus',
    ],
    [
      'calendar.no_ratification_session',
      '1 sesión de ratificación faltante en enero',
      '2 sesiones de ratificación faltantes en enero',
    ],
    [
      'calendar.no_approval_session',
      '1 sesión de aprobación faltante en septiembre',
      '2 sesiones de aprobación faltantes en septiembre',
    ],
    ['calendar.session_on_rest_day', '1 sesión en día inhábil', '2 sesiones en días inhábiles'],
  ])('%s: «%s» / «%s»', (code, one, many) => {
    expect(warningGroupTitle(code, 1)).toBe(one);
    expect(warningGroupTitle(code, Number(many.split(' ')[0]))).toBe(many);
  });

  it('an unknown code reads as a count of avisos with the code', () => {
    expect(warningGroupTitle('sheet.something_new', 1)).toBe('1 aviso (sheet.something_new)');
    expect(warningGroupTitle('sheet.something_new', 4)).toBe('4 avisos (sheet.something_new)');
  });

  it('every warning code emitted under shared/ has its own title', () => {
    const root = path.join(__dirname, '../../../shared');
    const emitted = new Set<string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          const text = readFileSync(file, 'utf8');
          for (const m of text.matchAll(
            /(?:issue\(\s*'warning',\s*|severity: 'warning',\s*code: )'([a-z_.]+)'/g,
          ))
            emitted.add(m[1]!);
        }
      }
    };
    walk(root);
    expect(emitted.size).toBeGreaterThanOrEqual(11);
    // A new warning code needs its title here: the check that keeps the catalogue whole.
    expect([...emitted].filter((c) => !TITLED_WARNING_CODES.includes(c))).toEqual([]);
  });
});

describe('groupIssues', () => {
  it('lists errors one by one in sheet order, then warnings grouped by code', () => {
    const groups = groupIssues([
      warning('month.overdue', 'F9'),
      error('month.unknown_text', 'G12'),
      warning('period.mismatch', 'D34'),
      warning('month.overdue', 'E7'),
      error('activity.missing_description', 'C9'),
      error('month.unknown_text', 'H9'),
    ]);
    expect(groups.errors.map((i) => `${i.code}@${i.cell}`)).toEqual([
      'activity.missing_description@C9',
      'month.unknown_text@H9',
      'month.unknown_text@G12',
    ]);
    expect(groups.warnings.map((g) => [g.title, g.issues.map((i) => i.cell)])).toEqual([
      ['1 periodo que no coincide con las marcas', ['D34']],
      ['2 actividades con meses vencidos sin estatus', ['E7', 'F9']],
    ]);
  });

  it('orders warning groups by kind (reading, plan, follow-up), unknown codes last', () => {
    const groups = groupIssues([
      warning('zeta.new', 'A2'),
      warning('month.overdue', 'E3'),
      warning('status.realizada_without_evidence', 'F4'),
      warning('period.unreadable', 'D5'),
      warning('alpha.new', 'A6'),
      warning('row.ignored', 'C40'),
    ]);
    expect(groups.warnings.map((g) => g.code)).toEqual([
      'row.ignored',
      'period.unreadable',
      'status.realizada_without_evidence',
      'month.overdue',
      'zeta.new',
      'alpha.new',
    ]);
    expect(groups.warnings.at(-1)?.title).toBe('1 aviso (alpha.new)');
  });

  it('keeps every issue, unchanged, and nothing else', () => {
    const issues = [
      warning('month.overdue', 'E7'),
      error('axis.gap', 'A20'),
      warning('month.overdue', 'F9'),
      warning('axis.split', 'A30'),
    ];
    const groups = groupIssues(issues);
    const all = [...groups.errors, ...groups.warnings.flatMap((g) => g.issues)];
    expect(all).toHaveLength(issues.length);
    expect(new Set(all)).toEqual(new Set(issues));
  });

  it('gives no groups for no issues', () => {
    expect(groupIssues([])).toEqual({ errors: [], warnings: [] });
  });

  it('says the closing sentences a group shares once, and each entry what is its own', () => {
    const groups = groupIssues([
      warning(
        'month.overdue',
        'E7',
        'La actividad 1.2 sigue pendiente en ene. Registre su estatus.',
      ),
      warning(
        'month.overdue',
        'E6',
        'La actividad 1.1 sigue pendiente en ene, feb. Revise. Registre su estatus.',
      ),
    ]);
    const [group] = groups.warnings;
    expect(group?.advice).toBe('Registre su estatus.');
    expect(group?.issues.map((i) => issueDetail(i, group))).toEqual([
      'La actividad 1.1 sigue pendiente en ene, feb. Revise.',
      'La actividad 1.2 sigue pendiente en ene.',
    ]);
  });

  it('has no advice for a lone warning or messages that share no whole sentence', () => {
    const lone = groupIssues([warning('period.mismatch', 'D34', 'Uno. Dos.')]).warnings[0]!;
    expect(lone.advice).toBeUndefined();
    expect(issueDetail(lone.issues[0]!, lone)).toBe('Uno. Dos.');
    const apart = groupIssues([
      // They share «esto.», but not as a whole sentence.
      warning('row.ignored', 'C1', 'Fila 1. Haga esto.'),
      warning('row.ignored', 'C3', 'Fila 3. Deje esto.'),
    ]).warnings[0]!;
    expect(apart.advice).toBeUndefined();
  });

  it('groups the 2021 workbook judged today as 1 period warning and 26 overdue activities', () => {
    const issues = validateCronograma(read(seedLayout()), { today: '2026-11-25' });
    issues.forEach((i) => validationIssueSchema.parse(i));
    const groups = groupIssues(issues);
    expect(groups.errors).toEqual([]);
    expect(groups.warnings.map((g) => `${g.title} (${g.issues.length})`)).toEqual([
      '1 periodo que no coincide con las marcas (1)',
      '26 actividades con meses vencidos sin estatus (26)',
    ]);
    const overdue = groups.warnings[1]!;
    expect(overdue.advice).toBe('Registre su estatus (En proceso, Realizada, Reprogramada …).');
    expect(issueDetail(overdue.issues[0]!, overdue)).toMatch(
      /^La actividad 1\.1 sigue pendiente en .* de 2021, meses ya cerrados\.$/,
    );
  });
});
