import { Severity, ValidationIssue } from '../schemas';

export function issue(
  severity: Severity,
  code: string,
  cell: string,
  message: string,
): ValidationIssue {
  return { severity, code, cell, message };
}

const ROW_OF = /(\d+)$/;

/** Errors first, then by row and column, so the list reads top to bottom like the sheet. */
export function sortIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const key = (i: ValidationIssue) => Number(ROW_OF.exec(i.cell)?.[1] ?? 0);
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      key(a) - key(b) ||
      a.cell.length - b.cell.length ||
      a.cell.localeCompare(b.cell),
  );
}
