/** Dates, times and numbers as a reader in Mexico City writes them (es-MX). */
import { MONTH_NAMES } from '../../shared/months';
import { spanishList } from '../../shared/text';
import { Status, statusLabel } from '../../shared/status';

const ZONE = 'America/Mexico_City';

const TIME = new Intl.DateTimeFormat('es-MX', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const DATE_TIME = new Intl.DateTimeFormat('es-MX', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
// A calendar date (YYYY-MM-DD) is no instant: read and written in UTC so no zone moves it.
const LONG_DATE = new Intl.DateTimeFormat('es-MX', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DATE = new Intl.DateTimeFormat('es-MX', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DAY_MONTH = new Intl.DateTimeFormat('es-MX', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
});
const NUMBER = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 1 });

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in Mexico City (YYYY-MM-DD) at an instant: the programme's clock, whatever the browser's zone. */
export const dateInMexicoCity = (instant: Date): string => DAY.format(instant);

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** «10:42:05». */
export const timeOfDay = (instant: Date): string => TIME.format(instant);
/** «jueves 26 de agosto de 2021». */
export const longDate = (date: string): string => LONG_DATE.format(utc(date)).replace(',', '');
/** «26 de agosto de 2021». */
export const dateText = (date: string): string => DATE.format(utc(date));
/** «26 de agosto»: where the year goes without saying (a session of the programme's year). */
export const dayMonthText = (date: string): string => DAY_MONTH.format(utc(date));
/** «10 ago 2021, 10:42» for an ISO instant; the text itself when it is not one. */
export function instantText(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : DATE_TIME.format(new Date(t));
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${NUMBER.format(bytes / 1024)} KB`;
  return `${NUMBER.format(bytes / 1024 / 1024)} MB`;
}

/** Whole percent, «0 %» when nothing was planned. */
export const percent = (done: number, planned: number): number =>
  planned === 0 ? 0 : Math.round((done / planned) * 100);

/** What a planned month's cell shows: its status, or «Vencida» for a closed month still pending. */
export type CellState = Status | 'vencida';

export const CELL_LABELS: Record<CellState, string> = {
  pendiente: statusLabel('pendiente'),
  en_proceso: statusLabel('en_proceso'),
  realizada: statusLabel('realizada'),
  reprogramada: statusLabel('reprogramada'),
  no_realizada: statusLabel('no_realizada'),
  cancelada: statusLabel('cancelada'),
  vencida: 'Vencida',
};

/** A symbol beside each colour, so the colour is never the only sign. */
export const CELL_SYMBOLS: Record<CellState, string> = {
  pendiente: '○',
  en_proceso: '◐',
  realizada: '✓',
  reprogramada: '↻',
  no_realizada: '✕',
  cancelada: '–',
  vencida: '!',
};

export const CELL_ORDER: CellState[] = [
  'realizada',
  'en_proceso',
  'pendiente',
  'vencida',
  'reprogramada',
  'no_realizada',
  'cancelada',
];

/** Each state as a count of «meses» says it: masculine, plural but for one («en proceso» never changes). */
const MONTH_COUNT_WORDS: Record<CellState, [string, string]> = {
  realizada: ['realizado', 'realizados'],
  en_proceso: ['en proceso', 'en proceso'],
  pendiente: ['pendiente', 'pendientes'],
  vencida: ['vencido', 'vencidos'],
  reprogramada: ['reprogramado', 'reprogramados'],
  no_realizada: ['no realizado', 'no realizados'],
  cancelada: ['cancelado', 'cancelados'],
};

/**
 * The planned months by state, agreeing with «meses», in the legend's order, states with none
 * left out: «115 realizados, 3 en proceso, 1 pendiente, 76 vencidos, 1 cancelado».
 */
export function monthCountsText(counts: ReadonlyMap<CellState, number>): string {
  return CELL_ORDER.filter((s) => (counts.get(s) ?? 0) > 0)
    .map((s) => {
      const n = counts.get(s)!;
      const [one, many] = MONTH_COUNT_WORDS[s];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}

/** «enero a julio», «enero, marzo a julio y octubre»: months in order, runs as ranges. */
export function monthRuns(months: readonly number[]): string {
  const name = (m: number) => MONTH_NAMES[m - 1]!.toLowerCase();
  const runs: [number, number][] = [];
  for (const m of [...months].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && m === last[1] + 1) last[1] = m;
    else runs.push([m, m]);
  }
  const parts = runs.map(([a, b]) =>
    a === b ? name(a) : b === a + 1 ? `${name(a)}, ${name(b)}` : `${name(a)} a ${name(b)}`,
  );
  return spanishList(parts);
}
