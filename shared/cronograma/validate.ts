import { Month, monthAbbreviation, monthClosedBy } from '../months';
import { formatPeriod, parsePeriod, sameMonths } from '../period';
import { TEXT_MAX } from '../limits';
import { Axis, ValidationIssue } from '../schemas';
import { fold, thousands } from '../text';
import { issue, sortIssues } from './issues';
import { CronogramaRead, SheetActivity } from './reader';

export interface ValidationContext {
  /** Today in Mexico City (YYYY-MM-DD). Without it, the rules that depend on the date are skipped. */
  today?: string;
  /** The programme's year when the sheet does not state it. */
  year?: number;
  /** The programme's axes: an axis in the sheet that is not among them is an error. */
  knownAxes?: readonly Axis[];
  /** Planned months per activity as agreed with the server: a status outside them is an error. */
  plannedMonths?: ReadonlyMap<string, readonly Month[]>;
}

type Rule = (read: CronogramaRead, context: ValidationContext) => ValidationIssue[];

const axisRules: Rule = (read, context) => {
  const issues: ValidationIssue[] = [];
  const seen = new Map<number, string>();
  for (const axis of read.axes) {
    const earlierName = seen.get(axis.number);
    if (earlierName !== undefined) {
      issues.push(
        earlierName !== '' && axis.name !== '' && fold(earlierName) !== fold(axis.name)
          ? issue(
              'error',
              'axis.duplicate_number',
              axis.cell,
              `El número de eje ${axis.number} ya se usó para «${earlierName}»; aquí se llama «${axis.name}». Dé a cada eje su propio número.`,
            )
          : issue(
              'warning',
              'axis.split',
              axis.cell,
              `El eje ${axis.number} aparece otra vez aquí, separado de sus otras actividades. Agrupe las actividades de cada eje.`,
            ),
      );
    }
    seen.set(axis.number, axis.name);
    if (axis.name === '')
      issues.push(
        issue(
          'warning',
          'axis.missing_name',
          axis.cell,
          `El eje ${axis.number} no tiene nombre. Escriba el nombre del eje en la columna «Ejes de acción».`,
        ),
      );
    if (context.knownAxes && !context.knownAxes.some((a) => a.number === axis.number))
      issues.push(
        issue(
          'error',
          'axis.unknown',
          axis.cell,
          `El eje ${axis.number} no existe en el programa (ejes 1 a ${context.knownAxes.length}). Corrija el número del eje.`,
        ),
      );
  }
  const numbers = [...seen.keys()].sort((a, b) => a - b);
  const firstCell = (n: number) => read.axes.find((a) => a.number === n)?.cell ?? '';
  numbers.forEach((n, i) => {
    const expected = i === 0 ? 1 : (numbers[i - 1] as number) + 1;
    if (n !== expected)
      issues.push(
        issue(
          'error',
          'axis.gap',
          firstCell(n),
          n === expected + 1
            ? `Falta el eje ${expected}: después del eje ${expected - 1 || 'inicial'} sigue el eje ${n}. Renumere los ejes o agregue el eje ${expected}.`
            : `Faltan los ejes ${expected} a ${n - 1} antes del eje ${n}. Los ejes se numeran 1, 2, 3 … sin saltos.`,
        ),
      );
  });
  return issues;
};

const activityRules: Rule = (read) => {
  const issues: ValidationIssue[] = [];
  const byId = new Map<string, SheetActivity>();
  const byDescription = new Map<string, SheetActivity>();
  for (const a of read.activities) {
    const monthRange = `${a.cells.months[1] ?? ''}:${a.cells.months[12] ?? ''}`;
    if (a.description === '')
      issues.push(
        issue(
          'error',
          'activity.missing_description',
          a.cells.description,
          `La fila ${a.row} tiene meses marcados pero no tiene actividad. Escriba la descripción en ${a.cells.description} o borre las marcas.`,
        ),
      );
    // Without month columns the months are the period's, and `period.unreadable` says why not.
    if (a.months.length === 0 && read.columns.months.size > 0)
      issues.push(
        issue(
          'error',
          'activity.no_months',
          a.cells.description,
          `La actividad ${a.id} no tiene ningún mes marcado. Marque al menos un mes en ${monthRange}.`,
        ),
      );
    const sameId = byId.get(a.id);
    if (sameId)
      issues.push(
        issue(
          'error',
          'activity.duplicate_id',
          a.cells.id ?? a.cells.description,
          `El ID ${a.id} ya lo tiene la actividad de la fila ${sameId.row}. Cada actividad necesita un ID distinto.`,
        ),
      );
    else byId.set(a.id, a);
    if (a.description !== '') {
      const key = `${a.axis}|${fold(a.description)}`;
      const sameText = byDescription.get(key);
      if (sameText)
        issues.push(
          issue(
            'error',
            'activity.duplicate_description',
            a.cells.description,
            `Esta actividad repite la de la fila ${sameText.row} en el eje ${a.axis}. Borre la fila repetida o distinga su descripción.`,
          ),
        );
      else byDescription.set(key, a);
    }
  }
  return issues;
};

