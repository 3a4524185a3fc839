import { readWorkbookFile } from '../adapters/xlsx';
import { findCronograma } from '../shared/cronograma/find-sheet';
import { hasErrors, validateCronograma } from '../shared/cronograma/validate';
import { CronogramaRead } from '../shared/cronograma/reader';
import { ValidationIssue } from '../shared/schemas';
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
  return hasErrors(issues) ? ExitCode.SheetHasErrors : ExitCode.Ok;
}

/** The JSON contract of `pat validate --json` (DESIGN.md). */
export function toJson(read: CronogramaRead, issues: readonly ValidationIssue[]) {
  return {
    activities: read.activities.map((a) => ({
      id: a.id,
      axis: a.axis,
      description: a.description,
      months: a.months,
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

const SEVERITY_LABEL = { error: 'ERROR', warning: 'aviso' } as const;

export function humanReport(read: CronogramaRead, issues: readonly ValidationIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const axes = new Set(read.activities.map((a) => a.axis)).size;
  const lines = [
    `Hoja «${read.sheet}»${read.year ? `, año ${read.year}` : ''}: encabezado en la fila ${read.headerRow}.`,
    `${read.activities.length} actividades en ${axes} ejes · ${errors} ${errors === 1 ? 'error' : 'errores'} · ${warnings} ${warnings === 1 ? 'aviso' : 'avisos'}`,
  ];
  if (issues.length > 0) {
    const cellWidth = Math.max(5, ...issues.map((i) => i.cell.length));
    lines.push('', `${'Celda'.padEnd(cellWidth)}  Tipo   Qué hacer`);
    for (const i of issues)
      lines.push(
        `${i.cell.padEnd(cellWidth)}  ${SEVERITY_LABEL[i.severity].padEnd(5)}  ${i.message} [${i.code}]`,
      );
  }
  lines.push(
    '',
    errors > 0
      ? 'Corrija los errores antes de sincronizar.'
      : 'Sin errores: el cronograma se puede sincronizar.',
  );
  return lines.join('\n');
}
