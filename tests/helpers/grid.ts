import { parseRange } from '../../shared/address';
import { MONTH_ABBREVIATIONS } from '../../shared/months';
import { CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { CronogramaRead, readCronograma } from '../../shared/cronograma/reader';

export const MONTH_HEADER: string[] = [...MONTH_ABBREVIATIONS];

/** Twelve month cells with a mark under the given months. */
export function marks(months: number[], mark: CellValue = '✓'): CellValue[] {
  return MONTH_HEADER.map((_, i) => (months.includes(i + 1) ? mark : null));
}

export function grid(
  values: CellValue[][],
  merges: string[] = [],
  extra: Partial<SheetGrid> = {},
): SheetGrid {
  return {
    name: 'Cronograma',
    values,
    merges: merges.map((m) => parseRange(m)!),
    ...extra,
  };
}

/** Reads a grid that must be a cronograma. */
export function read(g: SheetGrid): CronogramaRead {
  const result = readCronograma(g);
  if (!result.ok) throw new Error(`expected a cronograma: ${result.message}`);
  return result.cronograma;
}

export const HEADER: CellValue[] = ['No.', 'Ejes de acción', 'Actividades', ...MONTH_HEADER];
