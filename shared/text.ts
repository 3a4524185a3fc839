/**
 * Text normalisation for comparing what staff type with what we expect:
 * case, accents, surrounding punctuation and runs of white space do not matter.
 */
export function fold(text: string): string {
  let folded = FOLDED.get(text);
  if (folded === undefined) {
    folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
    // Reading a sheet folds the same cells several times; a bounded memo keeps that cheap.
    if (FOLDED.size >= FOLD_MEMO_SIZE) FOLDED.clear();
    FOLDED.set(text, folded);
  }
  return folded;
}
const FOLD_MEMO_SIZE = 20_000;
const FOLDED = new Map<string, string>();

/** Collapses white space (line breaks inside a cell, double spaces) without changing the words. */
export function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A cell value as text: numbers and booleans as staff would read them, empty for nothing. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return tidy(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return tidy(String(value));
}

/** «a», «a y b», «a, b y c»: a list as a Spanish sentence says it. */
export function spanishList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** "1 actividad", "3 actividades": Spanish agreement for counts in messages. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * A whole number as Mexico writes it, «12,345» (what `toLocaleString('es-MX')` gives), without
 * ICU: loading a locale costs about 18 ms the first time, on every cold start that builds a
 * schema's message.
 */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
