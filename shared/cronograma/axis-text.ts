/**
 * How staff write an axis (eje de acción): a number in its own column ("2", "2.", "Eje 2", "II"),
 * a number and its name in one cell ("2. Educación cívica"), or a banner row above its
 * activities ("EJE 2. EDUCACIÓN CÍVICA", "Eje 2: …", "II. …").
 */
import { tidy } from '../text';

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** I … C as a number, only in canonical form (IIII and IC are not numerals). */
export function parseRoman(text: string): number | undefined {
  const s = text.toLowerCase();
  if (!/^[ivxlc]{1,7}$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const value = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return toRoman(total) === s ? total : undefined;
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [value, letters] of table)
    while (n >= value) {
      out += letters;
      n -= value;
    }
  return out;
}

const EJE = String.raw`eje(?:\s+de\s+acci[oó]n)?(?:\s+(?:n[uú]m(?:ero)?|no)\.?)?`;
const NUMBER = String.raw`(\d{1,2}|[ivxlc]{1,7})`;
const SEPARATOR = String.raw`\s*[.:)\-–—]`;

/** "2", "2.", "Eje 2", "EJE 2:", "II", "II." — a cell holding only an axis number. */
const NUMBER_ONLY = new RegExp(String.raw`^(?:${EJE}\s*)?${NUMBER}(?:${SEPARATOR})?$`, 'i');
/** "Eje 2. Nombre", "EJE 2 Nombre", "Eje II: Nombre". */
const EJE_AND_NAME = new RegExp(String.raw`^${EJE}\s*${NUMBER}(?:${SEPARATOR})?\s+(.+)$`, 'i');
/** "2. Nombre", "II. Nombre", "2) Nombre": a number must be set off from the name. */
const NUMBER_AND_NAME = new RegExp(String.raw`^${NUMBER}${SEPARATOR}\s*(\D.*)$`, 'i');

function axisNumber(token: string): number | undefined {
  const n = /^\d+$/.test(token) ? Number(token) : parseRoman(token);
  return n !== undefined && n >= 1 && n <= 99 ? n : undefined;
}

/** The axis number of a cell that holds only a number ("2", "Eje 2", "II."), else undefined. */
export function parseAxisNumber(text: string): number | undefined {
  const match = NUMBER_ONLY.exec(tidy(text));
  return match ? axisNumber(match[1]!) : undefined;
}

/**
 * An axis written with its name in one cell or banner: `{number, name}` from "EJE 2. Educación
 * cívica", "Eje 2: …", "2. …", "II. …"; undefined for text that does not start with an axis number.
 */
export function parseAxisTitle(text: string): { number: number; name: string } | undefined {
  const t = tidy(text);
  const match = EJE_AND_NAME.exec(t) ?? NUMBER_AND_NAME.exec(t);
  const number = match ? axisNumber(match[1]!) : undefined;
  if (number === undefined) return undefined;
  const name = tidy(match![2]!.replace(/^[.:)\-–—\s]+/, ''));
  return name ? { number, name } : undefined;
}

/** "Eje 2" with or without a name: what a banner row above its activities says. */
export function parseAxisBanner(text: string): { number: number; name: string } | undefined {
  const titled = parseAxisTitle(text);
  if (titled) return titled;
  const t = tidy(text);
  // A bare number is not a banner; "Eje 2" is.
  if (!/^eje\b/i.test(t)) return undefined;
  const number = parseAxisNumber(t);
  return number === undefined ? undefined : { number, name: '' };
}
