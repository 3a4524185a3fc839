import { fold } from '../text';

export const WEEKDAY_NAMES_ES = [
  'domingo',
  'lunes',
  'martes',
  'miércoles',
  'jueves',
  'viernes',
  'sábado',
] as const;
const WEEKDAY_NAMES_EN = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/** "thursday", "Thursday", "jueves", "Jue", "thu", "4" → 4 (0 = Sunday). */
export function parseWeekday(text: string): number | undefined {
  const key = fold(text).replace(/\.$/, '');
  if (/^[0-6]$/.test(key)) return Number(key);
  for (const names of [WEEKDAY_NAMES_EN, WEEKDAY_NAMES_ES.map(fold)]) {
    const index = names.findIndex(
      (name) => name === key || (key.length >= 3 && name.startsWith(key)),
    );
    if (index >= 0) return index;
  }
  return undefined;
}

/** "last", "última", "ultima", "1".."4" → the week of the month. */
export function parseWeekOfMonth(text: string): 1 | 2 | 3 | 4 | 'last' | undefined {
  const key = fold(text);
  if (['last', 'ultima', 'ultimo'].includes(key)) return 'last';
  if (/^[1-4]$/.test(key)) return Number(key) as 1 | 2 | 3 | 4;
  return undefined;
}
