/**
 * Table Storage keys. Every key is checked against Azure's rules before it reaches storage
 * (no / \ # ?, no control characters, at most 1 KiB), and row keys are built so that a plain
 * ascending listing is the order people want: activities by axis and number, months in order,
 * history newest first.
 */
import { InvalidKeyError } from '../errors';

// Control characters are exactly what Azure forbids in keys.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
const MAX_KEY_BYTES = 1024;

export function checkKey(kind: 'PartitionKey' | 'RowKey', value: string): string {
  if (value.length === 0) throw new InvalidKeyError(`${kind} vacío.`);
  if (FORBIDDEN.test(value))
    throw new InvalidKeyError(
      `${kind} con caracteres no permitidos (/ \\ # ? o de control): ${JSON.stringify(value)}.`,
    );
  if (Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES)
    throw new InvalidKeyError(`${kind} de más de 1 KiB.`);
  return value;
}

/** "2.3" → "02.003": sorts 2.3 before 2.10 and axis 2 before axis 10. */
export function activitySortKey(activityId: string): string {
  const [axis, index] = activityId.split('.');
  return `${String(axis).padStart(2, '0')}.${String(index).padStart(3, '0')}`;
}

export const ROW = {
  program: (programId: string) => checkKey('RowKey', programId),
  activity: (activityId: string) => checkKey('RowKey', activitySortKey(activityId)),
  status: (activityId: string, month: number) =>
    checkKey('RowKey', `s_${activitySortKey(activityId)}_${String(month).padStart(2, '0')}`),
  /** Newest first: the row key counts down from the far future. */
  history: (at: Date, activityId: string, month: number, unique: string) =>
    checkKey(
      'RowKey',
      `h_${invertedTicks(at)}_${activitySortKey(activityId)}_${String(month).padStart(2, '0')}_${unique}`,
    ),
  session: (type: string, number: number) =>
    checkKey('RowKey', `${type}_${String(number).padStart(2, '0')}`),
  idempotency: (key: string) => checkKey('RowKey', key),
} as const;

/** Row keys of one kind share a prefix; ranges select them. */
export const PREFIX = { status: 's_', history: 'h_' } as const;

const FAR_FUTURE_MS = 9_999_999_999_999;
export function invertedTicks(at: Date): string {
  return String(FAR_FUTURE_MS - at.getTime()).padStart(13, '0');
}

export const PROGRAMS_PARTITION = 'program';
export const partitionOf = (programId: string) => checkKey('PartitionKey', programId);
