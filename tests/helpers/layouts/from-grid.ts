/**
 * A sheet read from a real .xlsx (a SheetGrid, as exceljs gives it) as a SheetSpec, so the same
 * file can be handed to the pane's gateway through the mock Excel (specToExcelMock): files made
 * by LibreOffice reach the pane's path as they reach the CLI's.
 */
import { SheetGrid } from '../../../shared/cronograma/grid';
import { CellSpec, SheetSpec, key } from './sheet-spec';

export function gridToSheetSpec(grid: SheetGrid): SheetSpec {
  const cells = new Map<string, CellSpec>();
  grid.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const style = grid.styles?.[r]?.[c];
      const numFmt = grid.numberFormats?.[r]?.[c];
      const cell: CellSpec = {
        ...(value !== null && value !== undefined ? { value } : {}),
        ...(numFmt && numFmt !== 'General' ? { numFmt } : {}),
        ...(style?.fill?.startsWith('#') ? { fill: `FF${style.fill.slice(1)}` } : {}),
        ...(style?.strike ? { strike: true } : {}),
      };
      if (Object.keys(cell).length > 0) cells.set(key(r, c), cell);
    }),
  );
  return { name: grid.name, cells, merges: grid.merges ?? [], hiddenRows: [], hiddenCols: [] };
}
