import { readWorkbookFile } from '../backend/workbooks';
import { findCronograma } from '../shared/cronograma/find-sheet';
import { groupIssues } from '../shared/cronograma/issue-groups';
import { hasErrors, validateCronograma } from '../shared/cronograma/validate';
import { CronogramaRead } from '../shared/cronograma/reader';
import { ValidationIssue } from '../shared/schemas';
import { count } from '../shared/text';
import { ExitCode, UsageError, Output } from './output';

export interface ValidateOptions {
  sheet?: string;
  json?: boolean;
  today: string;
}

export async function validateCommand(
  file: string,
  options: ValidateOptions,
  out: Output,
): Promise<ExitCode> {
  const sheets = await readWorkbookFile(file);
  const found = findCronograma(sheets, options.sheet);
  if (!found.ok) throw new UsageError(found.message);
  const read = found.cronograma;
  const issues = validateCronograma(read, { today: options.today });
  out.stdout(options.json ? JSON.stringify(toJson(read, issues)) : humanReport(read, issues));
  return hasErrors(issues) ? ExitCode.Refused : ExitCode.Ok;
}

/** The JSON contract of `pat validate --json` (the README's «`pat` — command line»). */
export function toJson(read: CronogramaRead, issues: readonly ValidationIssue[]) {
  return {
    activities: read.activities.map((a) => ({
      id: a.id,
      axis: a.axis,
      description: a.description,
      months: a.months,
      // By month number, only where the sheet states one (a bare mark is `pendiente`, not listed).
      statuses: a.statuses,
      row: a.row,
    })),
    issues: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      cell: i.cell,
      message: i.message,
    })),
  };
}

/** Width the table's cell lists wrap at. */
const WIDTH = 80;

/**
 * The readable report: errors one per line, then each kind of warning as one heading with its
 * count and cells, and one of its messages so the user knows what to do.
 */
export function humanReport(read: CronogramaRead, issues: readonly ValidationIssue[]): string {
  const { errors, warnings } = groupIssues(issues);
  const axes = new Set(read.activities.map((a) => a.axis)).size;
  const lines = [
    `Hoja «${read.sheet}»${read.year ? `, año ${read.year}` : ''}: encabezado en la fila ${read.headerRow}.`,
    `${read.activities.length} actividades en ${axes} ejes · ${count(errors.length, 'error', 'errores')} · ${count(issues.length - errors.length, 'aviso', 'avisos')}`,
  ];
  if (errors.length > 0) {
    const cellWidth = Math.max(5, ...errors.map((i) => i.cell.length));
    lines.push(
      '',
      'Errores (impiden sincronizar):',
      `${'Celda'.padEnd(cellWidth)}  Tipo   Qué hacer`,
    );
    for (const i of errors)
      lines.push(`${i.cell.padEnd(cellWidth)}  ERROR  ${i.message} [${i.code}]`);
  }
  if (warnings.length > 0) {
    lines.push('', 'Avisos (no impiden sincronizar), por tipo:');
    for (const group of warnings) {
      const [first] = group.issues as [ValidationIssue, ...ValidationIssue[]];
      lines.push(
        '',
        ...wrapList(
          `${group.title} [${group.code}]:`,
          group.issues.map((i) => i.cell),
        ),
        group.issues.length === 1
          ? `  ${first.message}`
          : `  Por ejemplo, ${first.cell}: ${first.message}`,
      );
    }
  }
  lines.push(
    '',
    errors.length > 0
      ? 'Corrija los errores antes de sincronizar.'
      : 'Sin errores: el cronograma se puede sincronizar.',
  );
  return lines.join('\n');
}

/** «heading: E6, F7, …» in lines of at most WIDTH characters, later lines indented by two spaces. */
function wrapList(heading: string, items: readonly string[]): string[] {
  const lines: string[] = [];
  let line = heading;
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line.length + 1 + piece.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = `  ${piece}`;
    } else line = `${line} ${piece}`;
  });
  lines.push(line);
  return lines;
}
