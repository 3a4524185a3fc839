import { fold } from './text';

export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
export const MONTHS: readonly Month[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const MONTH_NAMES = [
  'Enero',
  'Febrero',
  'Marzo',
  'Abril',
  'Mayo',
  'Junio',
  'Julio',
  'Agosto',
  'Septiembre',
  'Octubre',
  'Noviembre',
  'Diciembre',
] as const;

/** The abbreviations of the cronograma's header row. */
export const MONTH_ABBREVIATIONS = [
  'Ene',
  'Feb',
  'Mar',
  'Abr',
  'May',
  'Jun',
  'Jul',
  'Ago',
  'Sep',
  'Oct',
  'Nov',
  'Dic',
] as const;

// Spellings staff use besides the full name and its first three letters.
const EXTRA_SPELLINGS: Record<string, Month> = {
  sept: 9,
  set: 9,
  setiembre: 9,
};

const BY_SPELLING: ReadonlyMap<string, Month> = new Map<string, Month>([
  ...MONTH_NAMES.map((name, i) => [fold(name), (i + 1) as Month] as const),
  ...MONTH_ABBREVIATIONS.map((abbr, i) => [fold(abbr), (i + 1) as Month] as const),
  ...Object.entries(EXTRA_SPELLINGS),
]);

/**
 * The month a Spanish name or abbreviation denotes ("Enero", "ene", "ENE.", "Sept", "Set",
 * "Sépt."), or undefined when the text is not a month.
 */
export function parseMonth(text: string): Month | undefined {
  const key = fold(text).replace(/\.$/, '');
  return BY_SPELLING.get(key);
}

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] as string;
}

export function monthAbbreviation(month: number): string {
  return MONTH_ABBREVIATIONS[month - 1] as string;
}

export function isMonth(value: number): value is Month {
  return Number.isInteger(value) && value >= 1 && value <= 12;
}

/** A month of a year has closed once the first day of the next month has come (dates YYYY-MM-DD). */
export function monthClosedBy(year: number, month: number, date: string): boolean {
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return date >= next;
}