const periodRule: Rule = (read) =>
  read.activities.flatMap((a) => {
    if (a.period === undefined || a.months.length === 0) return [];
    const cell = a.cells.period ?? a.cells.description;
    const declared = parsePeriod(a.period);
    if (!declared)
      return [
        issue(
          'warning',
          'period.unreadable',
          cell,
          `No se entiende el periodo «${a.period}» de la actividad ${a.id}. Escríbalo como «Enero-diciembre» o «Marzo».`,
        ),
      ];
    if (sameMonths(declared, a.months)) return [];
    return [
      issue(
        'warning',
        'period.mismatch',
        cell,
        `La actividad ${a.id} declara el periodo «${a.period}» pero tiene marcados ${formatPeriod(a.months).toLowerCase()} (${a.months.length} meses). Corrija el periodo o las marcas para que coincidan.`,
      ),
    ];
  });

const statusOutsidePlanRule: Rule = (read, context) =>
  read.activities.flatMap((a) => {
    const planned = context.plannedMonths?.get(a.id);
    if (!planned) return [];
    return (Object.keys(a.statuses).map(Number) as Month[])
      .filter((m) => !planned.includes(m))
      .map((m) =>
        issue(
          'error',
          'month.status_not_planned',
          a.cells.months[m],
          `La actividad ${a.id} no tiene ${monthAbbreviation(m)} en su plan, pero la celda tiene un estatus. Sincronice el plan primero o borre el estatus.`,
        ),
      );
  });

const timeRules: Rule = (read, context) => {
  const year = read.year ?? context.year;
  const today = context.today;
  if (year === undefined || today === undefined) return [];
  return read.activities.flatMap((a) => {
    const issues: ValidationIssue[] = [];
    for (const m of a.months) {
      if (a.statuses[m] === 'realizada' && !a.evidence[m] && monthClosedBy(year, m, today))
        issues.push(
          issue(
            'warning',
            'status.realizada_without_evidence',
            a.cells.months[m],
            `La actividad ${a.id} está «Realizada» en ${monthAbbreviation(m)} sin evidencia. Agregue el enlace a la evidencia (hipervínculo en la celda o en el panel).`,
          ),
        );
    }
    // A sheet without month columns has nowhere to state a status (`sheet.months_from_periods`).
    const overdue = a.months.filter(
      (m) =>
        read.columns.months.size > 0 &&
        a.statuses[m] === undefined &&
        monthClosedBy(year, m, today),
    );
    if (overdue.length > 0) {
      const first = overdue[0] as Month;
      issues.push(
        issue(
          'warning',
          'month.overdue',
          a.cells.months[first],
          `La actividad ${a.id} sigue pendiente en ${overdue.map(monthAbbreviation).join(', ')} de ${year}, ${overdue.length === 1 ? 'mes ya cerrado' : 'meses ya cerrados'}. Registre su estatus (En proceso, Realizada, Reprogramada …).`,
        ),
      );
    }
    return issues;
  });
};

/** Texts past the contract's maxima (shared/limits.ts): the server would refuse the plan. */
const lengthRule: Rule = (read) => {
  const tooLong = (text: string | undefined, max: number, cell: string, what: string) =>
    text !== undefined && text.trim().length > max
      ? [
          issue(
            'error',
            'text.too_long',
            cell,
            `${what} tiene ${thousands(text.trim().length)} caracteres; el máximo es ${thousands(max)}. Acórtelo.`,
          ),
        ]
      : [];
  return [
    ...read.axes.flatMap((axis) =>
      tooLong(axis.name, TEXT_MAX.axisName, axis.cell, `El nombre del eje ${axis.number}`),
    ),
    ...read.activities.flatMap((a) => [
      ...tooLong(
        a.description,
        TEXT_MAX.description,
        a.cells.description,
        `La descripción de la actividad ${a.id}`,
      ),
      ...tooLong(
        a.period,
        TEXT_MAX.period,
        a.cells.period ?? a.cells.description,
        `El periodo de la actividad ${a.id}`,
      ),
    ]),
  ];
};

const RULES: Rule[] = [
  axisRules,
  activityRules,
  lengthRule,
  periodRule,
  statusOutsidePlanRule,
  timeRules,
];

/** Every issue of a read cronograma: what the reader flagged plus the design's rules, sorted as the sheet reads. */
export function validateCronograma(
  read: CronogramaRead,
  context: ValidationContext = {},
): ValidationIssue[] {
  return sortIssues([...read.issues, ...RULES.flatMap((rule) => rule(read, context))]);
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
