/** Calendar dates (YYYY-MM-DD) without time or zone: the days sessions fall on. */
import { DateTime } from 'luxon';

export type IsoDate = string;

export function isoDate(year: number, month: number, day: number): IsoDate {
  return DateTime.utc(year, month, day).toISODate() as IsoDate;
}

export function parseIsoDate(date: IsoDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parseIsoDate(date).plus({ days }).toISODate() as IsoDate;
}

/** 0 = Sunday … 6 = Saturday, as JavaScript numbers weekdays. */
export function weekdayOf(date: IsoDate): number {
  return parseIsoDate(date).weekday % 7;
}

export function daysInMonth(year: number, month: number): number {
  return DateTime.utc(year, month, 1).daysInMonth as number;
}

export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

export function dayOf(date: IsoDate): number {
  return Number(date.slice(8, 10));
}

/** The n-th (1–4) or last given weekday of a month. */
export function nthWeekday(
  year: number,
  month: number,
  weekday: number,
  week: 1 | 2 | 3 | 4 | 'last',
): IsoDate {
  if (week === 'last') {
    const last = daysInMonth(year, month);
    const lastWeekday = weekdayOf(isoDate(year, month, last));
    return isoDate(year, month, last - ((lastWeekday - weekday + 7) % 7));
  }
  const firstWeekday = weekdayOf(isoDate(year, month, 1));
  return isoDate(year, month, 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (week - 1));
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return DateTime.utc(year, month, day).isValid;
}

/** Whether `text` is a day written YYYY-MM-DD that exists (no 2021-02-30). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isValidDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

// Made on first use: a locale's first formatter costs milliseconds that every start would pay.
let spanish: Intl.DateTimeFormat | undefined;

/** "16 de septiembre de 2021". */
export function spanishDate(date: IsoDate): string {
  spanish ??= new Intl.DateTimeFormat('es-MX', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return spanish.format(parseIsoDate(date).toJSDate());
}

/** The date in Mexico City (YYYY-MM-DD) at an instant: the programme's clock, whatever the machine's zone. */
export function dateInMexicoCity(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
