/** Reading a generated sheet through each path, and what "read exactly" means. */
import { readWorkbookBuffer } from '../../../backend/xlsx/workbook';
import { findCronograma } from '../../../shared/cronograma/find-sheet';
import { CronogramaRead } from '../../../shared/cronograma/reader';
import { Expected, WorkbookSpec } from './sheet-spec';
import { specToBuffer } from './to-workbook';

/** The fields of an activity the spec fixes. */
export function activityView(a: CronogramaRead['activities'][number]) {
  return {
    id: a.id,
    axis: a.axis,
    axisName: a.axisName,
    description: a.description,
    months: [...a.months],
    statuses: { ...a.statuses },
    row: a.row,
  };
}

/** Writes the spec as a real .xlsx, reads it back with the adapter and finds the cronograma. */
export async function readThroughXlsx(spec: WorkbookSpec) {
  const buffer = await specToBuffer(spec);
  const sheets = await readWorkbookBuffer(buffer, 'generado.xlsx');
  return { sheets, found: findCronograma(sheets) };
}

type Retired = { description?: string; row?: number }[] | undefined;

/**
 * Asserts the read is exactly what a person reads: ids, axes, axis names, descriptions, months,
 * statuses, rows, year; retired activities left out; reading stopped at the summary table; and
 * no errors (every generated sheet is one a person reads without doubt).
 */
export function expectExactRead(read: CronogramaRead, expected: Expected, label = ''): void {
  const context = label ? `\n${label}` : '';
  try {
    expect(read.activities.map(activityView)).toEqual(expected.activities);
    expect(read.year).toBe(expected.year);
    const retired = (read as unknown as { retired?: Retired }).retired;
    if (expected.retired.length > 0)
      expect(retired).toEqual(
        expected.retired.map((r) =>
          expect.objectContaining({ description: r.description, row: r.row }),
        ),
      );
    const stops = read.issues.filter((i) => i.code === 'read.summary_stop');
    if (expected.summaryStop)
      expect(stops).toEqual([
        expect.objectContaining({ severity: 'warning', cell: expected.summaryStop }),
      ]);
    else expect(stops).toEqual([]);
    expect(read.issues.filter((i) => i.severity === 'error')).toEqual([]);
  } catch (error) {
    if (error instanceof Error) error.message += context;
    throw error;
  }
}

export function describeSpec(spec: WorkbookSpec): string {
  return spec.habits.join('; ');
}
