/** A sheet spec as text, row by row (for reading a failing case). */
import { SheetSpec, a1, extent, isFormula } from './sheet-spec';

export function renderSheet(sheet: SheetSpec): string {
  const box = extent(sheet, false);
  if (!box) return '(vacía)';
  const lines: string[] = [];
  for (let r = 0; r <= box.bottom; r++) {
    const cells: string[] = [];
    for (let c = 0; c <= box.right; c++) {
      const cell = sheet.cells.get(`${r},${c}`);
      const merge = sheet.merges.find((m) => m.top === r && m.left === c);
      let text = '';
      if (cell?.value !== undefined) {
        const v = cell.value;
        text =
          v instanceof Date
            ? `📅${v.toISOString().slice(0, 7)}`
            : isFormula(v)
              ? `=${v.formula}→${v.result}`
              : JSON.stringify(v);
      }
      if (cell?.fill) text += `[${cell.fill.slice(2)}]`;
      if (cell?.strike) text += '~~';
      if (merge) text += `{${a1(merge.top, merge.left)}:${a1(merge.bottom, merge.right)}}`;
      cells.push(text);
    }
    const hidden = sheet.hiddenRows.includes(r) ? ' (oculta)' : '';
    lines.push(`${String(r + 1).padStart(3)}${hidden} | ${cells.join(' | ')}`);
  }
  if (sheet.hiddenCols.length)
    lines.push(
      `columnas ocultas: ${sheet.hiddenCols.map((c) => a1(0, c).replace(/\d+/, '')).join(', ')}`,
    );
  return lines.join('\n');
}
