/**
 * Large JSON in one Table Storage entity: gzip, then split into binary properties of at most
 * 64 KiB each (the per-property limit), within the 1 MiB entity limit. A sync answer of 20,000
 * results is far too big as a string property and fits compressed.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { EntityTooLargeError } from '../errors';
import { thousands } from '../../shared/text';

const PART_BYTES = 60 * 1024;
/** Leaves room under 1 MiB for keys and the other properties. */
export const MAX_PARTS = 15;

/** Over MAX_PARTS compressed: too big for one entity. */
export class TooLargeError extends EntityTooLargeError {}

export function toParts(value: unknown): Record<string, Uint8Array | number> {
  const zipped = gzipSync(JSON.stringify(value));
  const count = Math.ceil(zipped.length / PART_BYTES);
  if (count > MAX_PARTS) throw new TooLargeError(`${thousands(zipped.length)} bytes comprimidos`);
  const parts: Record<string, Uint8Array | number> = { parts: count };
  for (let i = 0; i < count; i++)
    parts[`part${i}`] = new Uint8Array(zipped.subarray(i * PART_BYTES, (i + 1) * PART_BYTES));
  return parts;
}

export function fromParts(entity: Record<string, unknown>): unknown {
  const count = Number(entity.parts);
  const chunks = Array.from({ length: count }, (_, i) =>
    Buffer.from(entity[`part${i}`] as Uint8Array),
  );
  return JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8'));
}

/** A JSON value kept in parts, or (rows written before parts) as a JSON string in `legacy`. */
export function jsonOf(entity: object, legacy: string): unknown {
  const text = (entity as Record<string, unknown>)[legacy];
  return typeof text === 'string' ? JSON.parse(text) : fromParts(entity as Record<string, unknown>);
}
