/**
 * Table Storage's limits, checked before anything is written: a property holds at most 64 KiB (a
 * string 32,768 UTF-16 characters), an entity 1 MiB and 252 properties of its own, a transaction
 * 100 entities and 4 MiB. The contract's maxima (shared/limits.ts) keep every request far below
 * them; this is the last word, so that a write Azure would refuse midway is refused whole, before
 * its first transaction — never a programme written by halves.
 *
 * Sizes by Azure's published formula: 4 bytes, the keys at 2 bytes a character, and per property
 * 8 bytes, its name at 2 bytes a character and its value (a string 2 bytes a character + 4, binary
 * its bytes + 4, a number or date 8, a boolean 1, a GUID 16).
 */
import { EntityTooLargeError } from '../errors';
import { thousands } from '../../shared/text';

export const MAX_PROPERTY_BYTES = 64 * 1024;
export const MAX_ENTITY_BYTES = 1024 * 1024;
export const MAX_PROPERTIES = 252;
/** What one transaction may carry: Azure's 4 MiB, less room for the batch's own envelope. */
export const MAX_TRANSACTION_BYTES = 3.5 * 1024 * 1024;

const KEYS = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag']);

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return value.length * 2 + 4;
  if (value instanceof Uint8Array) return value.byteLength + 4;
  if (typeof value === 'boolean') return 1;
  if (value && typeof value === 'object' && 'value' in value && 'type' in value) {
    const typed = value as { value: unknown; type: string };
    if (typed.type === 'Binary') return Math.ceil((String(typed.value).length * 3) / 4) + 4;
    if (typed.type === 'Guid') return 16;
    return typeof typed.value === 'string' && typed.type === 'String'
      ? typed.value.length * 2 + 4
      : 8;
  }
  return 8;
}

/** The entity's size in bytes; throws EntityTooLargeError naming what does not fit. */
export function checkEntitySize(entity: Record<string, unknown>): number {
  const keys = String(entity.partitionKey ?? '') + String(entity.rowKey ?? '');
  let size = 4 + keys.length * 2;
  let properties = 0;
  for (const [name, value] of Object.entries(entity)) {
    if (KEYS.has(name) || value === undefined) continue;
    properties++;
    const bytes = valueBytes(value);
    if (bytes - 4 > MAX_PROPERTY_BYTES)
      throw new EntityTooLargeError(
        `«${name}» ocupa ${thousands(bytes - 4)} bytes (máximo ${thousands(MAX_PROPERTY_BYTES)})`,
      );
    size += 8 + name.length * 2 + bytes;
  }
  if (properties > MAX_PROPERTIES)
    throw new EntityTooLargeError(`${properties} propiedades (máximo ${MAX_PROPERTIES})`);
  if (size > MAX_ENTITY_BYTES)
    throw new EntityTooLargeError(
      `un registro de ${thousands(size)} bytes (máximo ${thousands(MAX_ENTITY_BYTES)})`,
    );
  return size;
}
