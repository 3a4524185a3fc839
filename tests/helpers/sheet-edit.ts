/**
 * Applies a SheetEdit to a grid the way Excel does (what the gateway asks of it): whole rows
 * inserted take the formats of the row above, merged areas below move down and those crossing
 * the insertion point grow, `''` clears a cell. Used to check edits by reading the sheet again.
 */
import { CellRange } from '../../shared/address';
import { CellStyle, CellValue, SheetGrid } from '../../shared/cronograma/grid';
import { SheetEdit } from '../../shared/cronograma/catch-up';

export interface EditedSheet {
  grid: SheetGrid;
  formulas: (string | undefined)[][];
}

export function applySheetEdit(
  grid: SheetGrid,
  edit: SheetEdit,
  formulas: (string | undefined)[][] = [],
): EditedSheet {
  if (grid.origin && (grid.origin.row || grid.origin.col))
    throw new Error('applySheetEdit works on grids starting at A1');
  const values: CellValue[][] = grid.values.map((r) => [...(r ?? [])]);
  const styles: (CellStyle | null | undefined)[][] = (grid.styles ?? []).map((r) => [...(r ?? [])]);
  const f = formulas.map((r) => [...(r ?? [])]);
  let merges: CellRange[] = (grid.merges ?? []).map((m) => ({ ...m }));
  for (const { before, count } of [...edit.insertRows].sort((a, b) => b.before - a.before)) {
    const above = styles[before - 1] ?? [];
    values.splice(before, 0, ...Array.from({ length: count }, () => []));
    styles.splice(
      before,
      0,
      ...Array.from({ length: count }, () => above.map((s) => (s ? { ...s } : s))),
    );
    f.splice(before, 0, ...Array.from({ length: count }, () => []));
    merges = merges.map((m) =>
      m.top >= before
        ? { ...m, top: m.top + count, bottom: m.bottom + count }
        : m.bottom >= before
          ? { ...m, bottom: m.bottom + count }
          : m,
    );
  }
  const at = <T>(rows: T[][], row: number) => {
    while (rows.length <= row) rows.push([]);
    return rows[row]!;
  };
  for (const v of edit.values) at(values, v.row)[v.col] = v.value === '' ? null : v.value;
  for (const x of edit.formulas) {
    at(f, x.row)[x.col] = x.formula;
    at(values, x.row)[x.col] = 0;
  }
  for (const x of edit.fills) {
    const row = at(styles, x.row);
    const { fill: _old, ...rest } = row[x.col] ?? {};
    row[x.col] = x.colour ? { ...rest, fill: x.colour } : rest;
  }
  for (const s of edit.strike) {
    const row = at(styles, s.row);
    for (let c = s.left; c <= s.right; c++) row[c] = { ...(row[c] ?? {}), strike: s.on };
  }
  return { grid: { ...grid, values, styles, merges }, formulas: f };
}
