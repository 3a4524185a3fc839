import { Status, parseStatus } from '../status';
import { fold } from '../text';
import { CellValue } from './grid';

export type MonthCell =
  | { kind: 'empty' }
  | { kind: 'mark' }
  | { kind: 'status'; status: Status }
  | { kind: 'unknown'; text: string };

// Short words staff type to mean "planned" (besides any glyph).
const MARK_WORDS = new Set(['x', 'si', 'ok', 'p', 'v']);

/**
 * What a month cell says: nothing, a bare planned mark (✓ ✔ • x > ... anything short and
 * symbolic), a status picked from the drop-down, or text we cannot interpret.
 */
export function classifyMonthCell(value: CellValue): MonthCell {
  if (value === null || value === undefined || value === false) return { kind: 'empty' };
  if (value === true || value instanceof Date) return { kind: 'mark' };
  if (typeof value === 'number') return value === 0 ? { kind: 'empty' } : { kind: 'mark' };
  const text = value.trim();
  if (text === '') return { kind: 'empty' };
  // A status may follow a mark ("✓ Realizada") when staff kept the mark and picked a status.
  const words = text.replace(/^[^\p{L}\p{N}]+/u, '');
  const status = parseStatus(words);
  if (status) return { kind: 'status', status };
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'mark' };
  if ([...text].length <= 2 || MARK_WORDS.has(fold(text))) return { kind: 'mark' };
  return { kind: 'unknown', text };
}
