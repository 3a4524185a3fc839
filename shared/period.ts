import { MONTHS, Month, monthName, parseMonth } from './months';
import { fold, spanishList } from './text';

/**
 * Reads a declared execution period ("Enero-diciembre", "Junio- noviembre", "De febrero a
 * noviembre", "Marzo", "Enero, abril y julio") into the set of months it covers.
 * Returns undefined when the text cannot be read as months: callers report it, never guess.
 */
export function parsePeriod(text: string): Month[] | undefined {
  const folded = fold(text).replace(/^(del?|durante)\s+/, '');
  if (folded === '') return undefined;
  if (/^(todo el ano|anual|permanente)$/.test(folded)) return [...MONTHS];

  const range = folded.match(/^(?:de\s+)?([a-z.]+)\s*(?:-|–|—|\ba\b|\bal\b)\s*([a-z.]+)$/);
  if (range) {
    const from = parseMonth(range[1] as string);
    const to = parseMonth(range[2] as string);
    if (from === undefined || to === undefined || to < from) return undefined;
    return MONTHS.filter((m) => m >= from && m <= to);
  }

  const parts = folded.split(/\s*(?:,|;|\by\b)\s*/).filter((p) => p !== '');
  const months = parts.map(parseMonth);
  if (months.length === 0 || months.some((m) => m === undefined)) return undefined;
  return [...new Set(months as Month[])].sort((a, b) => a - b);
}

/** The shortest Spanish text for a set of months: "Enero-diciembre", "Marzo", "Enero, abril y julio". */
export function formatPeriod(months: readonly Month[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  const first = sorted[0] as Month;
  const last = sorted[sorted.length - 1] as Month;
  const contiguous = last - first + 1 === sorted.length;
  if (sorted.length === 1) return monthName(first);
  if (contiguous) return `${monthName(first)}-${monthName(last).toLowerCase()}`;
  const names = sorted.map((m, i) => (i === 0 ? monthName(m) : monthName(m).toLowerCase()));
  return spanishList(names);
}

export function sameMonths(a: readonly Month[], b: readonly Month[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((m) => sb.has(m));
}
