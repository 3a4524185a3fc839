import { ValidationIssue } from '../schemas';
import { count } from '../text';
import { sortIssues } from './issues';

/**
 * Issues arranged for reading: every error on its own, then the warnings of each kind together
 * under one title that states how many there are. Pure: the CLI's table and the task pane share it.
 */
export interface IssueGroups {
  /** Each error its own entry, in sheet order: each blocks sync and its message is specific to its cell. */
  errors: ValidationIssue[];
  /** One group per warning code, most important kind first. */
  warnings: WarningGroup[];
}

export interface WarningGroup {
  code: string;
  /** Spanish, with the count: «26 actividades con meses vencidos sin estatus». */
  title: string;
  /** The group's warnings in sheet order, each with its own cell and message. */
  issues: ValidationIssue[];
  /**
   * The closing sentences every message of the group shares («Registre su estatus …»), when the
   * group has more than one warning and they share any: said once, so each entry can say only
   * what is particular to it (see `issueDetail`).
   */
  advice?: string;
}

type Title = (n: number) => string;
const noun =
  (singular: string, plural: string): Title =>
  (n) =>
    count(n, singular, plural);

/**
 * Every warning code the code base emits, in the order their groups are listed: first what
 * changes how the sheet is read (rows ignored, axes), then the plan (periods), then follow-up
 * of statuses. The calendar's codes (`validateCalendar`) are here too, so any list of warnings
 * reads the same.
 */
const WARNING_TITLES: ReadonlyMap<string, Title> = new Map([
  [
    'read.summary_stop',
    noun('tabla resumen que detuvo la lectura', 'tablas resumen que detuvieron la lectura'),
  ],
  ['row.ignored', noun('fila ignorada', 'filas ignoradas')],
  [
    'sheet.months_from_periods',
    noun(
      'hoja sin columnas de meses (meses tomados de los periodos)',
      'hojas sin columnas de meses (meses tomados de los periodos)',
    ),
  ],
  [
    'column.unread_marks',
    noun('columna con marcas que no se leyeron', 'columnas con marcas que no se leyeron'),
  ],
  [
    'month.fill_unreadable',
    noun(
      'fila con colores de relleno que no se pudieron leer',
      'filas con colores de relleno que no se pudieron leer',
    ),
  ],
  ['axis.missing_number', noun('eje sin número', 'ejes sin número')],
  ['axis.missing_name', noun('eje sin nombre', 'ejes sin nombre')],
  ['axis.split', noun('eje repetido fuera de su bloque', 'ejes repetidos fuera de su bloque')],
  ['period.unreadable', noun('periodo que no se entiende', 'periodos que no se entienden')],
  [
    'document.activity_not_in_functions',
    noun(
      'actividad del cronograma que no está entre las acciones de su eje',
      'actividades del cronograma que no están entre las acciones de su eje',
    ),
  ],
  [
    'document.action_not_in_cronograma',
    noun('acción sin meses en el cronograma', 'acciones sin meses en el cronograma'),
  ],
  [
    'document.line_without_objective',
    noun('línea estratégica fuera de su objetivo', 'líneas estratégicas fuera de su objetivo'),
  ],
  [
    'document.session_unreadable',
    noun('sesión que no se entiende', 'sesiones que no se entienden'),
  ],
  [
    'month.executed_unplanned',
    noun('mes ejecutado sin estar programado', 'meses ejecutados sin estar programados'),
  ],
  [
    'period.mismatch',
    noun('periodo que no coincide con las marcas', 'periodos que no coinciden con las marcas'),
  ],
  [
    'status.realizada_without_evidence',
    noun('mes realizado sin evidencia', 'meses realizados sin evidencia'),
  ],
  [
    'month.overdue',
    noun('actividad con meses vencidos sin estatus', 'actividades con meses vencidos sin estatus'),
  ],
  [
    'calendar.no_ratification_session',
    noun('sesión de ratificación faltante en enero', 'sesiones de ratificación faltantes en enero'),
  ],
  [
    'calendar.no_approval_session',
    noun(
      'sesión de aprobación faltante en septiembre',
      'sesiones de aprobación faltantes en septiembre',
    ),
  ],
  ['calendar.session_on_rest_day', noun('sesión en día inhábil', 'sesiones en días inhábiles')],
]);

const ORDER = [...WARNING_TITLES.keys()];

/** The warning codes that have their own title, in display order. */
export const TITLED_WARNING_CODES: readonly string[] = ORDER;

/** «26 actividades con meses vencidos sin estatus»; an unknown code reads «3 avisos (codigo.nuevo)». */
export function warningGroupTitle(code: string, n: number): string {
  return WARNING_TITLES.get(code)?.(n) ?? `${count(n, 'aviso', 'avisos')} (${code})`;
}

/** Errors one by one, then warnings grouped by code; each list in sheet order. */
export function groupIssues(issues: readonly ValidationIssue[]): IssueGroups {
  const sorted = sortIssues(issues);
  const byCode = new Map<string, ValidationIssue[]>();
  for (const i of sorted)
    if (i.severity === 'warning') {
      const list = byCode.get(i.code);
      if (list) list.push(i);
      else byCode.set(i.code, [i]);
    }
  // Known codes in the catalogue's order; unknown ones after them, as they first appear in the sheet.
  const rank = (code: string) => {
    const r = ORDER.indexOf(code);
    return r === -1 ? ORDER.length : r;
  };
  const codes = [...byCode.keys()].sort((a, b) => rank(a) - rank(b));
  return {
    errors: sorted.filter((i) => i.severity === 'error'),
    warnings: codes.map((code) => {
      const list = byCode.get(code) as ValidationIssue[];
      const advice = list.length > 1 ? sharedClosing(list.map((i) => i.message)) : undefined;
      return {
        code,
        title: warningGroupTitle(code, list.length),
        issues: list,
        ...(advice === undefined ? {} : { advice }),
      };
    }),
  };
}

/** What the message says beyond the group's shared advice (the whole message when there is none). */
export function issueDetail(issue: ValidationIssue, group: Pick<WarningGroup, 'advice'>): string {
  const { advice } = group;
  if (advice === undefined || !issue.message.endsWith(advice)) return issue.message;
  return issue.message.slice(0, -advice.length).trimEnd();
}

/** A new sentence starts after `.`, `!` or `?` and white space, with a capital, `«` or `¿`/`¡`. */
const SENTENCE_START = /[.!?]\s+(?=[A-ZÁÉÍÓÚÜÑ«¿¡])/gu;

/** Where each later sentence of a message starts (never 0: a message is never all advice). */
function sentenceStarts(message: string): number[] {
  return [...message.matchAll(SENTENCE_START)].map((m) => m.index + m[0].length);
}

/** The longest run of whole closing sentences every message ends with, if any. */
function sharedClosing(messages: readonly string[]): string | undefined {
  const [first, ...rest] = messages as [string, ...string[]];
  for (const start of sentenceStarts(first)) {
    const tail = first.slice(start);
    if (rest.every((m) => m.endsWith(tail) && sentenceStarts(m).includes(m.length - tail.length)))
      return tail;
  }
  return undefined;
}
